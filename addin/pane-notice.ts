// A prompt for the user — a field to fill, a step to take first — thrown from an action and shown as it is in the
// section's status line. Anything else that fails is shown as "操作失败：…" (a fault, not the user's next step).
export class PaneNotice extends Error {
  override name = 'PaneNotice';
}

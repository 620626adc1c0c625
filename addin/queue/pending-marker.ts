// A queued report lives only in this computer's browser storage. Office may move an add-in to another webview, change
// its storage partition or clear site data, and the queue is gone without a word. So the keys of queued reports are
// mirrored into the workbook's settings (a few dozen bytes each, saved only when they change): a key the workbook
// remembers that is neither queued nor delivered here was lost, and the pane says so instead of staying silent.
// The workbook travels, so the same warning appears on another computer that opens it — the text says both.
import type { QueueItem } from './submission-queue.ts';

export interface PendingMark {
  key: string;
  period: string;
  unitId?: string;
}

export const PENDING_SETTING = 'pendingReports';

export function marksOf(queue: readonly QueueItem[]): PendingMark[] {
  return queue.map((q) => ({ key: q.key, period: q.submission.period, ...(q.unitId ? { unitId: q.unitId } : {}) }));
}

/** Marks whose report is neither waiting in this computer's queue nor delivered from it. */
export function lostReports(
  marks: readonly PendingMark[],
  queueKeys: ReadonlySet<string>,
  deliveredKeys: ReadonlySet<string>,
): PendingMark[] {
  return marks.filter((m) => !queueKeys.has(m.key) && !deliveredKeys.has(m.key));
}

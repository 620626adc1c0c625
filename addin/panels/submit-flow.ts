// The 提交 step as a state machine, one pure function: idle → checked → confirming → sending → receipt / queued /
// refused. It owns the period being confirmed; submit-panel.ts feeds it events and draws each state. `C` is the
// check result the confirmation would send (a SheetCheck in the pane), kept opaque here.

export interface Verdict<C> {
  check: C;
  /** False when the sheet has errors: nothing can be sent. */
  canSubmit: boolean;
  /** Data rows the submission would carry. */
  rows: number;
}

/** What the queue answered for one submission (addin/queue SendOutcome, kept opaque). */
export interface Sent<O> {
  status: 'delivered' | 'queued' | 'failed' | 'discarded';
  outcome: O;
}

export type SubmitState<C, O> =
  | { step: 'idle' }
  /** The latest check's verdict; with canSubmit, 校验并准备提交 may open the confirmation. */
  | { step: 'checked'; verdict: Verdict<C> }
  /** The confirmation is open for `period`; `chosen` once the user picked it (a new default no longer replaces it). */
  | { step: 'confirming'; verdict: Verdict<C>; period: string; chosen: boolean }
  | { step: 'sending'; verdict: Verdict<C>; period: string }
  | { step: 'receipt'; outcome: O }
  /** Kept on this computer; the queue sends it again later. */
  | { step: 'queued'; outcome: O }
  /** The server refused it (or it failed for good): nothing was stored. */
  | { step: 'refused'; outcome: O };

export type SubmitEvent<C, O> =
  /** A validation finished (校验 or 校验并准备提交). */
  | { type: 'checked'; verdict: Verdict<C> }
  /** 校验并准备提交 found no errors: open the confirmation on the preselected period. */
  | { type: 'prepare'; period: string }
  /** The preselected period changed (the server's state arrived or changed, e.g. a 退回). */
  | { type: 'preselect'; period: string }
  | { type: 'choose'; period: string }
  | { type: 'cancel' }
  | { type: 'send' }
  /** Sending broke off before the queue could answer (an unexpected error): back to the confirmation. */
  | { type: 'interrupted' }
  /** The queue's answer: to our own send, or to a background retry of an earlier one. */
  | { type: 'sent'; sent: Sent<O> }
  /** Another file or sheet was chosen: the last check no longer describes what would be sent. */
  | { type: 'reset' };

export const IDLE = { step: 'idle' } as const;

export function nextSubmitState<C, O>(state: SubmitState<C, O>, event: SubmitEvent<C, O>): SubmitState<C, O> {
  switch (event.type) {
    case 'checked':
      // What is on its way goes as it was checked; the new verdict matters for the next send only.
      if (state.step === 'sending') return state;
      // A sheet that broke again closes the confirmation: it would send what no longer passes.
      if (state.step === 'confirming' && event.verdict.canSubmit) return { ...state, verdict: event.verdict };
      return { step: 'checked', verdict: event.verdict };
    case 'prepare':
      if (state.step !== 'checked' || !state.verdict.canSubmit) return state;
      return { step: 'confirming', verdict: state.verdict, period: event.period, chosen: false };
    case 'preselect':
      if (state.step !== 'confirming' || state.chosen) return state;
      return { ...state, period: event.period };
    case 'choose':
      if (state.step !== 'confirming') return state;
      return { ...state, period: event.period, chosen: true };
    case 'cancel':
      return state.step === 'confirming' ? { step: 'checked', verdict: state.verdict } : state;
    case 'send':
      return state.step === 'confirming' ? { step: 'sending', verdict: state.verdict, period: state.period } : state;
    case 'interrupted':
      return state.step === 'sending'
        ? { step: 'confirming', verdict: state.verdict, period: state.period, chosen: true }
        : state;
    case 'sent':
      return afterSent(state, event.sent);
    case 'reset':
      return state.step === 'sending' ? state : IDLE;
  }
}

function afterSent<C, O>(state: SubmitState<C, O>, sent: Sent<O>): SubmitState<C, O> {
  const { status, outcome } = sent;
  if (state.step === 'sending') {
    if (status === 'delivered') return { step: 'receipt', outcome };
    if (status === 'queued') return { step: 'queued', outcome };
    if (status === 'failed') return { step: 'refused', outcome };
    return { step: 'checked', verdict: state.verdict };
  }
  // A background retry delivered an earlier submission: show its receipt unless the user is mid-confirmation.
  if (status === 'delivered' && state.step !== 'confirming') return { step: 'receipt', outcome };
  return state;
}

// 提交: wires the 提交 area to its state machine (submit-flow.ts) and draws each state. This is the one module that
// writes the period select (#period): its choices come from the server's state (period-choice.ts), the choice itself
// lives in the machine. A click goes: 校验并准备提交 → check → confirmation (period, what will happen, in words) →
// 确认提交 → the offline queue (queue/submission-queue.ts) → the HTTP call (api/client.ts postReport).
import type { UnitStatus } from '../../core/reports/unit-status.ts';
import { toSubmission, type SheetCheck } from '../check-sheet.ts';
import type { SendOutcome } from '../queue/submission-queue.ts';
import { h } from '../ui/dom.ts';
import { choiceLabel, choiceOutcome, periodChoicesOf, type PeriodChoices } from '../ui/period-choice.ts';
import { periodChoices } from '../ui/period-options.ts';
import { renderReceipt } from '../ui/receipt-view.ts';
import type { CheckPanel } from './check-panel.ts';
import { $, input, type PaneContext } from './pane-context.ts';
import { localSettings } from './settings-panel.ts';
import { IDLE, nextSubmitState, type SubmitEvent, type SubmitState } from './submit-flow.ts';
import { PaneNotice } from '../pane-notice.ts';

type State = SubmitState<SheetCheck, SendOutcome>;

export interface SubmitPanel {
  /** A validation finished (from 校验 or from 校验并准备提交). */
  checked(c: SheetCheck): void;
  /** What a send answered (our own, or a background retry's). */
  sent(o: SendOutcome): void;
  /** The server's state of this unit arrived (or could not be had): the choices and the preselected period follow it. */
  statusChanged(status: UnitStatus | undefined): void;
  /** Another file or sheet was chosen. */
  reset(): void;
  /** The period a report would go to now: the one chosen while confirming, else the one preselected (佐证材料 files are filed under it). */
  period(): string;
  wire(): void;
}

export function createSubmitPanel(
  ctx: PaneContext,
  check: Pick<CheckPanel, 'run'>,
  afterSend: (o: SendOutcome[]) => void,
): SubmitPanel {
  let state: State = IDLE;
  let status: UnitStatus | undefined;

  function options(): PeriodChoices {
    return periodChoicesOf(status, periodChoices(ctx.openPeriod, 3, ctx.plan()));
  }

  function dispatch(event: SubmitEvent<SheetCheck, SendOutcome>): void {
    state = nextSubmitState(state, event);
    render();
  }

  function render(): void {
    const { t, locale } = ctx;
    const s = state;
    $('submit-panel').hidden = s.step !== 'confirming' && s.step !== 'sending';
    if (s.step === 'confirming' || s.step === 'sending') {
      const { choices } = options();
      // A period chosen before the server's state changed stays on offer.
      if (!choices.some((c) => c.period === s.period)) choices.unshift({ period: s.period, kind: 'unknown' });
      const select = $<HTMLSelectElement>('period');
      select.replaceChildren(
        ...choices.map((c) => h('option', { value: c.period, 'data-kind': c.kind }, choiceLabel(c, t, locale))),
      );
      select.value = s.period;
      const chosen = choices.find((c) => c.period === s.period)!;
      $('confirm-what').textContent = choiceOutcome(chosen, t, locale);
      $('confirm-what').dataset.kind = chosen.kind;
      $('confirm-rows').textContent = String(s.verdict.rows);
      $<HTMLButtonElement>('confirm-send').disabled = s.step === 'sending';
    }
    $('receipt').replaceChildren(
      ...(state.step === 'receipt' && state.outcome.status === 'delivered'
        ? [renderReceipt(state.outcome.entry, t, locale)]
        : []),
    );
    ctx.setStatus('submit-status', ...statusLine());
  }

  function statusLine(): [string, 'ok' | 'error' | ''] {
    const { t, locale } = ctx;
    const en = locale === 'en-US';
    if (state.step === 'checked' && !state.verdict.canSubmit)
      return [t('submitBlocked', { errors: state.verdict.check.errors }), 'error'];
    if (state.step === 'sending') return [t('sending'), ''];
    if (state.step === 'queued' && state.outcome.status === 'queued') {
      const secs = Math.round(Math.max(0, state.outcome.nextAttemptAt - Date.now()) / 1000);
      const error = en ? state.outcome.error.messageEn : state.outcome.error.message;
      return [`${t('queued', { when: en ? `${secs} s` : `${secs} 秒` })}${en ? ' ' : ''}${error}`, 'error'];
    }
    if (state.step === 'refused' && state.outcome.status === 'failed') {
      console.warn('[rectify] submission rejected', state.outcome.error);
      return [t('failed', { message: en ? state.outcome.error.messageEn : state.outcome.error.message }), 'error'];
    }
    return ['', ''];
  }

  async function send(): Promise<void> {
    if (state.step !== 'confirming') return;
    const me = ctx.me;
    const plan = ctx.plan();
    if (!me?.unit || !plan) throw new PaneNotice(ctx.notConnectedText());
    // Each row names its attached 佐证材料; the queue uploads those still waiting before it posts the report.
    const { signer, preparer, preparerPhone } = localSettings();
    const built = toSubmission(state.verdict.check, plan.id, state.period, signer ?? '', { preparer, preparerPhone });
    const submission = await (await ctx.evidence()).withEvidence(built, me.unit.id);
    dispatch({ type: 'send' });
    try {
      afterSend([await ctx.queue.submit(submission, { unitName: me.unit.name, unitId: me.unit.id })]);
    } finally {
      // The queue answers every send; only an unexpected error leaves the machine here (the error is shown).
      if ((state as State).step === 'sending') dispatch({ type: 'interrupted' });
    }
  }

  function wire(): void {
    $('prepare-submit').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'submit-status', async () => {
        if (!ctx.me?.unit) throw new PaneNotice(ctx.notConnectedText());
        const signer = input('signer').value.trim();
        if (!signer) throw new PaneNotice(ctx.t('needSigner'));
        const c = await check.run();
        if (c.errors) return;
        $('confirm-unit').textContent = ctx.me.unit.name;
        $('confirm-signer').textContent = signer;
        dispatch({ type: 'prepare', period: options().preselected });
      }),
    );
    $('period').addEventListener('change', () =>
      dispatch({ type: 'choose', period: $<HTMLSelectElement>('period').value }),
    );
    $('cancel-send').addEventListener('click', () => dispatch({ type: 'cancel' }));
    $('confirm-send').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'submit-status', send),
    );
  }

  return {
    checked: (c) => dispatch({ type: 'checked', verdict: { check: c, canSubmit: !c.errors, rows: c.dataRows.length } }),
    sent: (o) => dispatch({ type: 'sent', sent: { status: o.status, outcome: o } }),
    statusChanged: (s) => {
      status = s;
      dispatch({ type: 'preselect', period: options().preselected });
    },
    reset: () => dispatch({ type: 'reset' }),
    period: () => (state.step === 'confirming' || state.step === 'sending' ? state.period : options().preselected),
    wire,
  };
}

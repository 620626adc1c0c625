// 提交, 提交记录 and 打印报送单: the confirmation step, the offline queue's outcomes, flushing it and scheduling its
// retries, the history list, and the printable form.
import { periodLabel } from '../../core/index.ts';
import { toSubmission, type SheetCheck } from '../check-sheet.ts';
import type { SendOutcome } from '../queue/submission-queue.ts';
import type { CheckView } from '../ui/check-view.ts';
import { renderHistory } from '../ui/history-view.ts';
import { ApiClient } from '../api/client.ts';
import { prepareBrowserWindow } from '../open-browser.ts';
import { renderReceipt } from '../ui/receipt-view.ts';
import type { CheckPanel } from './check-panel.ts';
import { $, input, type PaneContext, type StatusKind } from './pane-context.ts';
import { createUnitStatusPanel } from './unit-status-panel.ts';

export interface SubmitPanel {
  /** The 提交 area's share of a validation verdict. */
  showVerdict(view: CheckView, c: SheetCheck): void;
  renderHistoryList(): void;
  /** Shows what a flush delivered, redraws 提交记录 and schedules the next retry. */
  afterFlush(outcomes: SendOutcome[]): void;
  /** Asks the server for this unit's standing (退回, the period owed) and shows it. */
  refreshServerState(): Promise<void>;
  wire(): void;
}

export function createSubmitPanel(ctx: PaneContext, check: Pick<CheckPanel, 'run' | 'last'>): SubmitPanel {
  const { queue } = ctx;
  /** Whether #submit-status currently shows a validation verdict (replaced by the next one) or a sending outcome. */
  let submitStatusFromCheck = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const serverState = createUnitStatusPanel(ctx);
  /** The period the user confirmed reporting although another one is owed (asked in the pane: no window.confirm);
   * asked again only when the period owed changes. */
  let confirmed: { owed: string; chosen: string } | undefined;

  function setSubmitStatus(text: string, kind: StatusKind = '', fromCheck = false): void {
    ctx.setStatus('submit-status', text, kind);
    submitStatusFromCheck = fromCheck;
  }

  function renderHistoryList(): void {
    $('history').replaceChildren(
      renderHistory(
        queue.list(),
        queue.receipts.list(),
        ctx.t,
        ctx.locale,
        {
          retry: (key) => void queue.retry(key, ctx.connectedUnitId()).then((o) => o && showOutcome(o)).finally(renderHistoryList),
          discard: (key) => {
            queue.discard(key);
            renderHistoryList();
          },
        },
        ctx.session ? (ctx.session.me.unit?.id ?? null) : undefined,
      ),
    );
  }

  function scheduleRetry(): void {
    if (retryTimer) clearTimeout(retryTimer);
    const due = queue.nextDueIn(ctx.connectedUnitId());
    if (due === undefined) return;
    retryTimer = setTimeout(() => void queue.flush({ unitId: ctx.connectedUnitId() }).then(afterFlush), due);
  }

  function afterFlush(outcomes: SendOutcome[]): void {
    for (const o of outcomes) if (o.status === 'delivered') showOutcome(o);
    renderHistoryList();
    scheduleRetry();
    if (outcomes.some((o) => o.status === 'delivered')) void serverState.refresh();
  }

  /** Shows the question when the chosen period is not the one owed and the user has not confirmed it yet. */
  function askAboutPeriod(chosen: string): boolean {
    const owed = serverState.current()?.owed;
    if (!owed || owed === chosen || (confirmed?.owed === owed && confirmed.chosen === chosen)) return false;
    const names = { owed: periodLabel(owed, { locale: ctx.locale, form: 'name' }), chosen: periodLabel(chosen, { locale: ctx.locale, form: 'name' }) };
    $('period-confirm-text').textContent = ctx.t('periodConfirm', names);
    $('period-confirm-yes').textContent = ctx.t('periodConfirmYes', names);
    $('period-confirm-owed').textContent = ctx.t('periodConfirmOwed', names);
    $('period-confirm').hidden = false;
    return true;
  }

  function showOutcome(o: SendOutcome): void {
    if (o.status === 'discarded') return;
    const { t, locale } = ctx;
    $('receipt').replaceChildren();
    if (o.status === 'delivered') {
      setSubmitStatus('');
      $('receipt').append(renderReceipt(o.entry, t, locale));
    } else if (o.status === 'queued') {
      const secs = Math.round(Math.max(0, o.nextAttemptAt - Date.now()) / 1000);
      const joiner = locale === 'en-US' ? ' ' : '';
      setSubmitStatus(`${t('queued', { when: locale === 'en-US' ? `${secs} s` : `${secs} 秒` })}${joiner}${locale === 'en-US' ? o.error.messageEn : o.error.message}`, 'error');
    } else {
      console.warn('[rectify] submission rejected', o.error);
      setSubmitStatus(t('failed', { message: locale === 'en-US' ? o.error.messageEn : o.error.message }), 'error');
    }
  }

  function showVerdict(view: CheckView, c: SheetCheck): void {
    if (!view.canSubmit) {
      // The confirmation would send a sheet that no longer passes: close it.
      $('submit-panel').hidden = true;
      setSubmitStatus(view.submit.text, view.submit.kind, true);
    } else {
      if (submitStatusFromCheck) setSubmitStatus('');
      $('confirm-rows').textContent = String(c.dataRows.length);
    }
  }

  function wire(): void {
    $('prepare-submit').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'submit-status', async () => {
        $('submit-panel').hidden = true;
        $('period-confirm').hidden = true;
        $('receipt').replaceChildren();
        if (!ctx.me?.unit) throw new Error(ctx.notConnectedText());
        const signer = input('signer').value.trim();
        if (!signer) throw new Error(ctx.t('needSigner'));
        const c = await check.run();
        if (c.errors) return;
        $('confirm-unit').textContent = ctx.me.unit.name;
        $('confirm-signer').textContent = signer;
        $('submit-panel').hidden = false;
      }),
    );

    $('cancel-send').addEventListener('click', () => {
      $('submit-panel').hidden = true;
    });

    $('confirm-send').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'submit-status', async () => {
        const lastCheck = check.last();
        const me = ctx.me;
        const plan = ctx.plan();
        if (!lastCheck || !me?.unit || !plan) return;
        const period = $<HTMLSelectElement>('period').value;
        if (askAboutPeriod(period)) return;
        $('period-confirm').hidden = true;
        const submission = toSubmission(lastCheck, plan.id, period, input('signer').value.trim());
        setSubmitStatus(ctx.t('sending'));
        const outcome = await queue.submit(submission, { unitName: me.unit.name, unitId: me.unit.id });
        $('submit-panel').hidden = true;
        showOutcome(outcome);
        renderHistoryList();
        scheduleRetry();
        if (outcome.status === 'delivered') await serverState.refresh();
      }),
    );

    serverState.wire();
    $('period').addEventListener('change', () => {
      $('period-confirm').hidden = true;
    });
    $('period-confirm-yes').addEventListener('click', () => {
      const owed = serverState.current()?.owed;
      if (owed) confirmed = { owed, chosen: $<HTMLSelectElement>('period').value };
      $('period-confirm').hidden = true;
      $('confirm-send').click();
    });
    $('period-confirm-owed').addEventListener('click', () => {
      const owed = serverState.current()?.owed;
      if (owed) $<HTMLSelectElement>('period').value = owed;
      $('period-confirm').hidden = true;
    });

    // 报送单: printed from what the server received for the chosen period, in the system browser, through a
    // 10-minute link that does not carry this computer's token.
    $('print').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'print-status', async () => {
        const session = ctx.session;
        if (!session?.me.unit) throw new Error(ctx.notConnectedText());
        const period = $<HTMLSelectElement>('period').value;
        let revision = 0;
        const tab = prepareBrowserWindow();
        try {
          // The server decides which revision is current (a resubmission from another computer, a 退回).
          await serverState.refresh();
          if (!serverState.current()) throw new Error(ctx.t('printOffline'));
          const filed = serverState.current()?.periods.find((p) => p.period === period)?.report;
          if (!filed) throw new Error(ctx.t('printNotFiled', { period: periodLabel(period, { locale: ctx.locale, form: 'name' }) }));
          tab.open((await new ApiClient({ baseUrl: session.server, token: session.token }).printLink(filed.reportId)).url);
          revision = filed.revision;
        } catch (err) {
          tab.cancel();
          throw err;
        }
        ctx.setStatus('print-status', ctx.t('printOpened', { period: periodLabel(period, { locale: ctx.locale, form: 'name' }), revision }), 'ok');
      }),
    );
  }

  return { showVerdict, renderHistoryList, afterFlush, refreshServerState: () => serverState.refresh(), wire };
}

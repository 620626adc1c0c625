// 打印报送单: its own period choice, from what the server holds for this unit (the periods with a current revision,
// newest first), so it works right after opening the pane. The 报送单 is printed from what the server received, in
// the system browser, through a 10-minute link that does not carry this computer's token.
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type UnitStatus } from '../../core/reports/unit-status.ts';
import { ApiClient } from '../api/client.ts';
import { prepareBrowserWindow } from '../open-browser.ts';
import { h } from '../ui/dom.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface PrintPanel {
  /** Refills the period choice from the server's state (keeping the user's choice while it is still offered). */
  statusChanged(status: UnitStatus | undefined): void;
  wire(): void;
}

export function createPrintPanel(
  ctx: PaneContext,
  server: { refresh(): Promise<void>; current(): UnitStatus | undefined },
): PrintPanel {
  const select = () => $<HTMLSelectElement>('print-period');

  function statusChanged(status: UnitStatus | undefined): void {
    if (!status) return; // Offline: keep what was offered; 打开打印页 asks the server again anyway.
    const filed = status.periods.filter((p) => p.report);
    const chosen = select().value;
    select().replaceChildren(
      ...filed.map((p) => {
        const state = ctx.t(p.state === 'returned' ? 'returned' : p.report!.timeliness);
        return h(
          'option',
          { value: p.period },
          `${periodLabel(p.period, { locale: ctx.locale, form: 'name' })}（${ctx.t('revisionN', { revision: p.report!.revision })}，${state}）`,
        );
      }),
    );
    if (filed.some((p) => p.period === chosen)) select().value = chosen;
    $('print').toggleAttribute('disabled', !filed.length);
    // Only the hint is replaced: the outcome of the last 打开打印页 stays readable.
    const hint = ctx.t('printNothingFiled');
    if (!filed.length) ctx.setStatus('print-status', hint);
    else if ($('print-status').textContent === hint) ctx.setStatus('print-status', '');
  }

  function wire(): void {
    $('print').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'print-status', async () => {
        const session = ctx.session;
        if (!session?.me.unit) throw new Error(ctx.notConnectedText());
        const period = select().value;
        let revision = 0;
        const tab = prepareBrowserWindow();
        try {
          // The server decides which revision is current (a resubmission from another computer, a 退回).
          await server.refresh();
          if (!server.current()) throw new Error(ctx.t('printOffline'));
          const filed = server.current()?.periods.find((p) => p.period === period)?.report;
          if (!filed)
            throw new Error(
              ctx.t('printNotFiled', {
                period: period ? periodLabel(period, { locale: ctx.locale, form: 'name' }) : '',
              }),
            );
          tab.open(
            (await new ApiClient({ baseUrl: session.server, token: session.token }).printLink(filed.reportId)).url,
          );
          revision = filed.revision;
        } catch (err) {
          tab.cancel();
          throw err;
        }
        ctx.setStatus(
          'print-status',
          ctx.t('printOpened', { period: periodLabel(period, { locale: ctx.locale, form: 'name' }), revision }),
          'ok',
        );
      }),
    );
  }

  return { statusChanged, wire };
}

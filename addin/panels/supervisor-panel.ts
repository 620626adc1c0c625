// 汇总 and 退回 (supervisors only): writes the summary sheets for a period and lists its reports, each with a 退回
// button that sends the reason typed above the list.
import type { ReportHeader } from '../../core/index.ts';
import type { ApiClient } from '../api/client.ts';
import { hasExcel, periodSheets, writeSheets, writeSummarySheets } from '../excel/index.ts';
import { renderSummaryUnits } from '../ui/summary-view.ts';
import { $, input, type PaneContext } from './pane-context.ts';

export interface SupervisorPanel {
  wire(): void;
}

export function createSupervisorPanel(ctx: PaneContext): SupervisorPanel {
  function renderUnits(summary: Awaited<ReturnType<ApiClient['summary']>>, reports: ReportHeader[]): void {
    $('summary-units').replaceChildren(
      renderSummaryUnits(summary, reports, ctx.t, (report) => {
        const reason = input('return-reason').value.trim();
        if (!reason) {
          ctx.setStatus('summary-status', `${ctx.t('returnReason')}？`, 'error');
          input('return-reason').focus();
          return;
        }
        void ctx
          .client()
          .returnReport(report.reportId, reason)
          .then(() => ctx.setStatus('summary-status', ctx.t('returnDone', { unit: report.unitName }), 'ok'))
          .catch((e) => ctx.setStatus('summary-status', ctx.errorText(e), 'error'));
      }),
    );
  }

  function wire(): void {
    $('write-summary').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
        const period = $<HTMLSelectElement>('summary-period').value || undefined;
        const api = ctx.client();
        const planId = ctx.plan()?.id;
        const [summary, matrix, reports, details] = await Promise.all([
          api.summary(period, planId), api.matrix(undefined, period, planId), api.listReports(period, planId), api.details(period, planId),
        ]);
        renderUnits(summary, reports);
        if (!hasExcel()) throw new Error(ctx.t('noExcel'));
        const plan = ctx.plan();
        const written = plan
          ? await writeSheets(periodSheets({ plan, summary, matrix, details }))
          : { names: await writeSummarySheets(summary, matrix, details), printSetup: true };
        const done = ctx.t('summaryDone', { sheets: written.names.join('、') });
        ctx.setStatus('summary-status', written.printSetup ? done : `${done} ${ctx.t('printSetupSkipped')}`, 'ok');
      }),
    );
  }

  return { wire };
}

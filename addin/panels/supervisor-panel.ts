// 汇总 and 退回 (supervisors only): writes the summary sheets for a period and lists its reports, each with a 退回
// button that sends the reason typed above the list.
import type { ReportHeader } from '../../core/index.ts';
import type { ApiClient } from '../api/client.ts';
import { hasExcel, summarySheets, writeSummarySheets } from '../excel/index.ts';
import { saveFile } from '../ui/save-file.ts';
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
    $('export-csv').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
        const period = $<HTMLSelectElement>('summary-period').value || undefined;
        const name = `整改报送-${period ?? 'current'}.csv`;
        saveFile(name, await ctx.client().exportCsv(period, ctx.plan()?.id));
        ctx.setStatus('summary-status', ctx.t('downloaded', { file: name }), 'ok');
      }),
    );
    $('write-summary').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
        const period = $<HTMLSelectElement>('summary-period').value || undefined;
        const api = ctx.client();
        const plan = ctx.plan()?.id;
        const [summary, matrix, reports, details] = await Promise.all([
          api.summary(period, plan), api.matrix(undefined, period, plan), api.listReports(period, plan), api.details(period, plan),
        ]);
        renderUnits(summary, reports);
        if (!hasExcel()) {
          // In a plain browser the same sheets arrive as an .xlsx download (the library is loaded on first use).
          const { specsToXlsx } = await import('../files/index.ts');
          const name = `整改汇总-${summary.period}.xlsx`;
          saveFile(name, await specsToXlsx(summarySheets(summary, matrix, details)));
          ctx.setStatus('summary-status', ctx.t('downloaded', { file: name }), 'ok');
          return;
        }
        const names = await writeSummarySheets(summary, matrix, details);
        ctx.setStatus('summary-status', ctx.t('summaryDone', { sheets: names.join('、') }), 'ok');
      }),
    );
  }

  return { wire };
}

// 载入上期报送: fetches this unit's latest current revision under the plan from the server and writes it as a new
// 整改清单 sheet, so each period is an update of the last one.
import { periodName } from '../../core/index.ts';
import { ApiClient } from '../api/client.ts';
import { $, type PaneContext } from './pane-context.ts';

export function wireLoadPrevious(ctx: PaneContext): void {
  $('load-previous').addEventListener('click', (ev) =>
    ctx.action(ev.currentTarget as HTMLButtonElement, 'template-status', async () => {
      const session = ctx.session;
      const plan = ctx.plan();
      const unit = ctx.units().find((u) => u.id === session?.me.unit?.id);
      if (!session || !unit) throw new Error(ctx.notConnectedText());
      if (!plan) throw new Error(ctx.t('noPlan'));
      const client = new ApiClient({ baseUrl: session.server, token: session.token });
      // Current revisions, newest period first.
      const [latest] = await client.listReports(undefined, plan.id);
      if (!latest) throw new Error(ctx.t('noPreviousReport'));
      const detail = await client.getReport(latest.reportId);
      // Loaded on first use: most periods start from the template or last period's sheet already in the workbook.
      const { loadPreviousReport } = await import('../excel/load-previous.ts');
      const r = await loadPreviousReport(plan, unit, detail.rows);
      ctx.setStatus('template-status', ctx.t('previousLoaded', { period: periodName(latest.period, ctx.locale), revision: latest.revision, sheet: r.sheetName, rows: r.rows }), 'ok');
    }),
  );
}

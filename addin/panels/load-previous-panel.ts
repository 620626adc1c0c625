// 载入上期报送: fetches this unit's latest current revision under the plan from the server, so each period is an
// update of the last one. In Excel it becomes a new 整改清单 sheet; in the page without Excel a 整改清单 .xlsx to
// download, fill and upload again.
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type ReportDetail, type ReportHeader } from '../../core/schemas/api.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { ApiClient } from '../api/client.ts';
import { deliverFile } from './deliver-file.ts';
import { $, type PaneContext } from './pane-context.ts';
import { PaneNotice } from '../pane-notice.ts';

async function latestRevision(
  ctx: PaneContext,
): Promise<{ plan: Plan; unit: Unit; latest: ReportHeader; detail: ReportDetail }> {
  const session = ctx.session;
  const plan = ctx.plan();
  const unit = ctx.units().find((u) => u.id === session?.me.unit?.id);
  if (!session || !unit) throw new PaneNotice(ctx.notConnectedText());
  if (!plan) throw new PaneNotice(ctx.t('noPlan'));
  const client = new ApiClient({ baseUrl: session.server, token: session.token });
  // Current revisions, newest period first.
  const [latest] = await client.listReports(undefined, plan.id);
  if (!latest) throw new PaneNotice(ctx.t('noPreviousReport'));
  return { plan, unit, latest, detail: await client.getReport(latest.reportId) };
}

export function wireLoadPrevious(ctx: PaneContext): void {
  $('load-previous').addEventListener('click', (ev) =>
    ctx.action(ev.currentTarget as HTMLButtonElement, 'template-status', async () => {
      const { plan, unit, latest, detail } = await latestRevision(ctx);
      // Loaded on first use: most periods start from the template or last period's sheet already in the workbook.
      const { loadPreviousReport } = await import('../excel/load-previous.ts');
      const r = await loadPreviousReport(plan, unit, detail.rows);
      ctx.setStatus(
        'template-status',
        ctx.t('previousLoaded', {
          period: periodLabel(latest.period, { locale: ctx.locale }),
          revision: latest.revision,
          sheet: r.sheetName,
          rows: r.rows,
        }),
        'ok',
      );
    }),
  );
  $('download-previous').addEventListener('click', (ev) =>
    ctx.action(ev.currentTarget as HTMLButtonElement, 'file-status', async () => {
      const { plan, unit, latest, detail } = await latestRevision(ctx);
      const period = periodLabel(latest.period, { locale: ctx.locale, form: 'name' });
      const file = `整改清单-${unit.name}-${period}.xlsx`;
      const { previousXlsx } = await import('../files/index.ts');
      const delivered = await deliverFile(ctx, file, await previousXlsx(plan, unit, detail.rows));
      ctx.setStatus(
        'file-status',
        ctx.t('previousDownloaded', { period, revision: latest.revision, delivered, rows: detail.rows.length }),
        'ok',
      );
    }),
  );
}

// 汇总 and 退回 (supervisors only): writes the period's sheets (整改进展汇总表 and the timeliness sheets, named for
// the period) and lists its reports. 退回 asks for confirmation in the pane (unit, period, revision, reason); the list
// follows each 退回 / 撤销退回 at once; 查看 shows a unit's current submission and can write it to a sheet.
// 整改进展汇总表 carries the 整改完成率 at the period's due day (GET /trends' closureAtEnd) under its title. 生成汇总表
// also draws the plan's 趋势 (inline SVG, with or without Excel) and rebuilds its 趋势 sheet in the same batch;
// 导出 CSV downloads the period's /export.csv.
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import { periodStateOf } from '../../core/reports/period-state.ts';
import { summaryFileName } from '../../core/downloads/summary-file-name.ts';
import { type ReportHeader, type Summary } from '../../core/schemas/api.ts';
// Straight from the files, not the excel/index.ts barrel: the barrel is shared with the unit's pane, and importing the
// sheet builders through it would pull them into the chunk every unit downloads.
import { hasExcel } from '../excel/host.ts';
import { periodSheets } from '../sheets/period-sheets.ts';
import { summarySheets, type SheetSpec } from '../sheets/summary-sheets.ts';
import { writeSheets } from '../excel/write-summary.ts';
import { linkEvidence } from '../sheets/evidence-links.ts';
import { evidenceLinkOrigin } from './evidence-link.ts';
import { reportSheet } from '../sheets/report-sheet.ts';
import { trendsSheet } from '../excel/trends-sheet.ts';
import { printNote } from './print-note.ts';
import { renderTrends } from '../ui/trends-view.ts';
import { renderReportDetail, renderReturnConfirm } from '../ui/report-view.ts';
import { deliverFile } from './deliver-file.ts';
import { renderSummaryUnits, showUnderUnit } from '../ui/summary-view.ts';
import { $, input, type PaneContext } from './pane-context.ts';

export interface SupervisorPanel {
  /** Shows who has filed, late, returned or is missing in the chosen period (from /summary), without any download. */
  overview(): Promise<void>;
  wire(): void;
}

export function createSupervisorPanel(ctx: PaneContext): SupervisorPanel {
  let shown: { summary: Summary; reports: ReportHeader[] } | undefined;
  const status = (text: string, kind: 'ok' | 'error' | '' = 'ok') => ctx.setStatus('summary-status', text, kind);

  /** Applies a 退回 / 撤销退回 to the list in hand: the unit's state and its report's flag, then redraws. */
  function applyReturn(report: ReportHeader, returned: ReportHeader['returned']): void {
    if (!shown) return;
    const { summary, reports } = shown;
    const unit = summary.units.find((u) => u.unitId === report.unitId);
    const header = reports.find((r) => r.reportId === report.reportId);
    if (header) header.returned = returned;
    if (unit) {
      summary.totals[unit.timeliness]--;
      const current = { timeliness: report.timeliness, returned: returned !== null };
      unit.timeliness = periodStateOf({
        cal: calendarFor(ctx.plan()?.schedule ?? HALF_MONTHLY),
        period: summary.period,
        current,
        now: new Date(),
      });
      unit.returnedReason = returned?.reason ?? null;
      summary.totals[unit.timeliness]++;
    }
    renderUnits();
  }

  function confirmReturn(report: ReportHeader): void {
    const reason = input('return-reason').value.trim();
    if (!reason) {
      status(`${ctx.t('returnReason')}？`, 'error');
      input('return-reason').focus();
      return;
    }
    const box = $('return-confirm-box');
    box.replaceChildren(
      renderReturnConfirm(
        report,
        reason,
        ctx.t,
        () => {
          box.replaceChildren();
          void ctx
            .client()
            .returnReport(report.reportId, reason)
            .then(() => {
              input('return-reason').value = '';
              applyReturn(report, { reason, at: new Date().toISOString() });
              status(ctx.t('returnDone', { unit: report.unitName }));
            })
            .catch((e) => status(ctx.errorText(e), 'error'));
        },
        () => box.replaceChildren(),
      ),
    );
    $('return-yes').focus();
  }

  function unreturn(report: ReportHeader): void {
    void ctx
      .client()
      .unreturnReport(report.reportId)
      .then((detail) => {
        applyReturn(report, null);
        status(ctx.t('unreturnDone', { unit: report.unitName, state: ctx.t(detail.timeliness) }));
      })
      .catch((e) => status(ctx.errorText(e), 'error'));
  }

  function view(report: ReportHeader): void {
    void ctx
      .client()
      .getReport(report.reportId)
      .then((detail) => {
        const write = hasExcel()
          ? () =>
              void writeSheets([reportSheet(ctx.plan(), detail, new Date())])
                .then(({ names }) => status(ctx.t('reportSheetDone', { unit: detail.unitName, sheet: names[0]! })))
                .catch((e) => status(ctx.errorText(e), 'error'))
          : null;
        showUnderUnit($('summary-units'), detail.unitId, renderReportDetail(detail, ctx.t, ctx.locale, write));
      })
      .catch((e) => status(ctx.errorText(e), 'error'));
  }

  function renderUnits(): void {
    if (!shown) return;
    $('summary-units').replaceChildren(
      renderSummaryUnits(shown.summary, shown.reports, ctx.t, ctx.locale, {
        onReturn: confirmReturn,
        onUnreturn: unreturn,
        onView: view,
      }),
    );
  }

  async function overview(): Promise<void> {
    const period = $<HTMLSelectElement>('summary-period').value || undefined;
    const api = ctx.client();
    const plan = ctx.plan();
    try {
      const [summary, reports] = await Promise.all([api.summary(period, plan?.id), api.listReports(period, plan?.id)]);
      shown = { summary, reports };
      renderUnits();
    } catch (e) {
      status(ctx.errorText(e), 'error');
    }
  }

  function wire(): void {
    $('summary-period').addEventListener('change', () => void overview());

    /** The period's data, shown in the pane (units, 退回 list, trends), and its sheets as specs. */
    async function loadPeriod() {
      const period = $<HTMLSelectElement>('summary-period').value || undefined;
      const api = ctx.client();
      const plan = ctx.plan();
      const [summary, matrix, reports, details, trends] = await Promise.all([
        api.summary(period, plan?.id),
        api.matrix(undefined, period, plan?.id),
        api.listReports(period, plan?.id),
        api.details(period, plan?.id),
        api.trends(plan?.id, undefined, period),
      ]);
      shown = { summary, reports };
      $('return-confirm-box').replaceChildren();
      renderUnits();
      $('trends-box').replaceChildren(renderTrends(trends, ctx.t, ctx.locale));
      const specs = (
        plan
          ? periodSheets({ plan, summary, matrix, details, closure: trends.closureAtEnd })
          : summarySheets(summary, matrix, details)
      ).map((s) => linkEvidence(s, evidenceLinkOrigin(ctx)));
      return { plan, summary, matrix, details, trends, specs };
    }

    /** 下载汇总表: the same sheets as an .xlsx file (the library is loaded on first use); the 趋势 charts stay in the pane. */
    async function download(summary: Summary, specs: SheetSpec[]): Promise<void> {
      const { specsToXlsx } = await import('../files/index.ts');
      const name = summaryFileName(summary.period, 'xlsx');
      status(await deliverFile(ctx, name, await specsToXlsx(specs)));
    }

    $('download-summary').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
        const { summary, specs } = await loadPeriod();
        await download(summary, specs);
      }),
    );
    $('write-summary').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
        const { plan, summary, trends, specs } = await loadPeriod();
        // In a plain browser the sheets arrive as a download instead.
        if (!hasExcel()) return download(summary, specs);
        const written = plan
          ? await writeSheets(specs, [trendsSheet(plan, trends)], (sheet, n, of) =>
              // Progress is neutral: "ok" is for the finished write only.
              status(ctx.t('summaryWriting', { sheet, n, of }), ''),
            )
          : await writeSheets(specs);
        status(ctx.t('summaryDone', { sheets: written.names.join('、') }) + printNote(ctx.t, written));
      }),
    );
    $('export-csv').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
        const period = $<HTMLSelectElement>('summary-period').value || undefined;
        // The server names the file (整改进展汇总-〈期次〉.csv): it knows the period when none is chosen.
        const { blob, filename } = await ctx.client().exportCsv(period, ctx.plan()?.id);
        status(await deliverFile(ctx, filename, blob));
      }),
    );
  }

  return { overview, wire };
}

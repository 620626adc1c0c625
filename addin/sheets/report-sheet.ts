// One unit's current submission as a sheet, for the supervisor to read before deciding on 退回: the 报送明细 layout
// limited to that report, named for the unit and period ("报送-丁来村 2023年11月下"). Pure.
import { formatCst } from '../../core/calendar/half-month.ts';
import { measureById } from '../../core/plan/plan-lookup.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type ReportDetail } from '../../core/schemas/api.ts';
import { periodSheetName } from './period-sheets.ts';
import { detailsSheet, type SheetSpec } from './summary-sheets.ts';

export function reportSheet(plan: Plan | undefined, report: ReportDetail, generatedAt: Date): SheetSpec {
  const spec = detailsSheet(
    {
      planId: report.planId,
      period: report.period,
      rows: report.rows.map((r) => ({
        ...r,
        unitId: report.unitId,
        unitName: report.unitName,
        revision: report.revision,
        signer: report.signer,
        receivedAt: report.receivedAt,
        measureTitle: (plan && measureById(plan, r.measureId)?.title) ?? r.measureId,
      })),
    },
    `生成于 ${formatCst(generatedAt)}（北京时间）`,
  );
  const returned = report.returned ? `，已退回：${report.returned.reason}` : '';
  return {
    ...spec,
    name: periodSheetName(`报送-${report.unitName}`, report.period),
    // The same short 报送编号 as the receipt, 提交记录 and the 报送单.
    title: `${report.unitName} 报送编号 ${reportNumber(report.period, report.unitName, report.revision)}（第 ${report.revision} 版）${returned} — ${spec.title.replace(/^[^—]*— /, '')}`,
  };
}

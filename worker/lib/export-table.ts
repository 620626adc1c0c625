// The /export.csv table: one line per row of every unit's current report, and one line for a unit without one.
// Column headers are the checklist's own (core COLUMNS), so the CSV reads like the sheet the units fill in; a row's
// cells come from core's one mapping (core/reports/report-row-cells.ts), as in the 报送明细 sheet and 查看.
import { columnByKey } from '../../core/checklist/columns.ts';
import { REPORT_ROW_COLUMNS, reportRowCell } from '../../core/reports/report-row-cells.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import { TIMELINESS_LABELS } from '../../core/schemas/submission.ts';
import type { DetailRow, Details, Summary } from '../../core/schemas/api.ts';
import { formatCst } from '../../core/calendar/half-month.ts';
import type { CsvCell } from './csv.ts';

export const EXPORT_HEADER: readonly string[] = [
  '期次',
  '填报单位',
  '报送情况',
  '首次报送时间（北京时间）',
  '报送编号',
  '版本',
  '本版本报送时间（北京时间）',
  '主要负责人',
  ...REPORT_ROW_COLUMNS.map((k) => columnByKey(k).header),
];

export function exportTable(summary: Summary, details: Details): CsvCell[][] {
  const rowsByUnit = new Map<string, DetailRow[]>();
  for (const r of details.rows) {
    const list = rowsByUnit.get(r.unitId);
    if (list) list.push(r);
    else rowsByUnit.set(r.unitId, [r]);
  }
  const table: CsvCell[][] = [[...EXPORT_HEADER]];
  for (const u of summary.units) {
    const base: CsvCell[] = [
      summary.period,
      u.unitName,
      TIMELINESS_LABELS[u.timeliness].zh,
      u.firstReceivedAt && formatCst(u.firstReceivedAt),
      u.revision && reportNumber(summary.period, u.unitName, u.revision),
      u.revision,
      u.receivedAt && formatCst(u.receivedAt),
      u.signer,
    ];
    const rows = rowsByUnit.get(u.unitId) ?? [];
    if (!rows.length) table.push([...base, ...REPORT_ROW_COLUMNS.map(() => null)]);
    for (const r of rows) table.push([...base, ...REPORT_ROW_COLUMNS.map((k) => reportRowCell(r, k))]);
  }
  return table;
}

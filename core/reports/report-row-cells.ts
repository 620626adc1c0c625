// A filed report's row as table cells, column by column (the checklist's own columns, core COLUMNS): the CSV export,
// the 报送明细 sheet and 查看 in the pane all read a row through this one mapping, so none of them drops a field the
// others show (子项 once went missing from the CSV).
import type { ColumnKey } from '../checklist/columns.ts';
import { STATUS_LABELS } from '../schemas/status.ts';
import type { SubmissionRow } from '../schemas/submission.ts';

/** The row fields a report table shows, in the checklist's order. */
export const REPORT_ROW_COLUMNS = [
  'measureId',
  'measure',
  'item',
  'status',
  'progress',
  'target',
  'actual',
  'unitOfMeasure',
  'rate',
  'fundsPlanned',
  'fundsPaid',
  'evidence',
  'note',
] as const satisfies readonly ColumnKey[];
export type ReportRowColumn = (typeof REPORT_ROW_COLUMNS)[number];

/**
 * One row's value in one column: 完成情况 as its label, 整改措施 as the measure's title (when the row carries one);
 * undefined where the row leaves the field out.
 */
export function reportRowCell(
  row: SubmissionRow & { measureTitle?: string },
  key: ReportRowColumn,
  lang: 'zh' | 'en' = 'zh',
): string | number | undefined {
  if (key === 'status') return STATUS_LABELS[row.status][lang];
  if (key === 'measure') return row.measureTitle;
  return row[key];
}

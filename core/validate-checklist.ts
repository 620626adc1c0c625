// validateChecklist: a unit's checklist sheet (整改清单) as a grid of values → issues located by sheet row and
// column letter, plus each data row converted to a SubmissionRow. Cell reading is sheet-specific (core/sheet/);
// the row and set rules are the ones the Worker runs too (core/rules/).
import { toDate } from './calendar/half-month.ts';
import { columnByKey, columnLetter, type ColumnKey } from './checklist/columns.ts';
import { enHeader, hit, zhHeader, type RuleCode, type RuleHit, type Severity } from './rules/rule-codes.ts';
import { checkRow, type RowInput } from './rules/row-rules.ts';
import { checkMeasureSet } from './rules/set-rules.ts';
import { ROW_FIELDS, type SubmissionRow } from './schemas/submission.ts';
import { findHeader, HEADER_SCAN_ROWS } from './sheet/find-header.ts';
import { newReadMemo, readSheetRow } from './sheet/read-row.ts';

export interface ChecklistIssue {
  code: RuleCode;
  severity: Severity;
  /** 1-based sheet row. */
  row: number;
  /** Column letter, e.g. "H". */
  column: string;
  message: string;
  messageEn?: string;
  field?: string;
}

export interface ParsedRow {
  sheetRow: number;
  /** null when a cell of the row could not be converted (see the row's errors). */
  data: SubmissionRow | null;
}

export interface ChecklistResult {
  issues: ChecklistIssue[];
  rows: ParsedRow[];
}

export interface ChecklistContext {
  /** The reporting unit; enables measure_missing / measure_not_assigned. */
  unitId?: string;
  /** The instant deadlines are judged at; defaults to now. */
  now?: Date | string;
  /** Where grid[0][0] sits in the sheet when the grid is not read from A1 (1-based row, 0-based column). */
  origin?: { row: number; column: number };
  /** The unit's measures when they differ from the catalog. */
  measureIds?: readonly string[];
}

/** Errors that leave a SubmissionRow field without a valid value. */
const BLOCKING: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'required_cell_empty',
  'excel_error_value',
  'unknown_measure',
  'status_invalid',
  'number_invalid',
  'number_negative',
  'percent_out_of_range',
  'text_too_long',
]);
const ROW_FIELD_SET: ReadonlySet<string> = new Set(ROW_FIELDS);

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'string' && v.trim() === '');
}

function toSubmissionRow(input: RowInput): SubmissionRow | null {
  const { measureId, status, progress } = input;
  if (measureId === undefined || status === undefined || progress === undefined) return null;
  const row: SubmissionRow = { measureId, status, progress };
  for (const key of ['target', 'actual', 'rate', 'fundsPlanned', 'fundsPaid', 'evidence', 'note'] as const) {
    if (input[key] !== undefined) (row as Record<string, unknown>)[key] = input[key];
  }
  return row;
}

export function validateChecklist(grid: unknown[][], ctx: ChecklistContext = {}): ChecklistResult {
  const nowMs = toDate(ctx.now ?? new Date()).getTime();
  const rowBase = ctx.origin?.row ?? 1;
  const colBase = ctx.origin?.column ?? 0;
  const letters: string[] = [];
  const letter = (index: number) => (letters[index] ??= columnLetter(index + colBase));

  const located: { issue: ChecklistIssue; col: number }[] = [];
  const add = (h: RuleHit, row: number, col: number, where: boolean) => {
    located.push({
      col,
      issue: {
        code: h.code,
        severity: h.severity,
        row,
        column: letter(col),
        message: where ? `第${row}行${letter(col)}列：${h.message}` : h.message,
        messageEn: where ? `Row ${row}, column ${letter(col)}: ${h.messageEn}` : h.messageEn,
        field: h.field,
      },
    });
  };

  const rowsIn = Array.isArray(grid) ? grid : [];
  const header = findHeader(rowsIn);
  const headerSheetRow = rowBase + Math.max(header.headerRow, 0);
  const headerCells = header.headerRow >= 0 ? (rowsIn[header.headerRow] ?? []) : [];
  let nextFree = headerCells.length;
  while (nextFree > 0 && isBlank(headerCells[nextFree - 1])) nextFree--;

  for (const key of header.missing) {
    const col = columnByKey(key);
    const also = col.aliases.length ? `（也可写作${col.aliases.map((a) => `“${a}”`).join('、')}）` : '';
    const why = header.headerRow < 0 ? `未找到表头行：前${HEADER_SCAN_ROWS}行中没有包含各列列名的行。` : '';
    add(
      hit('required_column_missing', key, `${why}缺少必填列${zhHeader(key)}${also}`, `${header.headerRow < 0 ? 'No header row found. ' : ''}Required column ${enHeader(key)} is missing`),
      headerSheetRow,
      nextFree,
      false,
    );
  }
  for (const { key, indexes } of header.duplicates) {
    const where = indexes.map(letter).join('、');
    const required = columnByKey(key).required;
    add(
      hit(
        'duplicate_column',
        key,
        `列${zhHeader(key)}出现了${indexes.length}次（${where}列），${required ? '无法确定读取哪一列，请删除多余的列' : `只读取${letter(indexes[0]!)}列`}`,
        `Column ${enHeader(key)} appears ${indexes.length} times (${indexes.map(letter).join(', ')})`,
        required ? 'error' : 'warning',
      ),
      headerSheetRow,
      indexes[1]!,
      false,
    );
  }

  const rows: ParsedRow[] = [];
  const ids: (string | undefined)[] = [];
  if (header.headerRow >= 0) {
    const cols = header.columns;
    const fallback = cols.status ?? cols.measureId ?? 0;
    const colOf = (field: ColumnKey) => cols[field] ?? fallback;
    const memo = newReadMemo();
    const textMemo = new Map<string, boolean>();
    const keyCols = (['measureId', 'status', 'progress'] as const).map((k) => cols[k]).filter((i) => i !== undefined);
    for (let r = header.headerRow + 1; r < rowsIn.length; r++) {
      const row = rowsIn[r];
      if (!Array.isArray(row)) continue;
      // Blank rows, and notes or signature lines below the table, carry none of the key cells.
      if (keyCols.every((i) => isBlank(row[i]))) continue;
      const sheetRow = rowBase + r;
      const read = readSheetRow(row, cols, memo);
      const hits = read.hits.concat(checkRow(read.input, { nowMs, memo: textMemo }));
      let blocked = false;
      for (const h of hits) {
        if (h.severity === 'error' && BLOCKING.has(h.code) && ROW_FIELD_SET.has(h.field)) blocked = true;
        add(h, sheetRow, colOf(h.field), true);
      }
      rows.push({ sheetRow, data: blocked ? null : toSubmissionRow(read.input) });
      ids.push(read.input.measureId);
    }
    if (cols.measureId !== undefined) {
      const label = (i: number) => ({ zh: `第${rows[i]!.sheetRow}行`, en: `row ${rows[i]!.sheetRow}` });
      for (const { index, hit: h } of checkMeasureSet(ids, ctx, label)) {
        if (index >= 0) add(h, rows[index]!.sheetRow, cols.measureId, true);
        else add(h, headerSheetRow, cols.measureId, false);
      }
    }
  }

  located.sort((a, b) => a.issue.row - b.issue.row || a.col - b.col);
  return { issues: located.map((l) => l.issue), rows };
}

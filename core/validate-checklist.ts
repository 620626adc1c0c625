// validateChecklist: a unit's checklist sheet (整改清单) as a grid of values → issues located by sheet row and
// column letter, plus each data row converted to a SubmissionRow. The plan and the units are data passed in; the
// row and set rules are the ones the Worker runs too (core/rules/).
// One function read top to bottom (header, rows, set rules, rows for the submission); reading cells and the rules
// themselves live apart (sheet/, rules/).
import { toDate } from './calendar/half-month.ts';
import { confirmedHeader, PLAN_COPY, type ChecklistColumns } from './checklist/checklist-fields.ts';
import { CLOSED_ROW_STATUS } from './closure/required.ts';
import { columnByKey, columnLetter, type ColumnKey } from './checklist/columns.ts';
import { deadlineContextOf } from './plan/plan-lookup.ts';
import { enHeader, hit, zhHeader, type RuleCode, type RuleHit, type Severity } from './rules/rule-codes.ts';
import { checkRow, type RowInput } from './rules/row-rules.ts';
import { checkMeasureSet } from './rules/set-rules.ts';
import type { Plan } from './schemas/plan.ts';
import { ROW_FIELDS, SubmissionRow } from './schemas/submission.ts';
import type { Unit } from './schemas/unit.ts';
import { findHeader, HEADER_SCAN_ROWS } from './sheet/find-header.ts';
import { deadlinesOf, unknownUnitsOf } from './sheet/cell-readers.ts';
import { readRow } from './sheet/read-row.ts';

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
  plan: Plan;
  units: readonly Unit[];
  /** The reporting unit; enables measure_missing / measure_not_assigned. */
  unitId?: string;
  /** Measures of the unit already 已销号: no row is demanded for them. */
  closedMeasureIds?: ReadonlySet<string>;
  /** The instant deadlines are judged at; defaults to now. */
  now?: Date | string;
  /** Where grid[0][0] sits in the sheet when the grid is not read from A1 (1-based row, 0-based column). */
  origin?: { row: number; column: number };
  /**
   * A ledger without 措施编号: the measure of each sheet row, as the clerk confirmed it (core/checklist/match-rows.ts).
   * Used only when the sheet has no 措施编号 column; a data row it does not name is an error on that row.
   */
  measureIdsByRow?: ReadonlyMap<number, string>;
  /** The columns the clerk confirmed in the column-matching step; without it the headers are recognised by name. */
  columns?: ChecklistColumns;
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
  'percent_as_fraction',
  'text_too_long',
]);

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The row's SubmissionRow fields that have a value. */
function toSubmissionRow(input: RowInput): SubmissionRow | null {
  if (input.measureId === undefined || input.status === undefined || input.progress === undefined) return null;
  const row: Record<string, unknown> = {};
  for (const field of ROW_FIELDS) if (input[field] !== undefined) row[field] = input[field];
  return row as SubmissionRow;
}

export function validateChecklist(grid: unknown[][], ctx: ChecklistContext): ChecklistResult {
  const nowMs = toDate(ctx.now ?? new Date()).getTime();
  const rowBase = ctx.origin?.row ?? 1;
  const letter = (index: number) => columnLetter(index + (ctx.origin?.column ?? 0));
  const sheetRows = Array.isArray(grid) ? grid : [];
  const header = ctx.columns ? confirmedHeader(ctx.columns) : findHeader(sheetRows);
  const cols = header.columns;
  const byRow = cols.measureId === undefined ? ctx.measureIdsByRow : undefined;
  // A matched ledger's measures come from the plan: its own copy of the plan's columns is optional.
  const missing = byRow ? header.missing.filter((k) => !PLAN_COPY.has(k)) : header.missing;
  const headerCells = header.headerRow >= 0 ? (sheetRows[header.headerRow] ?? []) : [];
  let firstFreeColumn = headerCells.length;
  while (firstFreeColumn > 0 && isBlank(headerCells[firstFreeColumn - 1])) firstFreeColumn--;

  /** Findings about the whole sheet (columns, measures missing), placed on the header row. */
  const head: { h: RuleHit; col: number }[] = [];
  for (const key of missing) {
    const col = columnByKey(key);
    const also = col.aliases.length ? `（也可写作${col.aliases.map((a) => `“${a}”`).join('、')}）` : '';
    const why = header.headerRow < 0 ? `未找到表头行：前${HEADER_SCAN_ROWS}行中没有包含各列列名的行。` : '';
    const whyEn = header.headerRow < 0 ? 'No header row found. ' : '';
    head.push({
      h: hit(
        'required_column_missing',
        key,
        `${why}缺少必填列${zhHeader(key)}${also}`,
        `${whyEn}Required column ${enHeader(key)} is missing`,
      ),
      col: firstFreeColumn,
    });
  }
  for (const { key, indexes } of header.duplicates) {
    const where = indexes.map(letter);
    const required = columnByKey(key).required;
    const h = hit(
      'duplicate_column',
      key,
      `列${zhHeader(key)}出现了${indexes.length}次（${where.join('、')}列），${required ? '无法确定读取哪一列，请删除多余的列' : `只读取${where[0]}列`}`,
      `Column ${enHeader(key)} appears ${indexes.length} times (${where.join(', ')})`,
      required ? 'error' : 'warning',
    );
    head.push({ h, col: indexes[1]! });
  }

  const rows: ParsedRow[] = [];
  const inputs: RowInput[] = [];
  const rowHits: RuleHit[][] = [];
  if (header.headerRow >= 0) {
    const readCtx = { unknownUnits: unknownUnitsOf(ctx.units), deadline: deadlinesOf(deadlineContextOf(ctx.plan)) };
    const keyCells = (['measureId', 'status', 'progress'] as const).map((k) => cols[k]).filter((i) => i !== undefined);
    for (let r = header.headerRow + 1; r < sheetRows.length; r++) {
      const row = sheetRows[r];
      if (!Array.isArray(row)) continue;
      // Blank rows, and notes or signature lines below the table, carry none of the key cells.
      if (keyCells.every((i) => isBlank(row[i])) && !byRow?.has(rowBase + r)) continue;
      if (isClosedRow(row, cols, ctx.closedMeasureIds, byRow?.get(rowBase + r))) continue;
      const read = readRow(row, cols, readCtx);
      const hits = read.hits;
      const input = byRow ? assignMeasure(read.input, hits, byRow.get(rowBase + r), rowBase + r) : read.input;
      hits.push(...checkRow(input, { plan: ctx.plan, nowMs }));
      const blocked = hits.some(
        (h) => h.severity === 'error' && BLOCKING.has(h.code) && (ROW_FIELDS as string[]).includes(h.field),
      );
      rows.push({ sheetRow: rowBase + r, data: blocked ? null : toSubmissionRow(input) });
      inputs.push(input);
      rowHits.push(hits);
    }
  }
  if (cols.measureId !== undefined || byRow) {
    // The set rules name rows by position here; the label turns a position into its sheet row.
    const label = (i: number) => ({ zh: `第${rows[i]!.sheetRow}行`, en: `row ${rows[i]!.sheetRow}` });
    const ids = inputs.map((input) => input.measureId);
    for (const f of checkMeasureSet(
      ids,
      ids.map((_, i) => i),
      ctx,
      label,
      inputs.map((input) => input.item),
    )) {
      if (f.index < 0) head.push({ h: f.hit, col: cols.measureId ?? cols.measure ?? 0 });
      else rowHits[f.index]!.push(f.hit);
    }
  }

  const headerSheetRow = rowBase + Math.max(header.headerRow, 0);
  const colOf = (h: RuleHit) =>
    cols[h.field] ?? (h.field === 'measureId' ? cols.measure : undefined) ?? cols.status ?? cols.measureId ?? 0;
  const issues = head.sort((a, b) => a.col - b.col).map(({ h, col }) => located(h, headerSheetRow, letter(col)));
  rows.forEach((row, i) => {
    // Stable: a column's findings keep the rules' order.
    const sorted = rowHits[i]!.sort((a, b) => colOf(a) - colOf(b));
    for (const h of sorted) issues.push(located(h, row.sheetRow, letter(colOf(h))));
  });
  return { issues, rows };
}

/**
 * A closed measure's row the unit has not filled in: 完成情况 says 已销号 (as the template writes it) or is empty with
 * 整改进展 empty too. It is not read — nothing is demanded for a closed measure; filled in, the row is read as usual.
 */
function isClosedRow(
  row: unknown[],
  cols: Partial<Record<string, number>>,
  closed: ReadonlySet<string> | undefined,
  matched: string | undefined,
): boolean {
  const cell = (key: string) => {
    const i = cols[key];
    return i === undefined ? '' : String(row[i] ?? '').trim();
  };
  const measureId = matched ?? cell('measureId');
  if (!closed?.has(measureId)) return false;
  const status = cell('status');
  return status === CLOSED_ROW_STATUS || (status === '' && cell('progress') === '');
}

/** A ledger row takes the measure the clerk confirmed for it; a row left unmatched cannot be sent. */
function assignMeasure(input: RowInput, hits: RuleHit[], measureId: string | undefined, sheetRow: number): RowInput {
  for (let i = hits.length - 1; i >= 0; i--) {
    if (hits[i]!.code === 'required_cell_empty' && PLAN_COPY.has(hits[i]!.field as ColumnKey)) hits.splice(i, 1);
  }
  // The row's wording is what it was matched on: it is not checked against the measure's title again.
  const { measureText: _matchedOn, ...rest } = input;
  if (measureId) return { ...rest, measureId };
  hits.push(
    hit(
      'required_cell_empty',
      'measureId',
      `第${sheetRow}行未对应到任何整改措施：请在“对应措施”中为它选择一条措施`,
      `Row ${sheetRow} is not matched to any measure: choose one under "Matching measures"`,
    ),
  );
  return rest;
}

function located(h: RuleHit, row: number, column: string): ChecklistIssue {
  return {
    code: h.code,
    severity: h.severity,
    row,
    column,
    message: h.message,
    messageEn: h.messageEn,
    field: h.field,
  };
}

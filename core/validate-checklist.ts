// validateChecklist: a unit's checklist sheet (整改清单) as a grid of values → issues located by sheet row and
// column letter, plus each data row converted to a SubmissionRow. Cell reading is sheet-specific (core/sheet/);
// the row and set rules are the ones the Worker runs too (core/rules/).
import { toDate } from './calendar/half-month.ts';
import { columnByKey, columnLetter, type ColumnKey } from './checklist/columns.ts';
import { enHeader, hit, zhHeader, type RuleCode, type RuleHit, type Severity } from './rules/rule-codes.ts';
import { checkMeasureCells, checkRowValues, type RowInput } from './rules/row-rules.ts';
import { MeasureSetTracker } from './rules/set-rules.ts';
import { ROW_FIELDS, type SubmissionRow } from './schemas/submission.ts';
import { findHeader, HEADER_SCAN_ROWS } from './sheet/find-header.ts';
import { isSpaceCode } from './sheet/normalise-cell.ts';
import { emptyRowInput, SheetRowReader } from './sheet/read-row.ts';

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
  'percent_as_fraction',
  'text_too_long',
]);
const ROW_FIELD_SET: ReadonlySet<string> = new Set(ROW_FIELDS);

function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  // A scan that stops at the first visible character, instead of trim(), which copies the string.
  for (let i = 0; i < v.length; i++) if (!isSpaceCode(v.charCodeAt(i))) return false;
  return true;
}

function toSubmissionRow(input: RowInput): SubmissionRow | null {
  const { measureId, status, progress } = input;
  if (measureId === undefined || status === undefined || progress === undefined) return null;
  const { target, actual, rate, fundsPlanned, fundsPaid, evidence, note } = input;
  // A fully filled row (备注 optional) as one literal: adding fields one by one regrows the object's property store.
  if (target !== undefined && actual !== undefined && rate !== undefined && fundsPlanned !== undefined && fundsPaid !== undefined && evidence !== undefined) {
    return note === undefined
      ? { measureId, status, progress, target, actual, rate, fundsPlanned, fundsPaid, evidence }
      : { measureId, status, progress, target, actual, rate, fundsPlanned, fundsPaid, evidence, note };
  }
  const row: SubmissionRow = { measureId, status, progress };
  if (target !== undefined) row.target = target;
  if (actual !== undefined) row.actual = actual;
  if (rate !== undefined) row.rate = rate;
  if (fundsPlanned !== undefined) row.fundsPlanned = fundsPlanned;
  if (fundsPaid !== undefined) row.fundsPaid = fundsPaid;
  if (evidence !== undefined) row.evidence = evidence;
  if (note !== undefined) row.note = note;
  return row;
}

export function validateChecklist(grid: unknown[][], ctx: ChecklistContext = {}): ChecklistResult {
  const nowMs = toDate(ctx.now ?? new Date()).getTime();
  const rowBase = ctx.origin?.row ?? 1;
  const colBase = ctx.origin?.column ?? 0;
  const letters: string[] = [];
  const letter = (index: number) => (letters[index] ??= columnLetter(index + colBase));
  // Messages name the header and the problem; the location travels in row/column (a 10,000-row sheet can yield
  // thousands of issues, and prefixing each message with its cell would cost more than validating the cells).
  const toIssue = (h: RuleHit, row: number, col: number): ChecklistIssue => ({
    code: h.code,
    severity: h.severity,
    row,
    column: letter(col),
    message: h.message,
    messageEn: h.messageEn,
    field: h.field,
  });

  const rowsIn = Array.isArray(grid) ? grid : [];
  const header = findHeader(rowsIn);
  const headerSheetRow = rowBase + Math.max(header.headerRow, 0);
  const headerCells = header.headerRow >= 0 ? (rowsIn[header.headerRow] ?? []) : [];
  let nextFree = headerCells.length;
  while (nextFree > 0 && isBlank(headerCells[nextFree - 1])) nextFree--;

  /** Findings on the header row (columns, and measures missing from the whole sheet), with their column. */
  const head: { h: RuleHit; col: number }[] = [];
  for (const key of header.missing) {
    const col = columnByKey(key);
    const also = col.aliases.length ? `（也可写作${col.aliases.map((a) => `“${a}”`).join('、')}）` : '';
    const why = header.headerRow < 0 ? `未找到表头行：前${HEADER_SCAN_ROWS}行中没有包含各列列名的行。` : '';
    const whyEn = header.headerRow < 0 ? 'No header row found. ' : '';
    head.push({ h: hit('required_column_missing', key, `${why}缺少必填列${zhHeader(key)}${also}`, `${whyEn}Required column ${enHeader(key)} is missing`), col: nextFree });
  }
  for (const { key, indexes } of header.duplicates) {
    const where = indexes.map(letter).join('、');
    const required = columnByKey(key).required;
    const h = hit(
      'duplicate_column',
      key,
      `列${zhHeader(key)}出现了${indexes.length}次（${where}列），${required ? '无法确定读取哪一列，请删除多余的列' : `只读取${letter(indexes[0]!)}列`}`,
      `Column ${enHeader(key)} appears ${indexes.length} times (${indexes.map(letter).join(', ')})`,
      required ? 'error' : 'warning',
    );
    head.push({ h, col: indexes[1]! });
  }

  const rows: ParsedRow[] = [];
  /** Row findings, in row order and by column within a row: emitted as each row is read, no sort over the list. */
  const rowIssues: ChecklistIssue[] = [];
  const cols = header.columns;
  const fallback = cols.status ?? cols.measureId ?? 0;
  const colOf = (h: RuleHit) => cols[h.field] ?? fallback;
  const byColumn = (a: RuleHit, b: RuleHit) => colOf(a) - colOf(b);
  if (header.headerRow >= 0) {
    const reader = new SheetRowReader(cols);
    const rowCtx = { nowMs };
    const [k0 = -1, k1 = -1, k2 = -1] = (['measureId', 'status', 'progress'] as const).map((k) => cols[k]).filter((i) => i !== undefined);
    // The set rules see each row as it is read; a row is named by its sheet row.
    const measureCol = cols.measureId ?? -1;
    const tracker = measureCol >= 0 ? new MeasureSetTracker(ctx, (sheetRow) => ({ zh: `第${sheetRow}行`, en: `row ${sheetRow}` })) : undefined;
    const scratch: RuleHit[] = [];
    const input = emptyRowInput();
    for (let r = header.headerRow + 1; r < rowsIn.length; r++) {
      const row = rowsIn[r];
      if (!Array.isArray(row)) continue;
      // Blank rows, and notes or signature lines below the table, carry none of the key cells.
      if (isBlank(row[k0]) && isBlank(row[k1]) && isBlank(row[k2])) continue;
      const sheetRow = rowBase + r;
      if (scratch.length) scratch.length = 0;
      reader.read(row, scratch, input);
      // The measure rules depend only on the plan cells' readings: once per distinct set of them (checkRow's first half).
      const plan = reader.planCells!;
      let measureChecks = plan.measureChecks;
      if (!measureChecks) {
        const found: RuleHit[] = [];
        const measure = checkMeasureCells(input, found);
        measureChecks = plan.measureChecks = { measure, hits: found.length ? found : undefined, seen: undefined };
      }
      const planHits = measureChecks.hits;
      if (planHits) for (let k = 0; k < planHits.length; k++) scratch.push(planHits[k]!);
      checkRowValues(input, measureChecks.measure, rowCtx, scratch);
      let blocked = false;
      for (let k = 0; k < scratch.length; k++) {
        const h = scratch[k]!;
        if (h.severity === 'error' && BLOCKING.has(h.code) && ROW_FIELD_SET.has(h.field)) blocked = true;
      }
      rows.push({ sheetRow, data: blocked ? null : toSubmissionRow(input) });
      // At most one set finding per row, always about the measure ID.
      let setHit: RuleHit | undefined;
      const id = input.measureId;
      if (tracker && id !== undefined) {
        // Rows with the same plan cells name the same measure: after its first row, no lookup by id.
        const seen = measureChecks.seen;
        if (seen) setHit = tracker.again(seen, id);
        else {
          setHit = tracker.add(sheetRow, id);
          measureChecks.seen = tracker.entry(id);
        }
      }
      if (scratch.length === 0) {
        if (setHit) rowIssues.push(toIssue(setHit, sheetRow, measureCol));
        continue;
      }
      if (setHit) scratch.push(setHit);
      if (scratch.length > 1) scratch.sort(byColumn); // stable: a column's findings keep the rules' order
      for (let k = 0; k < scratch.length; k++) {
        const h = scratch[k]!;
        rowIssues.push(toIssue(h, sheetRow, colOf(h)));
      }
    }
    tracker?.forEachMissing((h) => head.push({ h, col: measureCol }));
  }

  if (head.length === 0) return { issues: rowIssues, rows };
  const issues = head.sort((a, b) => a.col - b.col).map(({ h, col }) => toIssue(h, headerSheetRow, col));
  for (let i = 0; i < rowIssues.length; i++) issues.push(rowIssues[i]!);
  return { issues, rows };
}

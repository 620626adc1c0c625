// readPlanSheet: a plan as township offices publish it — a table of 序号 / 存在问题 / 整改措施 / 牵头领导 / 责任单位 /
// 整改时限 (sometimes 应报数据, 备注, or a county's words for them: plan-columns.ts) — into the problems and measures
// of a PlanInput, with every problem located by cell. A 存在问题 cell merged over several measures (the usual layout)
// reads as blank below its first row, so a blank 存在问题 continues the problem above (so do its 问题类型 and
// 整改目标). Measure ids come from the 序号 column when it says "1-2", otherwise they are numbered within their
// problem. Columns found only by similarity are not used until the user confirms them (ctx.columns).
// One pass over the table, read top to bottom; finding the columns is plan-columns.ts and core/sheet/column-match.ts.
import { columnLetter } from '../checklist/columns.ts';
import { parseDeadline, type DeadlineContext } from '../deadline/parse-deadline.ts';
import type { MeasureInput, ProblemInput } from '../schemas/plan.ts';
import type { Unit } from '../schemas/unit.ts';
import { cellText } from '../sheet/normalise-cell.ts';
import { matchColumns, type ColumnMatch } from '../sheet/column-match.ts';
import { foldSpaces } from '../text/fold.ts';
import { nearestUnit, parseResponsibleUnits } from '../units/unit-registry.ts';
import { PLAN_COLUMN_LABEL as LABEL, PLAN_FIELDS, type PlanColumn } from './plan-columns.ts';

const REQUIRED = PLAN_FIELDS.filter((f) => f.required).map((f) => f.key);

/** Which column holds each plan field, as the user confirmed it in the pane's matching step. */
export interface PlanColumns {
  /** 0-based row of the header in the grid. */
  headerRow: number;
  columns: Partial<Record<PlanColumn, number>>;
}

export interface PlanSheetIssue {
  /** 1-based sheet row. */
  row: number;
  /** Column letter. */
  column: string;
  code:
    | 'required_column_missing'
    | 'required_cell_empty'
    | 'unknown_unit'
    | 'deadline_unparseable'
    | 'duplicate_measure'
    | 'no_header';
  message: string;
}

export interface PlanSheetResult {
  problems: ProblemInput[];
  measures: MeasureInput[];
  /** The sheet row each measure was read from, to place the server's findings (`measures.3.…`) on cells. */
  measureRows: number[];
  /** Column letter of each plan column, for the same purpose. */
  columns: Partial<Record<PlanColumn, string>>;
  issues: PlanSheetIssue[];
  /** The header found and the column suggested for each field: what the pane's matching step offers. */
  match?: ColumnMatch<PlanColumn>;
}

export interface PlanSheetContext {
  units: readonly Unit[];
  deadline: DeadlineContext;
  /** Where grid[0][0] sits in the sheet (1-based row, 0-based column). */
  origin?: { row: number; column: number };
  /** The columns the user confirmed; without it only columns named by a known header are read. */
  columns?: PlanColumns;
}

function findColumns(grid: readonly unknown[][], ctx: PlanSheetContext) {
  const match = matchColumns(grid, PLAN_FIELDS);
  if (ctx.columns) return { match, headerRow: ctx.columns.headerRow, cols: ctx.columns.columns };
  if (!match) return { match, headerRow: -1, cols: {} };
  const cols: Partial<Record<PlanColumn, number>> = {};
  for (const key of match.known) cols[key] = match.columns[key]!;
  return { match, headerRow: match.headerRow, cols };
}

/** "（一）责任落实有差距。个别帮扶单位…" → title 责任落实有差距, detail: the rest. */
function splitProblem(text: string): { title: string; detail?: string } {
  const bare = text.replace(/^[（(][一二三四五六七八九十\d]+[）)]\s*|^[一二三四五六七八九十\d]+[、.．]\s*/, '');
  const end = bare.search(/[。；;]/);
  if (end < 0 || end > 60) return { title: bare.slice(0, 200) };
  const detail = bare.slice(end + 1).trim();
  return detail ? { title: bare.slice(0, end), detail } : { title: bare.slice(0, end) };
}

/** "一是加强驻村工作队员管理。按照…" → title 加强驻村工作队员管理 (up to 100 characters). */
function measureTitle(text: string): string {
  const bare = text.replace(/^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*/, '');
  const end = bare.search(/[。；;，,]/);
  return (end > 0 ? bare.slice(0, end) : bare).slice(0, 100);
}

export function readPlanSheet(grid: readonly unknown[][], ctx: PlanSheetContext): PlanSheetResult {
  const rowBase = ctx.origin?.row ?? 1;
  const letter = (i: number) => columnLetter(i + (ctx.origin?.column ?? 0));
  const { match, headerRow, cols } = findColumns(grid, ctx);
  const result: PlanSheetResult = {
    problems: [],
    measures: [],
    measureRows: [],
    columns: {},
    issues: [],
    ...(match ? { match } : {}),
  };
  for (const [key, i] of Object.entries(cols) as [PlanColumn, number][]) result.columns[key] = letter(i);
  if (headerRow < 0) {
    result.issues.push({
      row: rowBase,
      column: 'A',
      code: 'no_header',
      message: '前20行中没有找到表头（应包含“存在问题”“整改措施”“牵头领导”“责任单位”“整改时限”）',
    });
    return result;
  }
  for (const key of REQUIRED) {
    if (cols[key] === undefined)
      result.issues.push({
        row: rowBase + headerRow,
        column: 'A',
        code: 'required_column_missing',
        message: `缺少“${LABEL[key]}”列`,
      });
  }
  if (result.issues.length) return result;

  const text = (row: readonly unknown[], key: PlanColumn) =>
    cols[key] === undefined ? undefined : cellText(row[cols[key]]);
  const seen = new Map<string, number>();
  let problem: ProblemInput | undefined;
  let inProblem = 0;
  let category: string | undefined;
  let standard: string | undefined;
  for (let r = headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const sheetRow = rowBase + r;
    const at = (key: PlanColumn) => letter(cols[key]!);
    const measureText = text(row, 'measure');
    const problemText = text(row, 'problem');
    if (!measureText && !text(row, 'units') && !text(row, 'deadline')) {
      // A blank row, or a note below the table; a problem cell alone starts no measure.
      continue;
    }
    category = text(row, 'category') ?? category;
    if (problemText) {
      problem = {
        id: String(result.problems.length + 1),
        ...splitProblem(problemText),
        ...(category ? { category } : {}),
      };
      result.problems.push(problem);
      inProblem = 0;
      standard = undefined;
    } else if (!problem) {
      result.issues.push({
        row: sheetRow,
        column: at('problem'),
        code: 'required_cell_empty',
        message: '“存在问题”为空：第一条措施前须写明存在问题',
      });
      continue;
    }
    inProblem += 1;
    const seq = foldSpaces(text(row, 'seq') ?? '');
    const id = seq && /^\d{1,2}-\d{1,2}$/.test(seq) ? seq : `${problem!.id}-${inProblem}`;
    const first = seen.get(id);
    if (first !== undefined) {
      result.issues.push({
        row: sheetRow,
        column: at(seq ? 'seq' : 'measure'),
        code: 'duplicate_measure',
        message: `措施编号${id}重复（第${first}行已使用）`,
      });
      continue;
    }
    seen.set(id, sheetRow);
    for (const key of ['measure', 'lead', 'units', 'deadline'] as const) {
      if (!text(row, key))
        result.issues.push({
          row: sheetRow,
          column: at(key),
          code: 'required_cell_empty',
          message: `“${LABEL[key]}”为空`,
        });
    }
    // 牵头单位 first, then 配合单位: both report on the measure.
    const unitCells = (['units', 'coUnits'] as const).map((key) => ({ key, text: text(row, key) ?? '' }));
    const unitsText = unitCells
      .map((u) => u.text)
      .filter(Boolean)
      .join('、');
    for (const cell of unitCells) {
      for (const name of parseResponsibleUnits(ctx.units, cell.text).unknown) {
        const near = nearestUnit(ctx.units, name);
        result.issues.push({
          row: sheetRow,
          column: at(cell.key),
          code: 'unknown_unit',
          message: `责任单位“${name}”不是已登记的单位${near ? `，是否为“${near.name}”？` : ''}`,
        });
      }
    }
    const deadlineCell = row[cols.deadline!];
    const deadlineText = typeof deadlineCell === 'number' ? deadlineCell : text(row, 'deadline');
    if (deadlineText !== undefined) {
      const parsed = parseDeadline(deadlineText, ctx.deadline);
      if (!parsed.ok)
        result.issues.push({
          row: sheetRow,
          column: at('deadline'),
          code: 'deadline_unparseable',
          message: `整改时限：${parsed.reason}`,
        });
    }
    const dataHint = text(row, 'dataHint');
    // 整改目标 is often merged over its problem's measures, as 存在问题 is.
    standard = text(row, 'standard') ?? standard;
    result.measures.push({
      id,
      problemId: problem!.id,
      title: measureTitle(measureText ?? ''),
      ...(measureText ? { text: measureText } : {}),
      lead: text(row, 'lead') ?? '',
      responsibleUnits: unitsText,
      deadline: typeof deadlineCell === 'number' ? String(deadlineCell) : (text(row, 'deadline') ?? ''),
      ...(dataHint ? { dataHint } : {}),
      ...(standard ? { completionStandard: standard } : {}),
    });
    result.measureRows.push(sheetRow);
  }
  return result;
}

// The 整改清单 template as pure data, read by both writers: 插入模板 in Excel (excel/insert-template.ts) and 下载填报模板
// as an .xlsx (files/template-xlsx.ts). Rows, the prefilled cells, the 完成率 formula, which columns are text or wrap,
// and how tall a row must be to show its wrapped text: change the layout here and both files follow.
import { CLOSED_ROW_STATUS } from '../../core/closure/required.ts';
import { COLUMNS, columnLetter, type ColumnDef, type ColumnKey } from '../../core/checklist/columns.ts';
import { measuresFor, problemById } from '../../core/plan/plan-lookup.ts';
import { type Measure, type Plan } from '../../core/schemas/plan.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { neutraliseFormula } from '../../core/text/formula-safe.ts';
import { A4_WIDE, type PrintSetup } from './print-setup.ts';

export const TITLE_ROW = 1;
/** 填报说明: one merged line between the title and the header (findHeader skips it like a title). */
export const NOTE_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
/** Blank rows below the prefilled ones that still get dropdowns, validation and the 完成率 formula. */
export const SPARE_ROWS = 20;

export const TEMPLATE_NOTE =
  '填报说明：每项措施一行，同一措施有几个子项（项目）时可插入行并填写子项名称；完成情况从下拉列表选择；整改进展写明本期做了什么、到了哪一步，无新进展写“本期无新增”；' +
  '目标值、完成值只填数字，单位写在计量单位列；完成率(%)按完成值÷目标值自动计算，不必填写；佐证材料写文件名或编号。';

/** The title row: plan and unit (the plan title is user text, in a cell that is not text-formatted). */
export const templateTitle = (plan: Plan, unit: Unit): string =>
  neutraliseFormula(`${plan.title}整改清单（${unit.name}）`);

/** Printed as one table: A4 landscape, every column on the page's width, the header row repeated on each page. */
export const TEMPLATE_PRINT: PrintSetup = { ...A4_WIDE, firstTitleRow: HEADER_ROW, titleRows: HEADER_ROW };

/** Header fill and cell border colours of the template. */
export const HEADER_FILL = '#DCE9F7';
export const BORDER_COLOR = '#BFBFBF';

/** What a data column accepts, as both writers set it: 完成情况 from the list, 完成率 0–100, other figures ≥ 0. */
export interface InputRule {
  list: boolean;
  min?: number;
  max?: number;
  /** The error alert's title and message when the cell is typed wrong. */
  title: string;
  message: string;
}

export function inputRule(c: ColumnDef): InputRule | undefined {
  if (c.kind === 'status')
    return { list: true, title: '完成情况', message: '请从下拉列表选择：已完成、阶段性成效、推进中、未启动' };
  if (c.kind === 'percent')
    return { list: false, min: 0, max: 100, title: c.header, message: '请输入 0–100 之间的数字' };
  if (c.kind === 'number') return { list: false, min: 0, title: c.header, message: '请输入不小于 0 的数字' };
  return undefined;
}

/** The very hidden sheet feeding the 完成情况 dropdown (Chinese, as every sheet name the clerk may meet). */
export const LIST_SHEET_NAME = '填报下拉选项';
/** The list sheet's earlier English name: workbooks that have it keep using it (their dropdowns point there). */
export const LEGACY_LIST_SHEET_NAME = 'RectifyLists';

export const NUMBER_KINDS: ReadonlySet<string> = new Set(['number', 'percent']);
/** Columns the template formats as text ('@'): everything but numbers and percentages. */
export const TEXT_COLUMNS: ReadonlySet<ColumnKey> = new Set(
  COLUMNS.filter((c) => !NUMBER_KINDS.has(c.kind)).map((c) => c.key),
);
/** Columns whose cells wrap (long prose); the row height is computed from them. */
export const WRAPPED: ReadonlySet<ColumnKey> = new Set([
  'problem',
  'measure',
  'item',
  'responsibleUnits',
  'deadline',
  'progress',
  'evidence',
  'note',
]);

const letterOf = (key: ColumnKey) => columnLetter(COLUMNS.findIndex((c) => c.key === key));

/**
 * 完成率(%) of sheet row `row`: 完成值 ÷ 目标值 × 100, one decimal; blank while 目标值 is blank or 0 (nothing to
 * divide by) and while 完成值 is blank (not reported yet — a 0 there would read as "nothing done").
 */
export function rateFormula(row: number): string {
  const t = `${letterOf('target')}${row}`;
  const a = `${letterOf('actual')}${row}`;
  return `=IF(OR(${t}="",${t}=0,${a}=""),"",ROUND(${a}/${t}*100,1))`;
}

/** The 整改措施 cell: the measure's full text (its title when the plan has none) and, below, its 应报数据. */
export function measureCell(m: Measure): string {
  const text = m.text && m.text.trim() ? (m.text.includes(m.title) ? m.text : `${m.title}\n${m.text}`) : m.title;
  return m.dataHint ? `${text}\n应报数据：${m.dataHint}` : text;
}

/** 备注 on a closed measure's template row. */
export const CLOSED_ROW_NOTE = '已销号，无需填报（长期措施如有新进展可照常填写）';

/**
 * The prefilled rows, one per measure the unit reports on; `closed` measures (已销号) are marked so in 完成情况 and
 * 备注 and left empty otherwise. Every prefilled column is text-formatted ('@') before
 * the values land, and Excel takes a text cell's input literally — a formula-neutralising apostrophe would stay in
 * the cell as a visible character and come back in the next read. So the text goes in as it is; the '@' format is
 * what keeps "=…" inert. 完成率 stays '' here: the writers put rateFormula() there (see rateCells).
 */
export function templateRows(plan: Plan, unitId: string, closed: ReadonlySet<string> = new Set()): string[][] {
  return measuresFor(plan, unitId).map((m, i) =>
    COLUMNS.map((c) => {
      // A measure already 已销号 is marked, not demanded (validateChecklist skips the row while it stays so).
      if (closed.has(m.id) && c.key === 'status') return CLOSED_ROW_STATUS;
      if (closed.has(m.id) && c.key === 'note') return CLOSED_ROW_NOTE;
      switch (c.key) {
        case 'seq':
          return String(i + 1);
        case 'problem':
          return problemById(plan, m.problemId)?.title ?? '';
        case 'measureId':
          return m.id;
        case 'measure':
          return measureCell(m);
        case 'lead':
          return m.lead;
        case 'responsibleUnits':
          return m.responsibleUnitsText;
        case 'deadline':
          return m.deadlineText;
        default:
          return '';
      }
    }),
  );
}

export const RATE_INDEX = COLUMNS.findIndex((c) => c.key === 'rate');

/**
 * The 完成率 column from FIRST_DATA_ROW for `rows` plus SPARE_ROWS: the formula wherever the row leaves 完成率
 * blank (a template row, a spare row); a 完成率 a previous report carries (载入上期) is kept as the number it was.
 */
export function rateCells(rows: readonly (readonly unknown[])[]): (string | number)[] {
  return Array.from({ length: rows.length + SPARE_ROWS }, (_, i) => {
    const v = rows[i]?.[RATE_INDEX];
    return typeof v === 'number' ? v : rateFormula(FIRST_DATA_ROW + i);
  });
}

/** Points per line of 11-point text (Excel's default row is 14.25 pt; a little air between wrapped lines). */
const LINE_POINTS = 15;
/** Excel's tallest row. */
const MAX_ROW_POINTS = 409;

/** Width of text in column-width units: a CJK (full-width) character takes about two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

/** Lines a wrapped cell needs in a column `width` characters wide. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / usable)), 0);
}

/** Height in points that shows every wrapped cell of a row in full (Excel's autofit, computed the same for both writers). */
export function rowHeight(row: readonly unknown[]): number {
  return wrappedHeight(COLUMNS.flatMap((c, i) => (WRAPPED.has(c.key) ? [{ text: row[i], width: c.width }] : [])));
}

/** Height in points that shows each of a row's wrapped cells (text, column width in characters) in full. */
export function wrappedHeight(cells: readonly { text: unknown; width: number }[], linePoints = LINE_POINTS): number {
  let lines = 1;
  for (const { text, width } of cells)
    if (text !== undefined && text !== '') lines = Math.max(lines, wrappedLines(String(text), width));
  return Math.min(MAX_ROW_POINTS, lines * linePoints + 3);
}

/**
 * Height of a sheet's title row (row 1, merged across the table): both writers set it, for titles that wrap. The
 * title is bold 13 pt where column widths count 11 pt characters, and readers' CJK fonts run wider: 3/4 of the width.
 */
export function titleHeight(spec: { title: string; widths: readonly number[] }): number {
  return wrappedHeight([{ text: spec.title, width: 0.75 * spec.widths.reduce((a, b) => a + b, 0) }], 17);
}

/** Height of the 填报说明 row: the note wraps across the merged width of every column. */
export function noteHeight(): number {
  const width = COLUMNS.reduce((n, c) => n + c.width, 0);
  return Math.min(MAX_ROW_POINTS, wrappedLines(TEMPLATE_NOTE, width) * LINE_POINTS + 3);
}

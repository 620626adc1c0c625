// Writes .xlsx files in the browser with exceljs: the supervisor's summary sheets (any SheetSpec[], fields it does
// not know are ignored) and the unit's template (the layout 插入模板 writes too: sheets/template-layout.ts, COLUMNS,
// STATUS_LABELS). Text columns get the '@' format, so user text lands in text cells and stays inert.
import type ExcelJS from 'exceljs';
import { COLUMNS, TEMPLATE_SHEET_NAME, columnLetter } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type SubmissionRow } from '../../core/schemas/submission.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import {
  LIST_SHEET_NAME,
  BORDER_COLOR,
  FIRST_DATA_ROW,
  HEADER_FILL,
  HEADER_ROW,
  NOTE_ROW,
  RATE_INDEX,
  SPARE_ROWS,
  TEMPLATE_NOTE,
  TEMPLATE_PRINT,
  TEXT_COLUMNS,
  TITLE_ROW,
  WRAPPED,
  inputRule,
  noteHeight,
  rateCells,
  rowHeight,
  templateRows,
  titleHeight,
  templateTitle,
  wrappedHeight,
} from '../sheets/template-layout.ts';
import { previousRows, type CellValue } from '../sheets/previous-rows.ts';
import { columnNumber } from './mark-cells.ts';
import type { PrintSetup } from '../sheets/print-setup.ts';
import { printSetupOf, type SheetSpec } from '../sheets/summary-sheets.ts';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const solid = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: hex.length === 8 ? hex : argb(hex) },
});

async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: ExcelJSLib } = await import('./exceljs-lib.ts');
  const wb = new ExcelJSLib.Workbook();
  wb.creator = '整改进度填报助手';
  // Recalculate on opening: Excel, WPS and LibreOffice then show 完成率 from the cells, not only the cached result.
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const PAPER = { A4: 9 } as const;

/**
 * Width in characters of the text at sheet row `row`, 0-based column `c`: its column's, or the whole span of a merge
 * across the row (a problem's heading). 10% spare: LibreOffice's and WPS's CJK fonts run a little wider than Excel's.
 */
function spanWidth(spec: SheetSpec, row: number, c: number): number {
  const width = (from: number, to: number) => spec.widths.slice(from, to + 1).reduce((a, b) => a + b, 0) || 8;
  const merge = spec.merges
    ?.map((m) => /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m))
    .find((m) => m && Number(m[2]) === row && Number(m[4]) === row && m[1] === columnLetter(c));
  return 0.9 * (merge ? width(c, columnNumber(merge[3]!) - 1) : width(c, c));
}

/** The print setup the Excel path writes through Worksheet.pageLayout (excel/write-summary.ts), as file fields. */
function pageSetup(p: PrintSetup): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER[p.paperSize],
    orientation: p.orientation,
    // One page wide, as many pages tall as it takes.
    ...(p.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    horizontalCentered: true,
    printTitlesRow: `${p.firstTitleRow ?? 1}:${p.titleRows}`,
  };
}

/** One worksheet per spec: title row, header row, rows, fills, widths, wrapped and text columns, frozen header, print setup. */
export async function specsToXlsx(specs: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = await newWorkbook();
  for (const spec of specs) {
    // Every sheet prints as in Excel: the spec's setup, else A4 landscape one page wide.
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: pageSetup(printSetupOf(spec)),
    });
    const width = Math.max(spec.header.length, ...spec.rows.map((r) => r.length));
    ws.getCell('A1').value = spec.title;
    ws.getCell('A1').font = { bold: true, size: 13 };
    if (width > 1) ws.mergeCells(1, 1, 1, width);
    // Heights written out: a reader does not grow rows for wrapped text on opening, so a long title, header or
    // progress text would print cut off.
    ws.getCell('A1').alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(1).height = titleHeight(spec);
    ws.getRow(2).height = wrappedHeight(spec.header.map((h, i) => ({ text: h, width: spec.widths[i] ?? 8 })));
    const text = new Set(spec.text);
    const wrap = new Set(spec.wrap ?? []);
    spec.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    const header = ws.getRow(2);
    spec.header.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = solid(HEADER_FILL);
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    spec.rows.forEach((r, i) => {
      const row = ws.getRow(3 + i);
      for (let c = 0; c < width; c++) {
        const cell = row.getCell(c + 1);
        const v = r[c] ?? '';
        if (text.has(c)) cell.numFmt = '@';
        cell.value = v;
        // Long texts wrap inside their column; top alignment keeps a unit's row readable side by side.
        if (wrap.size) cell.alignment = { wrapText: wrap.has(c), vertical: 'top' };
      }
      row.height = wrappedHeight([...wrap].map((c) => ({ text: r[c], width: spanWidth(spec, 3 + i, c) })));
    });
    for (const area of spec.merges ?? []) ws.mergeCells(area);
    for (const link of spec.links ?? []) {
      const cell = ws.getCell(`${link.column}${link.row}`);
      cell.value = { text: link.text, hyperlink: link.url };
      cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    for (const [color, cells] of Object.entries(spec.fills))
      for (const { row, column } of cells) ws.getCell(`${column}${row}`).fill = solid(color);
  }
  return toBytes(wb);
}

/**
 * A 完成率 cell as exceljs writes it: the formula with its cached result, which is what a program that does not
 * recalculate on opening shows (and what exceljs and SheetJS read back). A blank row's formula yields "".
 */
function rateValue(cell: string | number): ExcelJS.CellValue {
  return typeof cell === 'number' ? cell : ({ formula: cell.slice(1), result: '' } as ExcelJS.CellFormulaValue);
}

/**
 * 下载填报模板: what 插入模板 writes in Excel, as a file (opens in WPS, Excel 2007+, LibreOffice); `rows` replaces
 * the prefilled rows (载入上期报送, previousXlsx).
 */
export async function templateXlsx(
  plan: Plan,
  unit: Unit,
  rows: readonly (readonly CellValue[])[] = templateRows(plan, unit.id),
): Promise<Uint8Array> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(TEMPLATE_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: pageSetup(TEMPLATE_PRINT),
  });
  const labels = Object.values(STATUS_LABELS).map((l) => l.zh);
  const lists = wb.addWorksheet(LIST_SHEET_NAME, { state: 'veryHidden' });
  labels.forEach((l, i) => (lists.getCell(`A${i + 1}`).value = l));

  ws.getCell(`A${TITLE_ROW}`).value = templateTitle(plan, unit);
  ws.getCell(`A${TITLE_ROW}`).font = { bold: true, size: 14 };
  ws.getCell(`A${TITLE_ROW}`).alignment = { horizontal: 'center' };
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMNS.length);
  const note = ws.getCell(`A${NOTE_ROW}`);
  note.value = TEMPLATE_NOTE;
  note.font = { color: { argb: 'FF7F3F00' } };
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(NOTE_ROW, 1, NOTE_ROW, COLUMNS.length);
  ws.getRow(NOTE_ROW).height = noteHeight();
  const firstData = FIRST_DATA_ROW;
  const lastValidated = FIRST_DATA_ROW + rows.length + SPARE_ROWS - 1;
  const rates = rateCells(rows);
  rows.forEach((row, i) => (ws.getRow(firstData + i).height = rowHeight(row)));
  COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const h = ws.getCell(HEADER_ROW, i + 1);
    h.value = c.header;
    h.font = { bold: true };
    h.fill = solid(HEADER_FILL);
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    const letter = columnLetter(i);
    for (let r = firstData; r <= lastValidated; r++) {
      const cell = ws.getCell(`${letter}${r}`);
      if (TEXT_COLUMNS.has(c.key)) cell.numFmt = '@';
      const value = rows[r - firstData]?.[i];
      if (i === RATE_INDEX) cell.value = rateValue(rates[r - firstData]!);
      // A figure of 0 is an answer (载入上期): only blank cells stay empty.
      else if (value !== undefined && value !== '') cell.value = value;
      cell.alignment = { vertical: 'top', wrapText: WRAPPED.has(c.key) };
      const edge = { style: 'thin', color: { argb: argb(BORDER_COLOR) } } as const;
      cell.border = { top: edge, bottom: edge, left: edge, right: edge };
      const rule = inputRule(c);
      if (rule) {
        const alert = {
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: rule.title,
          error: rule.message,
        } as const;
        cell.dataValidation = rule.list
          ? { type: 'list', allowBlank: true, formulae: [`'${LIST_SHEET_NAME}'!$A$1:$A$${labels.length}`], ...alert }
          : rule.max !== undefined
            ? { type: 'decimal', operator: 'between', allowBlank: true, formulae: [rule.min, rule.max], ...alert }
            : { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [rule.min], ...alert };
      }
    }
  });
  return toBytes(wb);
}

/** 载入上期报送 without Excel: a submitted revision's rows (sheets/previous-rows.ts) in the template's layout. */
export function previousXlsx(plan: Plan, unit: Unit, rows: readonly SubmissionRow[]): Promise<Uint8Array> {
  return templateXlsx(plan, unit, previousRows(plan, unit.id, rows));
}

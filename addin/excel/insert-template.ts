// Inserts the 整改清单 template for a unit: title row, header (core COLUMNS), one prefilled row per measure the unit
// must report on, a native 完成情况 dropdown fed from a range on a very hidden list sheet (inline lists cap at 255
// characters), number validation, text format on text columns (so "1-1" is not read as a date and nothing typed
// becomes a formula), the 完成率 formula, a 填报说明 line, rows tall enough for their text, frozen header and column
// widths (the layout itself: template-layout.ts). Two syncs: look up sheet names, then write everything.
import { COLUMNS, TEMPLATE_SHEET_NAME, columnLetter } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { charsToPoints } from './column-width.ts';
import { isSetSupported } from './host.ts';
import { applyPrint } from './page-layout.ts';
import { runExcel } from './run-excel.ts';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  LEGACY_LIST_SHEET_NAME,
  LIST_SHEET_NAME,
  NOTE_ROW,
  NUMBER_KINDS,
  RATE_INDEX,
  SPARE_ROWS,
  BORDER_COLOR,
  HEADER_FILL,
  TEMPLATE_NOTE,
  TEMPLATE_PRINT,
  TITLE_ROW,
  WRAPPED,
  inputRule,
  noteHeight,
  rateCells,
  rowHeight,
  templateRows,
  templateTitle,
} from '../sheets/template-layout.ts';

/** Excel compares sheet names without regard to case: "rectifylists" is the same sheet as "RectifyLists". */
export function findSheetName(names: readonly string[], wanted: string): string | undefined {
  return names.find((n) => n.toLowerCase() === wanted.toLowerCase());
}

export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}(${i})`.toLowerCase())) return `${base}(${i})`;
}

/**
 * Requirement sets: worksheets.load/add, Worksheet.visibility (VeryHidden), Range.values/formulas/numberFormat/format/merge/
 * format.rowHeight (ExcelApi 1.1–1.2), Range.dataValidation (1.8), Worksheet.freezePanes (1.7), Worksheet.activate (1.1),
 * Worksheet.pageLayout (1.9; the print setup is left out on a host without it).
 */
export async function insertTemplate(
  plan: Plan,
  unit: Unit,
  prefilled?: (string | number)[][],
): Promise<{ sheetName: string; rows: number }> {
  // 载入上期报送 passes the last revision's rows (previous-rows.ts); otherwise one blank row per measure.
  const rows = prefilled ?? templateRows(plan, unit.id);
  const lastCol = columnLetter(COLUMNS.length - 1);
  const firstData = FIRST_DATA_ROW;
  const lastData = FIRST_DATA_ROW + rows.length - 1;
  const lastValidated = lastData + SPARE_ROWS;
  const statusLabels = Object.values(STATUS_LABELS).map((l) => [l.zh]);
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const names = sheets.items.map((s) => s.name);
    const sheetName = uniqueSheetName(TEMPLATE_SHEET_NAME, names);

    // VeryHidden: a Hidden sheet can be unhidden (and deleted) from the sheet tabs' menu, breaking every dropdown.
    const existingLists = findSheetName(names, LIST_SHEET_NAME) ?? findSheetName(names, LEGACY_LIST_SHEET_NAME);
    const listName = existingLists ?? LIST_SHEET_NAME;
    const lists = existingLists ? sheets.getItem(existingLists) : sheets.add(LIST_SHEET_NAME);
    lists.getRange(`A1:A${statusLabels.length}`).values = statusLabels;

    const sheet = sheets.add(sheetName);
    // Hidden only once the template sheet exists: Excel refuses to hide a workbook's last visible sheet.
    lists.visibility = 'VeryHidden';
    const title = sheet.getRange(`A${TITLE_ROW}:${lastCol}${TITLE_ROW}`);
    title.merge(false);
    title.values = [COLUMNS.map((_, i) => (i === 0 ? templateTitle(plan, unit) : ''))];
    title.format.font.bold = true;
    title.format.font.size = 14;
    title.format.horizontalAlignment = 'Center';

    const note = sheet.getRange(`A${NOTE_ROW}:${lastCol}${NOTE_ROW}`);
    note.merge(false);
    note.values = [COLUMNS.map((_, i) => (i === 0 ? TEMPLATE_NOTE : ''))];
    note.format.wrapText = true;
    note.format.verticalAlignment = 'Top';
    note.format.font.color = '#7F3F00';
    note.format.rowHeight = noteHeight();

    const header = sheet.getRange(`A${HEADER_ROW}:${lastCol}${HEADER_ROW}`);
    header.values = [COLUMNS.map((c) => c.header)];
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    header.format.wrapText = true;
    header.format.verticalAlignment = 'Center';
    header.format.horizontalAlignment = 'Center';

    COLUMNS.forEach((c, i) => {
      const letter = columnLetter(i);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = charsToPoints(c.width);
      const area = sheet.getRange(`${letter}${firstData}:${letter}${lastValidated}`);
      const height = lastValidated - firstData + 1;
      // Text format BEFORE values: otherwise Excel turns "1-1" into 1 January.
      area.numberFormat = Array.from({ length: height }, () => [NUMBER_KINDS.has(c.kind) ? 'General' : '@']);
      if (WRAPPED.has(c.key)) area.format.wrapText = true;
      const rule = inputRule(c);
      if (rule) {
        area.dataValidation.clear();
        area.dataValidation.rule = rule.list
          ? { list: { inCellDropDown: true, source: `='${listName}'!$A$1:$A$${statusLabels.length}` } }
          : rule.max !== undefined
            ? { decimal: { operator: 'Between', formula1: rule.min!, formula2: rule.max } }
            : { decimal: { operator: 'GreaterThanOrEqualTo', formula1: rule.min! } };
        area.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: rule.title, message: rule.message };
      }
    });

    if (rows.length) {
      const body = sheet.getRange(`A${firstData}:${lastCol}${lastData}`);
      body.values = rows;
      body.format.verticalAlignment = 'Top';
      // One height per row, so each row shows its wrapped text (Excel does not grow rows written by the API).
      rows.forEach(
        (row, i) => (sheet.getRange(`A${firstData + i}:${lastCol}${firstData + i}`).format.rowHeight = rowHeight(row)),
      );
    }
    // 完成率 as a formula (formulas, not values: a formula is meant here, and values keep user text inert).
    const rate = columnLetter(RATE_INDEX);
    sheet.getRange(`${rate}${firstData}:${rate}${lastValidated}`).formulas = rateCells(rows).map((f) => [f]);
    const table = sheet.getRange(`A${HEADER_ROW}:${lastCol}${lastValidated}`);
    for (const edge of [
      'EdgeTop',
      'EdgeBottom',
      'EdgeLeft',
      'EdgeRight',
      'InsideHorizontal',
      'InsideVertical',
    ] as const) {
      const border = table.format.borders.getItem(edge);
      border.style = 'Continuous';
      border.color = BORDER_COLOR;
    }
    // Activate first: on Excel desktop, freezing panes of a sheet that is not active freezes the active one.
    sheet.activate();
    sheet.freezePanes.freezeRows(HEADER_ROW);
    sheet.getRange(`${columnLetter(COLUMNS.findIndex((c) => c.key === 'status'))}${firstData}`).select();
    if (isSetSupported('ExcelApi', '1.9')) applyPrint(sheet, TEMPLATE_PRINT);
    await context.sync();
    return { sheetName, rows: rows.length };
  });
}

// 下载填报模板 and 载入上期报送 without Excel: the layout 插入模板 writes in Excel (excel/insert-template.ts), from the
// same sheets/template-layout.ts, COLUMNS and STATUS_LABELS, as an .xlsx that WPS, Excel 2007+ and LibreOffice open.
import type ExcelJS from 'exceljs';
import { COLUMNS, TEMPLATE_SHEET_NAME, columnLetter } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type SubmissionRow } from '../../core/schemas/submission.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { previousRows, type CellValue } from '../sheets/previous-rows.ts';
import * as layout from '../sheets/template-layout.ts';
import { argb, newWorkbook, pageSetup, solid, toBytes } from './xlsx-workbook.ts';

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
  rows: readonly (readonly CellValue[])[] = layout.templateRows(plan, unit.id),
): Promise<Uint8Array> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(TEMPLATE_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: layout.HEADER_ROW }],
    pageSetup: pageSetup(layout.TEMPLATE_PRINT),
  });
  const labels = Object.values(STATUS_LABELS).map((l) => l.zh);
  const lists = wb.addWorksheet(layout.LIST_SHEET_NAME, { state: 'veryHidden' });
  labels.forEach((l, i) => (lists.getCell(`A${i + 1}`).value = l));

  ws.getCell(`A${layout.TITLE_ROW}`).value = layout.templateTitle(plan, unit);
  ws.getCell(`A${layout.TITLE_ROW}`).font = { bold: true, size: 14 };
  ws.getCell(`A${layout.TITLE_ROW}`).alignment = { horizontal: 'center' };
  ws.mergeCells(layout.TITLE_ROW, 1, layout.TITLE_ROW, COLUMNS.length);
  const note = ws.getCell(`A${layout.NOTE_ROW}`);
  note.value = layout.TEMPLATE_NOTE;
  note.font = { color: { argb: 'FF7F3F00' } };
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(layout.NOTE_ROW, 1, layout.NOTE_ROW, COLUMNS.length);
  ws.getRow(layout.NOTE_ROW).height = layout.noteHeight();
  const firstData = layout.FIRST_DATA_ROW;
  const lastValidated = layout.FIRST_DATA_ROW + rows.length + layout.SPARE_ROWS - 1;
  const rates = layout.rateCells(rows);
  rows.forEach((row, i) => (ws.getRow(firstData + i).height = layout.rowHeight(row)));
  COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const h = ws.getCell(layout.HEADER_ROW, i + 1);
    h.value = c.header;
    h.font = { bold: true };
    h.fill = solid(layout.HEADER_FILL);
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    const letter = columnLetter(i);
    for (let r = firstData; r <= lastValidated; r++) {
      const cell = ws.getCell(`${letter}${r}`);
      if (layout.TEXT_COLUMNS.has(c.key)) cell.numFmt = '@';
      const value = rows[r - firstData]?.[i];
      if (i === layout.RATE_INDEX) cell.value = rateValue(rates[r - firstData]!);
      // A figure of 0 is an answer (载入上期): only blank cells stay empty.
      else if (value !== undefined && value !== '') cell.value = value;
      cell.alignment = { vertical: 'top', wrapText: layout.WRAPPED.has(c.key) };
      const edge = { style: 'thin', color: { argb: argb(layout.BORDER_COLOR) } } as const;
      cell.border = { top: edge, bottom: edge, left: edge, right: edge };
      const rule = layout.inputRule(c);
      if (rule) {
        const alert = {
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: rule.title,
          error: rule.message,
        } as const;
        cell.dataValidation = rule.list
          ? {
              type: 'list',
              allowBlank: true,
              formulae: [`'${layout.LIST_SHEET_NAME}'!$A$1:$A$${labels.length}`],
              ...alert,
            }
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

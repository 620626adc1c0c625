// 下载标注版: the user's own workbook back with the flagged cells filled (errors red, warnings yellow, the pane's
// colours) and a 校验结果 sheet listing every issue. An .xlsx is changed in its own XML (mark-cells.ts,
// result-sheet.ts): only the flagged cells' formats and the added sheet differ, so print setup, margins, widths,
// validation and everything else of the file stay as they were. An .xls/.ods/.csv upload comes back as an .xlsx
// holding its values (the library cannot write those formats with fills).
import { neutraliseFormula } from '../../core/text/formula-safe.ts';
import { type ChecklistIssue } from '../../core/validate-checklist.ts';
import { HIGHLIGHT_COLORS } from '../sheets/highlight-colors.ts';
import { MarkStyles, markCells, type CellMark } from './mark-cells.ts';
import type { LoadedBook } from './read-upload.ts';
import { sheetParts, writeResultSheet, type ResultLine } from './result-sheet.ts';
import { toBytes } from './xlsx-workbook.ts';
import { openXlsx } from './xlsx-package.ts';

export const RESULT_SHEET = '校验结果';

const marksOf = (issues: readonly ChecklistIssue[]): CellMark[] =>
  issues
    .filter((i) => i.column && i.row > 0)
    .map((i) => ({ row: i.row, column: i.column, severity: i.severity === 'error' ? 'error' : 'warning' }));

const linesOf = (sheetName: string, issues: readonly ChecklistIssue[]): ResultLine[] =>
  issues.map((i) => ({
    sheet: sheetName,
    row: i.row || '',
    column: i.column || '',
    level: i.severity === 'error' ? '错误' : '警告',
    message: neutraliseFormula(i.message),
  }));

export async function annotatedXlsx(
  book: LoadedBook,
  sheetName: string,
  issues: readonly ChecklistIssue[],
): Promise<Uint8Array> {
  return book.kind === 'xlsx'
    ? annotatePackage(book.bytes, sheetName, issues)
    : annotateValues(book, sheetName, issues);
}

async function annotatePackage(
  bytes: Uint8Array,
  sheetName: string,
  issues: readonly ChecklistIssue[],
): Promise<Uint8Array> {
  const pkg = await openXlsx(bytes);
  const part = sheetParts(pkg).get(sheetName);
  const sheet = part && pkg.read(part);
  const stylesXml = pkg.read('xl/styles.xml');
  if (!part || !sheet) throw new Error(`sheet ${sheetName} not found`);
  if (!stylesXml) throw new Error('the workbook has no styles part');
  const styles = new MarkStyles(stylesXml, HIGHLIGHT_COLORS);
  pkg.write(part, markCells(sheet, marksOf(issues), styles));
  writeResultSheet(pkg, RESULT_SHEET, linesOf(sheetName, issues), styles);
  pkg.write('xl/styles.xml', styles.xml);
  return pkg.toBytes();
}

/** .xls/.ods/.csv: a new .xlsx of the upload's values, the flagged cells filled, and 校验结果. */
async function annotateValues(
  book: LoadedBook,
  sheetName: string,
  issues: readonly ChecklistIssue[],
): Promise<Uint8Array> {
  const { default: ExcelJSLib } = await import('./exceljs-lib.ts');
  const wb = new ExcelJSLib.Workbook();
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== '' && v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as string | number | boolean;
      }),
    );
  }
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`sheet ${sheetName} not found`);
  // Errors win over warnings on the same cell. Each cell gets a style object of its own (exceljs shares them).
  const ordered = marksOf(issues).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? 1 : -1));
  for (const m of ordered) {
    const cell = ws.getCell(`${m.column}${m.row}`);
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${HIGHLIGHT_COLORS[m.severity].slice(1)}` } },
    };
  }
  const out = wb.addWorksheet(RESULT_SHEET);
  out.columns = [
    { header: '工作表', width: 14 },
    { header: '行', width: 6 },
    { header: '列', width: 6 },
    { header: '级别', width: 8 },
    { header: '问题', width: 80 },
  ];
  out.getRow(1).font = { bold: true };
  for (const l of linesOf(sheetName, issues)) {
    const row = out.addRow([l.sheet, l.row, l.column, l.level, l.message]);
    // Issue text can echo cell content: neutralised (linesOf) and in text cells.
    row.getCell(5).numFmt = '@';
    row.getCell(1).numFmt = '@';
  }
  return toBytes(wb);
}

// 下载标注版: the user's own workbook back with the flagged cells filled (errors red, warnings yellow, the pane's
// colours) and a 校验结果 sheet listing every issue; nothing else is changed. An .xls/.ods/.csv upload comes back as
// an .xlsx holding its values (the library cannot write those formats with fills).
import type { ChecklistIssue } from '../../core/index.ts';
import { HIGHLIGHT_COLORS } from '../sheets/highlight-colors.ts';
import { loadXlsx, type LoadedBook } from './read-upload.ts';
import { toBytes } from './write-xlsx.ts';

export const RESULT_SHEET = '校验结果';
const fill = (hex: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${hex.slice(1)}` } });

export async function annotatedXlsx(book: LoadedBook, sheetName: string, issues: readonly ChecklistIssue[]): Promise<Uint8Array> {
  const wb = book.kind === 'xlsx' ? await loadXlsx(book.bytes) : await (async () => {
    const { default: ExcelJSLib } = await import('./exceljs-lib.ts');
    const fresh = new ExcelJSLib.Workbook();
    for (const s of book.sheets) {
      const ws = fresh.addWorksheet(s.name);
      s.grid.forEach((row, r) => row.forEach((v, c) => {
        if (v !== '' && v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as string | number | boolean;
      }));
    }
    return fresh;
  })();
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`sheet ${sheetName} not found`);
  // Errors win over warnings on the same cell.
  const ordered = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? 1 : -1));
  for (const i of ordered) if (i.column) ws.getCell(`${i.column}${i.row}`).fill = fill(HIGHLIGHT_COLORS[i.severity === 'error' ? 'error' : 'warning']);

  const old = wb.getWorksheet(RESULT_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const out = wb.addWorksheet(RESULT_SHEET);
  out.columns = [{ header: '工作表', width: 14 }, { header: '行', width: 6 }, { header: '列', width: 6 }, { header: '级别', width: 8 }, { header: '问题', width: 80 }];
  out.getRow(1).font = { bold: true };
  for (const i of issues) {
    const row = out.addRow([sheetName, i.row || '', i.column || '', i.severity === 'error' ? '错误' : '警告', i.message]);
    // Issue text can echo cell content: text cells keep "=…" inert.
    row.getCell(5).numFmt = '@';
    row.getCell(1).numFmt = '@';
  }
  return toBytes(wb);
}

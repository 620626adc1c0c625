// The sheet row under the cursor, for 佐证材料 → 为当前行添加 (Workbook.getActiveCell, ExcelApi 1.7).
import { runExcel } from './run-excel.ts';

export function activeRow(): Promise<{ sheetName: string; row: number }> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const cell = context.workbook.getActiveCell();
    sheet.load('name');
    cell.load('rowIndex');
    await context.sync();
    return { sheetName: sheet.name, row: cell.rowIndex + 1 };
  });
}

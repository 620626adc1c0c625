import { runExcel } from './run-excel.ts';
/** Activates the sheet and selects one cell (clicking an issue). Requirement sets: Worksheet.activate, Range.select (ExcelApi 1.1). */
export async function selectCell(sheetName: string, address: string): Promise<void> {
  await runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync();
  });
}

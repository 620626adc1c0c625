// Reads the active worksheet's used range in ONE sync and pads it to start at A1, so the grid's indices are sheet
// coordinates (row i ↔ sheet row i+1, column j ↔ letter j) and core's issue rows/letters need no translation.

export interface ChecklistRead {
  sheetName: string;
  /** Address of the used range as Excel reports it ("整改清单!A1:P40"), empty for a blank sheet. */
  address: string;
  /** 0-based sheet row/column of the used range's top-left cell. */
  top: number;
  left: number;
  /** Values from A1 to the used range's bottom-right; cells left of / above the used range are "". */
  grid: unknown[][];
}

/**
 * Requirement sets: Workbook.worksheets.getActiveWorksheet (ExcelApi 1.1), Worksheet.getUsedRangeOrNullObject
 * (1.4), Range.values/address/rowIndex/columnIndex (1.1).
 */
export async function readChecklist(): Promise<ChecklistRead> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(['values', 'address', 'rowIndex', 'columnIndex']);
    await context.sync();
    if (used.isNullObject) return { sheetName: sheet.name, address: '', top: 0, left: 0, grid: [] };
    return {
      sheetName: sheet.name,
      address: used.address,
      top: used.rowIndex,
      left: used.columnIndex,
      grid: padToA1(used.values, used.rowIndex, used.columnIndex),
    };
  });
}

export function padToA1(values: readonly (readonly unknown[])[], top: number, left: number): unknown[][] {
  const lead = left > 0 ? new Array<unknown>(left).fill('') : [];
  const rows: unknown[][] = [];
  for (let i = 0; i < top; i++) rows.push([]);
  for (const row of values) rows.push(left > 0 ? lead.concat(row) : row.slice());
  return rows;
}

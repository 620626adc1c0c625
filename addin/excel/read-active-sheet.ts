// Reads the active worksheet in ONE sync and pads it to start at A1, so the grid's indices are sheet coordinates
// (row i ↔ sheet row i+1, column j ↔ letter j) and core's issue rows/letters need no translation.
// Two things real Excel does that the grid must undo before core sees it:
// - Only a bounded window (READ_WINDOW) is read: the used range runs to the farthest cell ever typed in, so one
//   stray value at XFD1048576 would otherwise make Excel on the web refuse the 5 MB response. The used range's
//   full size is loaded too, so the pane can say what it left out.
// - A cell formatted as a percentage holds a fraction: typing "85%" (or 85 into a cell already showing %) stores
//   0.85. The clerk meant 85, which is what core's 完成率 rules expect, so numbers in %-formatted cells are scaled.
//   Their formats come from the numeric cells only (getSpecialCells), not from every cell of the sheet.
import { scalePercentages } from '../sheets/percent-cells.ts';
import { probeHighlights, type HighlightProbe } from './highlight-issues.ts';
import { runExcel } from './run-excel.ts';

/** The window read: 26 columns (the checklist has 16; a few to spare for an offset table) and 12,000 rows. */
export const READ_WINDOW = { rows: 12_000, columns: 26, address: 'A1:Z12000' } as const;

export interface SheetRead {
  sheetName: string;
  /** Every sheet's name, read in the same sync: to say which sheet to switch to when this one is no checklist. */
  sheetNames: string[];
  /** Address of the range read ("整改清单!A1:P40"), empty for a blank sheet. */
  address: string;
  /** 0-based sheet row/column of the read range's top-left cell. */
  top: number;
  left: number;
  /** Values from A1 to the read range's bottom-right; cells left of / above it are "". */
  grid: unknown[][];
  /** The whole used range's address when it reaches past READ_WINDOW (those cells were not read). */
  clippedUsedRange?: string;
  /** Current fills of the previous highlight's cells, read in the same sync (for highlightIssues). */
  highlightProbe: HighlightProbe;
}

/**
 * Requirement sets: Workbook.worksheets.getActiveWorksheet, Range.values/address/rowIndex/columnIndex/rowCount/
 * columnCount/numberFormat (ExcelApi 1.1), Worksheet.getUsedRangeOrNullObject and Range.getIntersectionOrNullObject
 * (1.4), Range.getSpecialCellsOrNullObject → RangeAreas.areas and Range.getCellProperties (1.9).
 */
export async function readActiveSheet(): Promise<SheetRead> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    const window = used.getIntersectionOrNullObject(READ_WINDOW.address);
    window.load(['values', 'address', 'rowIndex', 'columnIndex']);
    // Typed numbers and formula results (a rate computed as =K3/J3 and shown as %) both count.
    const numberAreas = (['Constants', 'Formulas'] as const).map((kind) => {
      const areas = window.getSpecialCellsOrNullObject(kind, 'Numbers');
      areas.load('areas/items/rowIndex,areas/items/columnIndex,areas/items/numberFormat');
      return areas;
    });
    const probe = probeHighlights(context);
    await context.sync();
    const highlightProbe = probe();
    const sheetNames = sheets.items.map((s) => s.name);
    if (used.isNullObject || window.isNullObject)
      return { sheetName: sheet.name, sheetNames, address: '', top: 0, left: 0, grid: [], highlightProbe };
    const grid = padToA1(window.values, window.rowIndex, window.columnIndex);
    for (const areas of numberAreas) {
      if (areas.isNullObject) continue;
      for (const area of areas.areas.items) scalePercentages(grid, area.rowIndex, area.columnIndex, area.numberFormat);
    }
    const clipped =
      used.rowIndex + used.rowCount > READ_WINDOW.rows || used.columnIndex + used.columnCount > READ_WINDOW.columns;
    return {
      sheetName: sheet.name,
      sheetNames,
      address: window.address,
      top: window.rowIndex,
      left: window.columnIndex,
      grid,
      highlightProbe,
      ...(clipped ? { clippedUsedRange: used.address } : {}),
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

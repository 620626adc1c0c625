// Where charts go on a sheet that also holds tables: beside the used range while it is narrow, below it once it is
// wide (a 趋势 table grows one column per period), never over a cell that holds a value. Pure: the caller says how
// far its tables reach; every chart of the sheet takes its slot from here, so a new chart needs only a higher count.
import { columnLetter } from '../../core/checklist/columns.ts';

/** A chart's size in cells: about 540 × 320 points at Excel's default column width and row height. */
export const CHART_COLUMNS = 9;
export const CHART_ROWS = 16;
/** Up to this many used columns (A–N) the charts stand beside the tables; past it they go below. */
export const BESIDE_MAX_COLUMNS = 14;
/** The row the first chart beside the tables starts on (the sheet's title and a blank row above). */
const TOP_ROW = 3;

/** The last used row and column of the sheet's tables, both 1-based (C12 → { rows: 12, columns: 3 }). */
export interface UsedArea {
  rows: number;
  columns: number;
}

/**
 * Top-left and bottom-right cells of `count` charts: stacked downwards one column right of a narrow used range,
 * or side by side starting two rows below a wide one.
 */
export function chartSlots(used: UsedArea, count: number): [string, string][] {
  const beside = used.columns <= BESIDE_MAX_COLUMNS;
  return Array.from({ length: count }, (_, i) => {
    const left = beside ? used.columns + 1 : i * (CHART_COLUMNS + 1); // 0-based column
    const top = beside ? TOP_ROW + i * (CHART_ROWS + 1) : used.rows + 2; // 1-based row
    const cell = (col: number, row: number) => `${columnLetter(col)}${row}`;
    return [cell(left, top), cell(left + CHART_COLUMNS - 1, top + CHART_ROWS - 1)];
  });
}

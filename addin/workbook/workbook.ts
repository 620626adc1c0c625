// "The workbook being worked on", whoever holds it: Excel (addin/excel/excel-workbook.ts, Office.js) or a file the
// user uploaded in a plain browser (addin/files/file-workbook.ts, the spreadsheet library). The panels read, mark and
// show cells through this only; taskpane.ts picks the adapter, and the supervisor panel asks hasExcel() only to write
// its sheets into Excel or download them as a file.
import type { ChecklistIssue } from '../../core/validate-checklist.ts';

export interface SheetGrid {
  sheetName: string;
  /** Values from A1 (row i ↔ sheet row i+1, column j ↔ letter j): core's issue rows/letters need no translation. */
  grid: unknown[][];
  /** The used range's address when it reached past what was read (Excel only). */
  clippedUsedRange?: string;
  /** Every sheet of the workbook, to name the checklist when the active sheet is not one (Excel only). */
  sheetNames?: string[];
}

export interface Workbook {
  readGrid(): Promise<SheetGrid>;
  /** Marks the flagged cells: fills them in Excel; a file remembers them for 下载标注版. */
  highlight(sheetName: string, issues: readonly ChecklistIssue[]): Promise<void>;
  /** Shows one cell ("H5"): selects it in Excel; a file has no cursor, so it answers false. */
  select(sheetName: string, address: string): Promise<boolean>;
}

// Validate = read the sheet worked on (Excel: 1 sync; a file: already in memory) → core.validateChecklist (pure,
// same rules the Worker runs) → highlight the flagged cells (Excel: 1 sync). Two syncs whatever the row count.
import { buildSubmission, validateChecklist, type ChecklistContext, type ChecklistIssue, type ChecklistResult, type Submission, type SubmissionRow } from '../core/index.ts';
import { excelWorkbook } from './excel/excel-workbook.ts';
import type { Workbook } from './workbook/workbook.ts';

export type CheckIssue = ChecklistIssue;
export type CheckResult = ChecklistResult;

export interface SheetCheck extends CheckResult {
  sheetName: string;
  errors: number;
  warnings: number;
  /** Rows that convert into submission rows. */
  dataRows: SubmissionRow[];
  /** The used range's address when it reached past the window read (see excel/read-checklist.ts). */
  clippedUsedRange?: string;
}

/** Throws core's SubmissionBuildError when the result still has errors (the pane blocks that case earlier). */
export function toSubmission(result: CheckResult, plan: string, period: string, signer: string): Submission {
  return buildSubmission(result, { plan, period, signer });
}

export async function checkWorkbook(workbook: Workbook, ctx: ChecklistContext): Promise<SheetCheck> {
  const read = await workbook.readGrid();
  const result = validateChecklist(read.grid, ctx);
  await workbook.highlight(read.sheetName, result.issues.filter((i) => i.column));
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  return {
    ...result,
    sheetName: read.sheetName,
    ...(read.clippedUsedRange ? { clippedUsedRange: read.clippedUsedRange } : {}),
    errors,
    warnings: result.issues.length - errors,
    dataRows: result.rows.flatMap((r) => (r.data ? [r.data] : [])),
  };
}

/** The add-in's path: the active worksheet in Excel. */
export function checkActiveSheet(ctx: ChecklistContext): Promise<SheetCheck> {
  return checkWorkbook(excelWorkbook(), ctx);
}

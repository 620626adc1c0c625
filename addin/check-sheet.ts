// Validate = read the sheet worked on (Excel: 1 sync; a file: already in memory) → core.validateChecklist (pure,
// same rules the Worker runs) → highlight the flagged cells (Excel: 1 sync). Two syncs whatever the row count.
import { buildSubmission } from '../core/build-submission.ts';
import { findHeader } from '../core/sheet/find-header.ts';
import { TEMPLATE_SHEET_NAME } from '../core/checklist/columns.ts';
import {
  validateChecklist,
  type ChecklistContext,
  type ChecklistIssue,
  type ChecklistResult,
} from '../core/validate-checklist.ts';
import { type Submission, type SubmissionRow } from '../core/schemas/submission.ts';
import { excelWorkbook } from './excel/excel-workbook.ts';
import type { SheetGrid, Workbook } from './workbook/workbook.ts';
import { PaneNotice } from './pane-notice.ts';

export type CheckIssue = ChecklistIssue;
export type CheckResult = ChecklistResult;

export interface SheetCheck extends CheckResult {
  sheetName: string;
  errors: number;
  warnings: number;
  /** Rows that convert into submission rows. */
  dataRows: SubmissionRow[];
  /** The used range's address when it reached past the window read (see excel/read-active-sheet.ts). */
  clippedUsedRange?: string;
}

/** Throws core's SubmissionBuildError when the result still has errors (the pane blocks that case earlier). */
export function toSubmission(
  result: CheckResult,
  planId: string,
  period: string,
  signer: string,
  preparer: { preparer?: string; preparerPhone?: string } = {},
): Submission {
  return buildSubmission(result, { planId, period, signer, ...preparer });
}

/**
 * The active sheet has no checklist header at all (a summary, the plan, a blank sheet): one sentence naming the
 * sheet to switch to, instead of one "未找到表头行" finding per required column.
 */
export function notChecklistMessage(active: string, sheetNames: readonly string[]): string {
  const checklists = sheetNames.filter((n) => n !== active && n.startsWith(TEMPLATE_SHEET_NAME));
  if (checklists.length === 1) return `当前工作表“${active}”不是整改清单：请切换到工作表“${checklists[0]}”后再校验。`;
  if (checklists.length > 1)
    return `当前工作表“${active}”不是整改清单：请切换到要报送的整改清单（${checklists.map((n) => `“${n}”`).join('、')}）后再校验。`;
  return `当前工作表“${active}”不是整改清单，工作簿中也没有整改清单：请先点“插入模板”或“载入上期报送”。`;
}

/** `read`: the grid when the caller has read it already (to match a ledger's rows first). */
export async function checkWorkbook(
  workbook: Workbook,
  ctx: ChecklistContext,
  read: SheetGrid | undefined = undefined,
): Promise<SheetCheck> {
  read ??= await workbook.readGrid();
  if (read.sheetNames && !ctx.columns && findHeader(read.grid).headerRow < 0)
    throw new PaneNotice(notChecklistMessage(read.sheetName, read.sheetNames));
  const result = validateChecklist(read.grid, ctx);
  await workbook.highlight(
    read.sheetName,
    result.issues.filter((i) => i.column),
  );
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

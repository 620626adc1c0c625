// Validate = read the active sheet (1 sync) → core.validateChecklist (pure, same rules the Worker runs) →
// highlight the flagged cells (1 sync). Two syncs whatever the row count.
import * as core from '../core/index.ts';
import type { Submission, SubmissionRow } from '../core/index.ts';
import { highlightIssues, readChecklist } from './excel/index.ts';

export interface CheckIssue {
  code: string;
  severity: 'error' | 'warning';
  /** 1-based sheet row. */
  row: number;
  /** Column letters; may be empty for a sheet-level issue. */
  column: string;
  message: string;
  messageEn?: string;
  field?: string;
}

export interface CheckResult {
  issues: CheckIssue[];
  rows: { sheetRow: number; data: SubmissionRow | null }[];
}

export interface SheetCheck extends CheckResult {
  sheetName: string;
  errors: number;
  warnings: number;
  /** Rows that convert into submission rows. */
  dataRows: SubmissionRow[];
}

type ValidateChecklist = (grid: unknown[][], ctx: { unitId?: string; now?: Date | string }) => CheckResult;
type BuildSubmission = (result: CheckResult, opts: { period: string; signer: string }) => Submission;

// Looked up on the namespace so the pane builds even while core/rules is being written alongside it.
const rules = core as unknown as { validateChecklist?: ValidateChecklist; buildSubmission?: BuildSubmission };

export function validateGrid(grid: unknown[][], ctx: { unitId?: string; now?: Date | string }): CheckResult {
  if (!rules.validateChecklist) throw new Error('core.validateChecklist is not available in this build');
  return rules.validateChecklist(grid, ctx);
}

export function toSubmission(result: CheckResult, period: string, signer: string): Submission {
  if (rules.buildSubmission) return rules.buildSubmission(result, { period, signer });
  return { period, signer, rows: result.rows.flatMap((r) => (r.data ? [r.data] : [])) };
}

export async function checkActiveSheet(ctx: { unitId?: string; now?: Date }): Promise<SheetCheck> {
  const read = await readChecklist();
  const result = validateGrid(read.grid, ctx);
  await highlightIssues(read.sheetName, result.issues.filter((i) => i.column));
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  return {
    ...result,
    sheetName: read.sheetName,
    errors,
    warnings: result.issues.length - errors,
    dataRows: result.rows.flatMap((r) => (r.data ? [r.data] : [])),
  };
}

// The single place the Worker runs core's submission rules (the same ones the add-in runs on the sheet), after the
// zod schema has accepted the body's shape.
import { checkSubmission, type SubmissionCheckContext } from '../../core/rules/check-submission.ts';
import type { ApiIssue } from '../../core/schemas/api.ts';
import type { Submission } from '../../core/schemas/submission.ts';

export interface RuleOutcome {
  errors: ApiIssue[];
  warnings: ApiIssue[];
}

export function runRules(submission: Submission, ctx: SubmissionCheckContext): RuleOutcome {
  const out: RuleOutcome = { errors: [], warnings: [] };
  for (const i of checkSubmission(submission, ctx)) {
    const issue: ApiIssue = {
      path: i.path,
      code: i.code,
      message: i.message,
      messageEn: i.messageEn,
      severity: i.severity,
    };
    (i.severity === 'error' ? out.errors : out.warnings).push(issue);
  }
  return out;
}

// The single place the Worker runs core's submission rules, so the add-in and the Worker judge alike.
import type { ApiIssue, Submission } from '../../core/index.ts';

export interface RuleOutcome {
  errors: ApiIssue[];
  warnings: ApiIssue[];
}

/** Structural checks are done by the zod schema before this; core/rules is not published yet. */
export function runRules(_submission: Submission, _ctx: { unitId: string; now: Date }): RuleOutcome {
  return { errors: [], warnings: [] };
}

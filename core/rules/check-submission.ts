// checkSubmission: the Worker's re-run of the row and set rules on a body that already passed the zod schema.
// Same rules as the sheet (row-rules.ts, set-rules.ts); locations are JSON paths like `rows.3.progress`.
import { toDate } from '../calendar/half-month.ts';
import type { Plan } from '../schemas/plan.ts';
import type { Submission } from '../schemas/submission.ts';
import type { Unit } from '../schemas/unit.ts';
import type { RuleCode, RuleHit, Severity } from './rule-codes.ts';
import { checkRow } from './row-rules.ts';
import { checkMeasureSet } from './set-rules.ts';

export interface SubmissionIssue {
  code: RuleCode;
  severity: Severity;
  message: string;
  messageEn: string;
  path: string;
}

export interface SubmissionCheckContext {
  plan: Plan;
  units: readonly Unit[];
  unitId: string;
  /** Measures of the unit already 已销号 (no row needed). */
  closedMeasureIds?: ReadonlySet<string>;
  /** The instant the deadlines are judged at; defaults to now. */
  now?: Date | string;
}

const rowLabel = (index: number) => ({ zh: `第${index + 1}条`, en: `row ${index + 1}` });

function located(h: RuleHit, index: number): SubmissionIssue {
  if (index < 0)
    return { code: h.code, severity: h.severity, message: h.message, messageEn: h.messageEn, path: 'rows' };
  const at = rowLabel(index);
  return {
    code: h.code,
    severity: h.severity,
    message: `${at.zh}：${h.message}`,
    messageEn: `Row ${index + 1}: ${h.messageEn}`,
    path: `rows.${index}.${h.field}`,
  };
}

export function checkSubmission(submission: Submission, ctx: SubmissionCheckContext): SubmissionIssue[] {
  const nowMs = toDate(ctx.now ?? new Date()).getTime();
  const found: { index: number; issue: SubmissionIssue }[] = [];
  submission.rows.forEach((row, index) => {
    // The body has no 整改时限: checkRow judges overdue_not_started against the plan's, as the sheet does.
    for (const h of checkRow(row, { plan: ctx.plan, nowMs })) found.push({ index, issue: located(h, index) });
  });
  const ids = submission.rows.map((r) => r.measureId);
  for (const f of checkMeasureSet(
    ids,
    ids.map((_, i) => i),
    ctx,
    rowLabel,
    submission.rows.map((r) => r.item),
  )) {
    found.push({ index: f.index >= 0 ? f.index : Number.MAX_SAFE_INTEGER, issue: located(f.hit, f.index) });
  }
  // Stable sort: row order, report-level findings last.
  return found.sort((a, b) => a.index - b.index).map((x) => x.issue);
}

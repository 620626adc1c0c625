// checkSubmission: the Worker's re-run of the row and set rules on a body that already passed the zod schema.
// Same rules as the sheet (row-rules.ts, set-rules.ts); locations are JSON paths like `rows.3.progress`.
import { toDate } from '../calendar/half-month.ts';
import type { Submission } from '../schemas/submission.ts';
import type { RuleCode, Severity } from './rule-codes.ts';
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
  unitId: string;
  /** The instant the deadlines are judged at; defaults to now. */
  now?: Date | string;
  /** The unit's measures when they differ from the catalog (a registry seeded differently). */
  measureIds?: readonly string[];
}

const rowLabel = (index: number) => ({ zh: `第${index + 1}条`, en: `row ${index + 1}` });

export function checkSubmission(submission: Submission, ctx: SubmissionCheckContext): SubmissionIssue[] {
  const nowMs = toDate(ctx.now ?? new Date()).getTime();
  const issues: { index: number; issue: SubmissionIssue }[] = [];

  submission.rows.forEach((row, index) => {
    // The body has no 整改时限: checkRow judges overdue_not_started against the catalog's, as the sheet does.
    for (const h of checkRow(row, { nowMs })) {
      const at = rowLabel(index);
      issues.push({
        index,
        issue: {
          code: h.code,
          severity: h.severity,
          message: `${at.zh}：${h.message}`,
          messageEn: `Row ${index + 1}: ${h.messageEn}`,
          path: `rows.${index}.${h.field}`,
        },
      });
    }
  });

  const findings = checkMeasureSet(
    submission.rows.map((r) => r.measureId),
    { unitId: ctx.unitId, measureIds: ctx.measureIds },
    rowLabel,
  );
  for (const { index, hit: h } of findings) {
    const at = index >= 0 ? rowLabel(index) : undefined;
    issues.push({
      index: index >= 0 ? index : Number.MAX_SAFE_INTEGER,
      issue: {
        code: h.code,
        severity: h.severity,
        message: at ? `${at.zh}：${h.message}` : h.message,
        messageEn: at ? `Row ${index + 1}: ${h.messageEn}` : h.messageEn,
        path: index >= 0 ? `rows.${index}.${h.field}` : 'rows',
      },
    });
  }
  // Stable sort: row order, report-level findings last.
  return issues.sort((a, b) => a.index - b.index).map((x) => x.issue);
}

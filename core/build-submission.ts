// buildSubmission: a clean validateChecklist result + period and signer → the Submission body the Worker accepts.
// Refuses (throws SubmissionBuildError) while the result has errors, so nothing invalid is ever sent.
import { Submission } from './schemas/submission.ts';
import type { ChecklistResult } from './validate-checklist.ts';

export interface BuildIssue {
  path: string;
  code: string;
  message: string;
}

export class SubmissionBuildError extends Error {
  readonly issues: BuildIssue[];
  constructor(message: string, issues: BuildIssue[]) {
    super(message);
    this.name = 'SubmissionBuildError';
    this.issues = issues;
  }
}

const FIELD_ZH: Record<string, string> = {
  period: '期次',
  signer: '主要负责人（签字）',
  preparer: '填报人',
  preparerPhone: '联系电话',
  rows: '填报行',
};

export interface SubmissionMeta {
  planId?: string;
  period: string;
  signer: string;
  /** 填报人 and 联系电话, left out of the body when blank. */
  preparer?: string;
  preparerPhone?: string;
}

export function buildSubmission(result: ChecklistResult, meta: SubmissionMeta): Submission {
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    const issues = errors.map((e) => ({ path: `${e.column}${e.row}`, code: e.code, message: e.message }));
    const head = errors
      .slice(0, 3)
      .map((e) => e.message)
      .join('；');
    throw new SubmissionBuildError(
      `清单还有${errors.length}个错误，请先改正：${head}${errors.length > 3 ? '…' : ''}`,
      issues,
    );
  }
  const rows = result.rows.flatMap((r) => (r.data ? [r.data] : []));
  const parsed = Submission.safeParse({
    ...(meta.planId ? { planId: meta.planId } : {}),
    period: meta.period,
    signer: meta.signer,
    ...(meta.preparer ? { preparer: meta.preparer } : {}),
    ...(meta.preparerPhone ? { preparerPhone: meta.preparerPhone } : {}),
    rows,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const path = i.path.join('.');
      const field = FIELD_ZH[String(i.path[0])] ?? path;
      return { path, code: 'invalid', message: `${field}：${i.message}` };
    });
    throw new SubmissionBuildError(`无法生成报送内容：${issues.map((i) => i.message).join('；')}`, issues);
  }
  return parsed.data;
}

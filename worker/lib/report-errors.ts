// The answers of the report routes when they refuse: a refused submission (submitReport's outcome), a report that
// is not there, and a 退回 / 撤销退回 that changed nothing. Each names the field or header at fault in `issues`.
import type { Bilingual } from '../../core/schemas/api.ts';
import { LIMITS } from '../../core/schemas/submission.ts';
import { chineseDateTime } from '../../core/text/chinese-date.ts';
import type { ReturnOutcome, UnreturnOutcome } from '../db/reports/index.ts';
import { AppError, notFound } from './app-error.ts';
import { inactiveUnit, invalidToken, revokedToken } from './auth.ts';
import type { Refusal } from './submit-report.ts';

/** The answer to a refused submission. */
export function refusalError(r: Refusal): AppError {
  switch (r.reason) {
    case 'invalid': {
      const paths = r.issues.filter((i) => i.severity !== 'warning').map((i) => i.path);
      const text = r.message ?? {
        zh: `报送内容有误：${paths.join('、')}`,
        en: `invalid submission: ${paths.join(', ')}`,
      };
      return new AppError(422, 'invalid_submission', text, r.issues);
    }
    case 'key_conflict':
      return new AppError(
        409,
        'idempotency_conflict',
        { zh: '同一 Idempotency-Key 已用于不同内容的报送', en: 'key reused with a different body' },
        [{ path: 'Idempotency-Key', code: 'conflict', message: `${r.key} was used for report ${r.reportId}` }],
      );
    case 'returned':
      return new AppError(
        409,
        'report_returned',
        {
          zh: `该报送已被退回（原因：${r.returned.reason}），请修改后重新提交`,
          en: 'this report was returned; submit a new one',
        },
        [
          {
            path: 'Idempotency-Key',
            code: 'returned',
            message: `该报送已于${chineseDateTime(r.returned.at)}被退回，原因：${r.returned.reason}。请修改后重新提交。`,
            messageEn: 'this report was returned; change it and submit again',
          },
        ],
      );
    case 'plan_changed':
      return new AppError(
        409,
        'plan_changed',
        { zh: '整改方案刚刚被修改，请重新校验后再提交', en: 'the plan changed while submitting; submit again' },
        [{ path: 'plan', code: 'plan_changed', message: 'the plan was edited or closed during this request' }],
      );
    case 'revision_limit':
      return new AppError(
        409,
        'revision_limit',
        {
          zh: `本期次已有 ${LIMITS.revisionsPerPeriod} 个版本，不能再提交；如需更正请联系乡村振兴办`,
          en: `at most ${LIMITS.revisionsPerPeriod} revisions per unit and period`,
        },
        [
          {
            path: 'period',
            code: 'revision_limit',
            message: `${r.period} already holds ${LIMITS.revisionsPerPeriod} revisions of this unit's report`,
          },
        ],
      );
    case 'invalid_token':
      return invalidToken();
    case 'token_revoked':
      return revokedToken(r.at);
    case 'unit_inactive':
      return inactiveUnit();
  }
}

const notFoundText: Bilingual = { zh: '报送记录不存在', en: 'report not found' };

/** No report with this id (or, for a unit, none of its own: ids reveal nothing). */
export const reportNotFound = () => notFound(notFoundText);

const conflict = (code: string, text: Bilingual) =>
  new AppError(409, code, text, [{ path: 'id', code, message: text.zh, messageEn: text.en }]);

/** Why a 退回 (`action` 'return') or its withdrawal, 撤销退回 ('unreturn'), changed nothing. */
export function returnUnchanged(
  outcome: Exclude<ReturnOutcome | UnreturnOutcome, 'returned' | 'unreturned'>,
  action: 'return' | 'unreturn',
): AppError {
  switch (outcome) {
    case 'not_found':
      return reportNotFound();
    case 'not_current':
      return conflict(
        'not_current_revision',
        action === 'return'
          ? { zh: '只能退回最新版本', en: 'only the current revision can be returned' }
          : { zh: '该单位已重新报送，不能再撤销对旧版本的退回', en: 'the unit has filed again; the return stays' },
      );
    case 'already_returned':
      return conflict('already_returned', { zh: '该报送已被退回', en: 'already returned' });
    case 'not_returned':
      return conflict('not_returned', { zh: '该报送未被退回，无需撤销', en: 'this report is not returned' });
  }
}

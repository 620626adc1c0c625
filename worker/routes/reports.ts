// Submitting (报送), listing, reading and returning (退回) reports. POST /reports hands the body to submitReport()
// (lib/submit-report.ts) and turns its outcome into HTTP.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { ReturnRequest } from '../../core/schemas/api.ts';
import { LIMITS, PeriodId, Submission } from '../../core/schemas/submission.ts';
import { chineseDateTime } from '../../core/text/chinese-date.ts';
import { getReportDetail, LIST_LIMIT, listReportHeaders, returnReport, unreturnReport } from '../db/reports/index.ts';
import { AppError } from '../lib/app-error.ts';
import {
  claimUnit,
  countAuthFailure,
  inactiveUnit,
  invalidToken,
  requireRole,
  revokedToken,
  type AppEnv,
  type Submitter,
} from '../lib/auth.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { submitLimit } from '../lib/rate-limit.ts';
import { submitReport, type Refusal } from '../lib/submit-report.ts';
import { headers, jsonBody, query } from '../lib/validate.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** UUIDs are case-insensitive: one spelling is stored, so an upper-case retry is a replay, not a new revision. */
const IdempotencyKey = z.object({
  'Idempotency-Key': z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const key = raw?.trim().toLowerCase();
      if (key && UUID.test(key)) return key;
      ctx.addIssue({
        code: 'custom',
        params: { reason: key ? 'invalid' : 'required' },
        message: 'send a fresh UUID per submission; reuse it only to retry',
      });
      return z.NEVER;
    }),
});

const ListQuery = z.object({
  plan: z.string().optional(),
  period: PeriodId.optional(),
  /** All revisions instead of only the current one per unit × period. */
  history: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(LIST_LIMIT))
    .optional(),
});

/** Counts one submission under the caller's token (429 once over the limit). */
const submitRate: MiddlewareHandler<AppEnv & { Variables: { submitter: Submitter } }> = async (c, next) => {
  const limited = await submitLimit(c.env, c.var.submitter.tokenHash);
  if (limited) throw limited;
  await next();
};

/** The answer to a refused submission. */
function refusalError(r: Refusal): AppError {
  switch (r.reason) {
    case 'invalid':
      return new AppError(
        422,
        'invalid_submission',
        r.message ?? {
          zh: `报送内容有误：${r.issues
            .filter((i) => i.severity !== 'warning')
            .map((i) => i.path)
            .join('、')}`,
          en: `invalid submission: ${r.issues
            .filter((i) => i.severity !== 'warning')
            .map((i) => i.path)
            .join(', ')}`,
        },
        r.issues,
      );
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

export const reportRoutes = new Hono<AppEnv>()
  .post(
    '/reports',
    claimUnit,
    submitRate,
    headers(IdempotencyKey, {
      code: 'idempotency_key_required',
      zh: '缺少或无效的 Idempotency-Key（须为 UUID）',
      en: 'Idempotency-Key must be a UUID',
    }),
    jsonBody(Submission, { code: 'invalid_submission', zh: '报送内容有误', en: 'invalid submission' }),
    async (c) => {
      const outcome = await submitReport(c.env.DB, {
        submitter: c.var.submitter,
        key: c.req.valid('header')['Idempotency-Key'],
        submission: c.req.valid('json'),
        now: c.var.now,
      });
      if (outcome.kind === 'accepted') return c.json(outcome.receipt, 201);
      if (outcome.kind === 'replayed') return c.json(outcome.receipt, 201, { 'Idempotent-Replayed': 'true' });
      const err = refusalError(outcome.refusal);
      throw (await countAuthFailure(c, err)) ?? err;
    },
  )
  .get('/reports', requireRole('unit', 'supervisor'), query(ListQuery), async (c) => {
    const q = c.req.valid('query');
    const auth = c.var.auth;
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const { history, limit } = q;
    const listed =
      auth.role === 'unit'
        ? await listReportHeaders(c.env.DB, { planId: plan.id, unitId: auth.unitId, period: q.period, history, limit })
        : await listReportHeaders(c.env.DB, {
            planId: plan.id,
            period: q.period ?? calendarFor(plan.schedule).periodOf(c.var.now),
            history,
            limit,
          });
    // truncated: the list stopped at the limit; narrow it with period= to see the rest.
    return c.json(listed);
  })
  .get('/reports/:id', requireRole('unit', 'supervisor'), async (c) => {
    const detail = await getReportDetail(c.env.DB, c.req.param('id'));
    const { role, unitId } = c.var.auth;
    // Another unit's report answers exactly like a missing one, so ids reveal nothing.
    if (!detail || (role === 'unit' && detail.unitId !== unitId)) {
      throw new AppError(404, 'not_found', { zh: '报送记录不存在', en: 'report not found' });
    }
    return c.json(detail);
  })
  .post(
    '/reports/:id/return',
    requireRole('supervisor'),
    jsonBody(ReturnRequest, { code: 'invalid_return', zh: '退回原因有误', en: 'invalid return' }),
    async (c) => {
      const id = c.req.param('id');
      const outcome = await returnReport(
        c.env.DB,
        id,
        c.req.valid('json').reason,
        c.var.now.toISOString(),
        c.var.auth.tokenId,
      );
      if (outcome === 'not_found')
        throw new AppError(404, 'not_found', { zh: '报送记录不存在', en: 'report not found' });
      if (outcome === 'not_current') {
        throw new AppError(409, 'not_current_revision', {
          zh: '只能退回最新版本',
          en: 'only the current revision can be returned',
        });
      }
      if (outcome === 'already_returned')
        throw new AppError(409, 'already_returned', { zh: '该报送已被退回', en: 'already returned' });
      return c.json(await getReportDetail(c.env.DB, id));
    },
  )
  .post('/reports/:id/unreturn', requireRole('supervisor'), async (c) => {
    const id = c.req.param('id');
    const outcome = await unreturnReport(c.env.DB, id);
    if (outcome === 'not_found') throw new AppError(404, 'not_found', { zh: '报送记录不存在', en: 'report not found' });
    if (outcome === 'not_current') {
      throw new AppError(409, 'not_current_revision', {
        zh: '该单位已重新报送，不能再撤销对旧版本的退回',
        en: 'the unit has filed again; the return stays',
      });
    }
    if (outcome === 'not_returned')
      throw new AppError(409, 'not_returned', { zh: '该报送未被退回，无需撤销', en: 'this report is not returned' });
    return c.json(await getReportDetail(c.env.DB, id));
  });

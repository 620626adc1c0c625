// Submitting (报送), listing, reading and returning (退回) reports. POST /reports hands the body to submitReport()
// (lib/submit-report.ts) and turns its outcome into HTTP.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { ReturnRequest } from '../../core/schemas/api.ts';
import { PeriodId, Submission } from '../../core/schemas/submission.ts';
import { getReportDetail, LIST_LIMIT, listReportHeaders, returnReport, unreturnReport } from '../db/reports/index.ts';
import { claimUnit, countAuthFailure, requireRole, type AppEnv, type Submitter } from '../lib/auth.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { submitLimit } from '../lib/rate-limit.ts';
import { refusalError, reportNotFound, returnUnchanged } from '../lib/report-errors.ts';
import { submitReport } from '../lib/submit-report.ts';
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
    if (!detail || (role === 'unit' && detail.unitId !== unitId)) throw reportNotFound();
    return c.json(detail);
  })
  .post(
    '/reports/:id/return',
    requireRole('supervisor'),
    jsonBody(ReturnRequest, { code: 'invalid_return', zh: '退回原因有误', en: 'invalid return' }),
    async (c) => {
      const id = c.req.param('id');
      const { reason } = c.req.valid('json');
      const outcome = await returnReport(c.env.DB, id, reason, c.var.now.toISOString(), c.var.auth.tokenId);
      if (outcome !== 'returned') throw returnUnchanged(outcome, 'return');
      return c.json(await getReportDetail(c.env.DB, id));
    },
  )
  .post('/reports/:id/unreturn', requireRole('supervisor'), async (c) => {
    const id = c.req.param('id');
    const outcome = await unreturnReport(c.env.DB, id);
    if (outcome !== 'unreturned') throw returnUnchanged(outcome, 'unreturn');
    return c.json(await getReportDetail(c.env.DB, id));
  });

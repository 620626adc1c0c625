// 销号: GET /closures (every pair with its state, 预警 and the 整改完成率), GET /closures/events (a pair's history),
// POST /closures/apply (the unit's 申请销号), POST /closures/:measureId/:unitId/verdict (核查: 已销号 or 驳回 with
// 限期), POST /closures/:measureId/:unitId/reopen (重新打开), GET /warnings (红黄蓝: counts and a page, worst first),
// GET /closure-ledger (销号台账: rates and a page of pairs in plan order).
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ClosureApplication,
  ClosureReopen,
  ClosureVerdict,
  DEFAULT_WARNING_THRESHOLDS,
  LedgerQuery,
  WarningsQuery,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import { PlanQuery } from '../../core/schemas/api.ts';
import { listEvents } from '../db/closures.ts';
import { AppError } from '../lib/app-error.ts';
import { ANY_ROLE, requireRole, requireUnit, type AppEnv, type Auth } from '../lib/auth.ts';
import { pairViews, planRates, ratesOf } from '../lib/closure-pairs.ts';
import { ledgerPage, warningPage } from '../lib/closure-pages.ts';
import { applyForClosure, decideClosure, reopenClosure, type ClosureOutcome } from '../lib/closure-service.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { jsonBody, query } from '../lib/validate.ts';

const PairQuery = PlanQuery.extend({ unit: z.string().trim().min(1).max(64).optional() });
const EventsQuery = PlanQuery.extend({
  measure: z.string().trim().min(1).max(8),
  unit: z.string().trim().min(1).max(64).optional(),
});

const INVALID_CLOSURE = { code: 'invalid_closure', zh: '销号申请填写有误', en: 'invalid closure request' };
const INVALID_VERDICT = { code: 'invalid_verdict', zh: '核查意见填写有误', en: 'invalid verdict' };
const INVALID_REOPEN = { code: 'invalid_reopen', zh: '重新打开须说明原因', en: 'invalid reopen request' };

/** A unit sees its own pairs; the office sees every unit's, or one with `unit=`. */
const scopeOf = (auth: Auth, unit: string | undefined) => (auth.role === 'unit' ? auth.unitId : unit);

function answer(outcome: ClosureOutcome, status: 200 | 201) {
  if (outcome.kind === 'refused') {
    const r = outcome.refusal;
    throw new AppError(r.status, r.code, r.message, [
      { path: r.path, code: r.code, message: r.message.zh, messageEn: r.message.en },
    ]);
  }
  return Response.json(outcome.pair, { status });
}

/** The plan a request is about (no unit list: the stored pairs carry their unit's name). */
async function pairContext(
  c: { env: Cloudflare.Env; var: { now: Date } },
  plan: string | undefined,
  named: 'query' | 'body' = 'query',
) {
  return { db: c.env.DB, plan: pickPlan(await candidatePlans(c.env.DB, plan), plan, named), now: c.var.now };
}

export const closureRoutes = new Hono<AppEnv>()
  .get('/closures', requireRole(...ANY_ROLE), query(PairQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, plan, now } = await pairContext(c, q.plan);
    const pairs = await pairViews(db, plan, now, scopeOf(c.var.auth, q.unit));
    return c.json({ planId: plan.id, today: cstDate(now), pairs, rates: ratesOf(pairs) });
  })
  .get('/closures/events', requireRole(...ANY_ROLE), query(EventsQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const unitId = scopeOf(c.var.auth, q.unit);
    if (!unitId)
      throw new AppError(400, 'invalid_query', { zh: '请指明单位（unit）', en: 'unit is required' }, [
        { path: 'unit', code: 'required', message: '请指明单位' },
      ]);
    return c.json({ events: await listEvents(c.env.DB, plan.id, { measureId: q.measure, unitId }) });
  })
  .post('/closures/apply', requireUnit, jsonBody(ClosureApplication, INVALID_CLOSURE), async (c) => {
    const body = c.req.valid('json');
    const ctx = await pairContext(c, body.plan, 'body');
    const { unitId, tokenId, label } = c.var.unit;
    return answer(
      await applyForClosure({ ...ctx, measureId: body.measureId, unitId, actor: { tokenId, label }, body }),
      201,
    );
  })
  .post(
    '/closures/:measureId/:unitId/verdict',
    requireRole('supervisor'),
    query(PlanQuery),
    jsonBody(ClosureVerdict, INVALID_VERDICT),
    async (c) => {
      const ctx = await pairContext(c, c.req.valid('query').plan);
      const { tokenId, label } = c.var.auth;
      const pair = { measureId: c.req.param('measureId'), unitId: c.req.param('unitId') };
      return answer(
        await decideClosure({ ...ctx, ...pair, actor: { tokenId, label }, body: c.req.valid('json') }),
        200,
      );
    },
  )
  .post(
    '/closures/:measureId/:unitId/reopen',
    requireRole('supervisor'),
    query(PlanQuery),
    jsonBody(ClosureReopen, INVALID_REOPEN),
    async (c) => {
      const ctx = await pairContext(c, c.req.valid('query').plan);
      const { tokenId, label } = c.var.auth;
      const pair = { measureId: c.req.param('measureId'), unitId: c.req.param('unitId') };
      return answer(
        await reopenClosure({ ...ctx, ...pair, actor: { tokenId, label }, body: c.req.valid('json') }),
        200,
      );
    },
  )
  .get('/warnings', requireRole(...ANY_ROLE), query(WarningsQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, plan, now } = await pairContext(c, q.plan);
    const page = await warningPage(db, plan, now, {
      unitId: scopeOf(c.var.auth, q.unit),
      limit: q.limit,
      cursor: q.cursor,
    });
    return c.json({
      planId: plan.id,
      today: cstDate(now),
      thresholds: plan.warningThresholds ?? DEFAULT_WARNING_THRESHOLDS,
      ...page,
    });
  })
  .get('/closure-ledger', requireRole('supervisor', 'admin'), query(LedgerQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, plan, now } = await pairContext(c, q.plan);
    const [page, rates] = await Promise.all([
      ledgerPage(db, plan, now, { limit: q.limit, cursor: q.cursor }),
      planRates(db, plan),
    ]);
    return c.json({ planId: plan.id, today: cstDate(now), rates, ...page });
  });

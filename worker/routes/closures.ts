// 销号: GET /closures (every pair with its state, 预警 and the 整改完成率), GET /closures/events (a pair's history),
// POST /closures/apply (the unit's 申请销号), POST /closures/:measureId/:unitId/verdict (核查: 已销号 or 驳回 with
// 限期), POST /closures/:measureId/:unitId/reopen (重新打开), GET /warnings (红黄蓝), GET /closure-ledger (销号台账).
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ClosureApplication,
  ClosureReopen,
  ClosureVerdict,
  DEFAULT_WARNING_THRESHOLDS,
  warningText,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import { PlanQuery } from '../../core/schemas/api.ts';
import { listEvents } from '../db/closures.ts';
import { listUnits } from '../db/units.ts';
import { AppError } from '../lib/app-error.ts';
import { ANY_ROLE, requireRole, requireUnit, type AppEnv, type Auth } from '../lib/auth.ts';
import { pairViews, ratesOf } from '../lib/closure-pairs.ts';
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

async function pairContext(
  c: { env: Cloudflare.Env; var: { now: Date } },
  plan: string | undefined,
  named: 'query' | 'body' = 'query',
) {
  const [p, units] = await Promise.all([
    candidatePlans(c.env.DB, plan).then((plans) => pickPlan(plans, plan, named)),
    listUnits(c.env.DB),
  ]);
  return { db: c.env.DB, plan: p, units, now: c.var.now };
}

export const closureRoutes = new Hono<AppEnv>()
  .get('/closures', requireRole(...ANY_ROLE), query(PairQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, plan, units, now } = await pairContext(c, q.plan);
    const pairs = await pairViews(db, plan, units, now, scopeOf(c.var.auth, q.unit));
    return c.json({ planId: plan.id, today: cstDate(now), pairs, rates: ratesOf(plan, pairs) });
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
  .get('/warnings', requireRole(...ANY_ROLE), query(PairQuery), async (c) => {
    const q = c.req.valid('query');
    const { db, plan, units, now } = await pairContext(c, q.plan);
    const pairs = await pairViews(db, plan, units, now, scopeOf(c.var.auth, q.unit));
    const warnings = pairs.flatMap((p) =>
      p.warning
        ? [
            {
              measureId: p.measureId,
              unitId: p.unitId,
              unitName: p.unitName,
              ...p.warning,
              text: warningText(p.warning),
            },
          ]
        : [],
    );
    return c.json({
      planId: plan.id,
      today: cstDate(now),
      thresholds: plan.warningThresholds ?? DEFAULT_WARNING_THRESHOLDS,
      warnings,
    });
  })
  .get('/closure-ledger', requireRole('supervisor', 'admin'), query(PlanQuery), async (c) => {
    const { db, plan, units, now } = await pairContext(c, c.req.valid('query').plan);
    const [pairs, events] = await Promise.all([pairViews(db, plan, units, now), listEvents(db, plan.id)]);
    // The latest verdict and application of each pair: 核查意见, 核查日期, who, and the 整改情况 applied with.
    const last = new Map<string, { verdict?: (typeof events)[number]; application?: (typeof events)[number] }>();
    for (const e of events) {
      const key = `${e.measureId}|${e.unitId}`;
      const entry = last.get(key) ?? {};
      if (e.kind === 'applied') entry.application = e;
      if (e.kind === 'closed' || e.kind === 'rejected') entry.verdict = e;
      last.set(key, entry);
    }
    const rows = pairs.map((p) => {
      const e = last.get(`${p.measureId}|${p.unitId}`) ?? {};
      return {
        ...p,
        summary: e.application?.text ?? null,
        verdict: e.verdict
          ? {
              kind: e.verdict.kind,
              opinion: e.verdict.text,
              verifiedOn: e.verdict.verifiedOn ?? null,
              by: e.verdict.by,
              at: e.verdict.at,
            }
          : null,
      };
    });
    return c.json({ planId: plan.id, today: cstDate(now), rates: ratesOf(plan, pairs), rows });
  });

// GET /trends (supervisor): per-period aggregates of one plan over a span of periods. By default the span runs from
// the plan's first period to the open one, keeping the latest MAX_SPAN_PERIODS when the plan is older than that.
import { Hono } from 'hono';
import { TrendsQuery } from '../../core/index.ts';
import { trendRows } from '../db/trends.ts';
import { listUnits } from '../db/units.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { MAX_SPAN_PERIODS, periodSpan } from '../lib/period-span.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { query } from '../lib/validate.ts';
import { closedUnitsOf } from '../lib/closed-units.ts';
import { buildTrends } from '../lib/trends.ts';

export const trendRoutes = new Hono<AppEnv>().get(
  '/trends',
  requireRole('supervisor'),
  query(TrendsQuery),
  async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    // By default every period since the plan's first, the latest MAX_SPAN_PERIODS of them when it is older.
    const periods = periodSpan(plan, q, c.var.now, MAX_SPAN_PERIODS);
    const [from, to] = [periods[0]!, periods[periods.length - 1]!];
    const [units, rows, closedIn] = await Promise.all([
      listUnits(c.env.DB),
      trendRows(c.env.DB, plan.id, from, to),
      closedUnitsOf(c.env.DB, plan),
    ]);
    return c.json(buildTrends(plan, periods, units, rows.heads, rows.funds, c.var.now, closedIn));
  },
);

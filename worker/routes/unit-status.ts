// GET /reports/status: the calling unit's standing under one plan (open period, late window, 退回 with reason).
// Mounted before reportRoutes so "/reports/status" is not taken for a report id.
import { Hono } from 'hono';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { reportablePeriods, unitStatus } from '../../core/reports/unit-status.ts';
import { PlanQuery } from '../../core/schemas/api.ts';
import { unitHeads } from '../db/unit-status.ts';
import { requireUnit, type AppEnv } from '../lib/auth.ts';
import { closedUnitsOf } from '../lib/closed-units.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { query } from '../lib/validate.ts';

export const unitStatusRoutes = new Hono<AppEnv>().get('/reports/status', requireUnit, query(PlanQuery), async (c) => {
  const q = c.req.valid('query');
  const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
  const { unitId } = c.var.unit;
  const cal = calendarFor(plan.schedule);
  const now = c.var.now;
  const periods = reportablePeriods(cal, plan.firstPeriod, now);
  const [heads, closedIn] = await Promise.all([
    periods.length ? unitHeads(c.env.DB, plan.id, unitId, periods[0]!, periods.at(-1)!) : [],
    closedUnitsOf(c.env.DB, plan),
  ]);
  return c.json(
    unitStatus({
      planId: plan.id,
      unitId,
      cal,
      firstPeriod: plan.firstPeriod,
      now,
      heads,
      closedIn: (period) => closedIn(unitId, period),
    }),
  );
});

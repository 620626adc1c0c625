// Health, identity and the reference data the task pane needs (a plan's catalog, units).
import { Hono } from 'hono';
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import { responsibleUnitIds } from '../../core/plan/plan-lookup.ts';
import { PlanQuery, type Me } from '../../core/schemas/api.ts';
import { candidatePlans, listPlans } from '../db/plans.ts';
import { getUnit, listUnits } from '../db/units.ts';
import { ANY_ROLE, requireRole, type AppEnv } from '../lib/auth.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { query } from '../lib/validate.ts';

/** The open period of the only active plan; with none or several, the half-monthly one (a hint, never a rule). */
async function openPeriod(db: D1Database, now: Date): Promise<string> {
  const active = await listPlans(db, 'active');
  return calendarFor(active.length === 1 ? active[0]!.schedule : HALF_MONTHLY).periodOf(now);
}

export const metaRoutes = new Hono<AppEnv>()
  .get('/health', (c) =>
    c.json({ ok: true, time: c.var.now.toISOString(), openPeriod: calendarFor(HALF_MONTHLY).periodOf(c.var.now) }),
  )
  // Liveness of the database: exactly one D1 query. Also bench/ingest's baseline, the floor a submission is held to.
  .get('/health/db', async (c) => {
    const row = await c.env.DB.prepare('SELECT COUNT(*) AS units FROM units').first<{ units: number }>();
    return c.json({ ok: true, units: row?.units ?? 0 });
  })
  .get('/me', requireRole(...ANY_ROLE), async (c) => {
    const { role, label, unitId } = c.var.auth;
    const u = unitId ? await getUnit(c.env.DB, unitId) : null;
    const unit = u && { id: u.id, name: u.name, kind: u.kind };
    const [active, units] = await Promise.all([listPlans(c.env.DB, 'active'), listUnits(c.env.DB)]);
    const plans = unitId ? active.filter((p) => responsibleUnitIds(p).has(unitId)) : active;
    const openPeriods = Object.fromEntries(plans.map((p) => [p.id, calendarFor(p.schedule).periodOf(c.var.now)]));
    const me: Me = { role, label, unit, openPeriod: await openPeriod(c.env.DB, c.var.now), plans, openPeriods, units };
    return c.json(me);
  })
  .get('/catalog', requireRole(...ANY_ROLE), query(PlanQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    return c.json({ plan, problems: plan.problems, measures: plan.measures });
  })
  .get('/units', requireRole(...ANY_ROLE), async (c) => c.json({ units: await listUnits(c.env.DB) }));

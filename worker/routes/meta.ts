// Health, identity and the reference data the task pane needs (catalog, units).
import { Hono } from 'hono';
import { MEASURES, PROBLEMS, periodOf, type Me } from '../../core/index.ts';
import { getUnit, listUnits } from '../db/units.ts';
import { ANY_ROLE, requireRole, type AppEnv } from '../lib/auth.ts';

export const metaRoutes = new Hono<AppEnv>()
  .get('/health', (c) => c.json({ ok: true, time: c.var.now.toISOString(), openPeriod: periodOf(c.var.now) }))
  // Liveness of the database: exactly one D1 query. Also bench/ingest's baseline, the floor a submission is held to.
  .get('/health/db', async (c) => {
    const row = await c.env.DB.prepare('SELECT COUNT(*) AS units FROM units').first<{ units: number }>();
    return c.json({ ok: true, units: row?.units ?? 0 });
  })
  .get('/me', requireRole(...ANY_ROLE), async (c) => {
    const { role, label, unitId } = c.var.auth;
    const unit = unitId ? await getUnit(c.env.DB, unitId) : null;
    const me: Me = { role, label, unit, openPeriod: periodOf(c.var.now) };
    return c.json(me);
  })
  .get('/catalog', requireRole(...ANY_ROLE), (c) => c.json({ problems: PROBLEMS, measures: MEASURES }))
  .get('/units', requireRole(...ANY_ROLE), async (c) => c.json({ units: await listUnits(c.env.DB) }));

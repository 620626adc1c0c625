// Plans (整改方案) as data: publish, list, read, publish again (replace or correct), close.
import { Hono } from 'hono';
import { resolvePlan } from '../../core/plan/resolve-plan.ts';
import { PlanClose, PlanEdit, PlanInput, type Plan } from '../../core/schemas/plan.ts';
import {
  closePlan,
  firstReportedPeriod,
  getPlan,
  insertPlan,
  listPlanChanges,
  listPlans,
  reportedMeasureIds,
  updatePlan,
} from '../db/plans.ts';
import { listUnits } from '../db/units.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { ANY_ROLE, requireRole, type AppEnv } from '../lib/auth.ts';
import { diffPlans } from '../lib/plan-edit.ts';
import { forgetPlans } from '../lib/plan-snapshot.ts';
import { jsonBody } from '../lib/validate.ts';

const INVALID_PLAN = { code: 'invalid_plan', zh: '整改方案有误', en: 'invalid plan' };

async function resolve(
  input: PlanInput,
  db: D1Database,
  id: string,
  now: Date,
  status: Plan['status'] = 'active',
): Promise<Plan> {
  const resolved = resolvePlan(input, { id, units: await listUnits(db), now, status });
  if (!resolved.ok) {
    const issues = resolved.issues.map((i) => ({ ...i, severity: 'error' as const }));
    throw new AppError(
      422,
      'invalid_plan',
      {
        zh: `整改方案有误：${issues.map((i) => i.message).join('；')}`,
        en: `invalid plan: ${issues.map((i) => i.path).join(', ')}`,
      },
      issues,
    );
  }
  return resolved.plan;
}

/** 409 for a write made on a version someone else has since replaced. */
function staleVersion(sent: number, current: number | undefined): AppError {
  return new AppError(
    409,
    'stale_version',
    {
      zh: `整改方案已被他人修改（当前版本 ${current}），请重新载入后再操作`,
      en: `the plan changed since version ${sent} was read`,
    },
    [{ path: 'version', code: 'stale_version', message: `version ${sent} is not the current version ${current}` }],
  );
}

export const planRoutes = new Hono<AppEnv>()
  .post('/plans', requireRole('supervisor', 'admin'), jsonBody(PlanInput, INVALID_PLAN), async (c) => {
    const input = c.req.valid('json');
    const plan = await resolve(input, c.env.DB, `p-${crypto.randomUUID().slice(0, 8)}`, c.var.now);
    const stored = await insertPlan(c.env.DB, plan, {
      at: c.var.now.toISOString(),
      tokenId: c.var.auth.tokenId,
      kind: 'published',
      changes: { measures: plan.measures.length },
    });
    forgetPlans();
    return c.json(stored, 201);
  })
  .get('/plans', requireRole(...ANY_ROLE), async (c) => c.json({ plans: await listPlans(c.env.DB) }))
  .get('/plans/:id', requireRole(...ANY_ROLE), async (c) => {
    const plan = await getPlan(c.env.DB, c.req.param('id'));
    if (!plan) throw notFound({ zh: '整改方案不存在', en: 'plan not found' });
    return c.json(plan);
  })
  .get('/plans/:id/changes', requireRole('supervisor', 'admin'), async (c) => {
    const id = c.req.param('id');
    if (!(await getPlan(c.env.DB, id))) throw notFound({ zh: '整改方案不存在', en: 'plan not found' });
    return c.json({ changes: await listPlanChanges(c.env.DB, id) });
  })
  .put('/plans/:id', requireRole('supervisor', 'admin'), jsonBody(PlanEdit, INVALID_PLAN), async (c) => {
    const before = await getPlan(c.env.DB, c.req.param('id'));
    if (!before) throw notFound({ zh: '整改方案不存在', en: 'plan not found' });
    const { version, ...input } = c.req.valid('json');
    if (version !== before.version) throw staleVersion(version, before.version);
    const after = await resolve(input, c.env.DB, before.id, c.var.now, before.status);
    const diff = diffPlans(before, after);
    const firstReported = await firstReportedPeriod(c.env.DB, before.id);
    const hasReports = firstReported !== null;
    if (hasReports) {
      if (diff.plan.includes('schedule')) {
        throw new AppError(
          409,
          'schedule_locked',
          { zh: '已有报送的整改方案不能更改报送周期', en: 'the schedule of a plan with reports cannot change' },
          [{ path: 'schedule', code: 'locked', message: 'reports exist under the current schedule' }],
        );
      }
      // Reports before the first period would drop out of every view and could not be filed again.
      if (after.firstPeriod > firstReported) {
        throw new AppError(
          409,
          'first_period_after_reports',
          {
            zh: `已有 ${firstReported} 的报送，首个报送期次不能晚于它`,
            en: 'firstPeriod cannot move past existing reports',
          },
          [
            {
              path: 'firstPeriod',
              code: 'first_period_after_reports',
              message: `reports exist from ${firstReported}; firstPeriod must be ${firstReported} or earlier`,
            },
          ],
        );
      }
      const reported = await reportedMeasureIds(c.env.DB, before.id);
      const blocked = diff.measures.filter((m) => m.change === 'removed' && reported.has(m.measureId));
      if (blocked.length) {
        throw new AppError(
          409,
          'measure_has_reports',
          {
            zh: `措施${blocked.map((m) => m.measureId).join('、')}已有报送，不能删除`,
            en: 'measures with reports cannot be removed',
          },
          blocked.map((m) => ({
            path: 'measures',
            code: 'measure_has_reports',
            message: `measure ${m.measureId} has reports`,
          })),
        );
      }
    }
    // The write itself checks the version again: a close or edit that landed since the read above wins, this one 409s.
    const written = await updatePlan(c.env.DB, after, version, {
      at: c.var.now.toISOString(),
      tokenId: c.var.auth.tokenId,
      kind: hasReports ? 'edited' : 'replaced',
      changes: diff,
    });
    forgetPlans();
    if (written === null) throw staleVersion(version, (await getPlan(c.env.DB, before.id))?.version);
    return c.json({ ...after, version: written });
  })
  .post('/plans/:id/close', requireRole('supervisor', 'admin'), jsonBody(PlanClose, INVALID_PLAN), async (c) => {
    const id = c.req.param('id');
    const { version } = c.req.valid('json');
    if (!(await getPlan(c.env.DB, id))) throw notFound({ zh: '整改方案不存在', en: 'plan not found' });
    const closed = await closePlan(c.env.DB, id, version, {
      at: c.var.now.toISOString(),
      tokenId: c.var.auth.tokenId,
      kind: 'closed',
      changes: {},
    });
    forgetPlans();
    const current = (await getPlan(c.env.DB, id))!;
    // Closing is idempotent: a plan someone else already closed answers as closed (logged once, by that close).
    if (!closed && current.status !== 'closed') throw staleVersion(version, current.version);
    return c.json(current);
  });

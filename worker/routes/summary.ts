// The supervisor's views of one plan: per-period summary, 报送明细 (every unit's current rows), units × periods
// matrix, CSV export. `?plan=` names the plan; it may be left out while only one plan is active.
import { Hono } from 'hono';
import { calendarFor, MatrixQuery, SummaryQuery, type Plan } from '../../core/index.ts';
import { detailRows } from '../db/details.ts';
import { matrixHeads, unitsForPeriod } from '../db/summary.ts';
import { listUnits } from '../db/units.ts';
import { AppError } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { toCsv } from '../lib/csv.ts';
import { buildDetails } from '../lib/details.ts';
import { exportTable } from '../lib/export-table.ts';
import { choosePlan } from '../lib/plan-choice.ts';
import { parseQuery } from '../lib/query.ts';
import { buildMatrix, buildSummary } from '../lib/summary.ts';

/** Longest /matrix span: three years of half-months. */
export const MATRIX_MAX_PERIODS = 72;
const MATRIX_DEFAULT_PERIODS = 6;

/** The requested period, or the open one; it must fit the plan's schedule. */
function periodFor(plan: Plan, period: string | undefined, now: Date): string {
  const cal = calendarFor(plan.schedule);
  if (period === undefined) return cal.periodOf(now);
  if (!cal.isPeriodId(period)) {
    throw new AppError(400, 'invalid_query', `期次 ${period} 不符合该整改方案的报送周期 / period does not fit the plan's schedule`, [
      { path: 'period', code: 'period_schedule_mismatch', message: `expected a period like ${cal.periodIdExample}` },
    ]);
  }
  return period;
}

export const summaryRoutes = new Hono<AppEnv>()
  .get('/summary', requireRole('supervisor'), async (c) => {
    const q = parseQuery(SummaryQuery, c.req.query());
    const plan = await choosePlan(c.env.DB, q.plan);
    const period = periodFor(plan, q.period, c.var.now);
    return c.json(buildSummary(plan, period, await unitsForPeriod(c.env.DB, plan.id, period), c.var.now));
  })
  .get('/details', requireRole('supervisor'), async (c) => {
    const q = parseQuery(SummaryQuery, c.req.query());
    const plan = await choosePlan(c.env.DB, q.plan);
    const period = periodFor(plan, q.period, c.var.now);
    return c.json(buildDetails(plan, period, await detailRows(c.env.DB, plan.id, period)));
  })
  .get('/matrix', requireRole('supervisor'), async (c) => {
    const q = parseQuery(MatrixQuery, c.req.query());
    const plan = await choosePlan(c.env.DB, q.plan);
    const cal = calendarFor(plan.schedule);
    const to = periodFor(plan, q.to, c.var.now);
    // The matrix starts at the plan's first period at the earliest: nothing before it was ever due.
    let from = q.from === undefined ? cal.back(to, MATRIX_DEFAULT_PERIODS - 1) : periodFor(plan, q.from, c.var.now);
    if (from < plan.firstPeriod) from = plan.firstPeriod;
    if (to < plan.firstPeriod) {
      throw new AppError(400, 'invalid_range', `结束期次 ${to} 早于整改方案的首个报送期次 ${plan.firstPeriod} / to is before the plan's first period`, [
        { path: 'to', code: 'invalid_range', message: `to must be ${plan.firstPeriod} or later` },
      ]);
    }
    if (from > to) {
      throw new AppError(400, 'invalid_range', `起始期次 ${from} 晚于结束期次 ${to} / from is after to`, [
        { path: 'from', code: 'invalid_range', message: 'from must not be after to' },
      ]);
    }
    const periods = cal.between(from, to, MATRIX_MAX_PERIODS + 1);
    if (periods.length > MATRIX_MAX_PERIODS) {
      throw new AppError(400, 'range_too_large', `一次最多查询 ${MATRIX_MAX_PERIODS} 个期次 / at most ${MATRIX_MAX_PERIODS} periods`, [
        { path: 'from', code: 'too_big', message: `span from..to must be at most ${MATRIX_MAX_PERIODS} periods` },
      ]);
    }
    const [units, cells] = await Promise.all([listUnits(c.env.DB), matrixHeads(c.env.DB, plan.id, from, to)]);
    return c.json(buildMatrix(plan, periods, units, cells, c.var.now));
  })
  .get('/export.csv', requireRole('supervisor'), async (c) => {
    const q = parseQuery(SummaryQuery, c.req.query());
    const plan = await choosePlan(c.env.DB, q.plan);
    const period = periodFor(plan, q.period, c.var.now);
    const [units, rows] = await Promise.all([unitsForPeriod(c.env.DB, plan.id, period), detailRows(c.env.DB, plan.id, period)]);
    const table = exportTable(buildSummary(plan, period, units, c.var.now), buildDetails(plan, period, rows));
    return c.body(toCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="rectify-${plan.id}-${period}.csv"`,
    });
  });

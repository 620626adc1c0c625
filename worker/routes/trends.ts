// GET /trends (supervisor): per-period aggregates of one plan over a span of periods. By default the span runs from
// the plan's first period to the open one, keeping the latest MATRIX_MAX_PERIODS when the plan is older than that.
import { Hono } from 'hono';
import { calendarFor, TrendsQuery } from '../../core/index.ts';
import { trendRows } from '../db/trends.ts';
import { listUnits } from '../db/units.ts';
import { AppError } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { choosePlan } from '../lib/plan-choice.ts';
import { parseQuery } from '../lib/query.ts';
import { buildTrends } from '../lib/trends.ts';
import { MATRIX_MAX_PERIODS } from './summary.ts';

function checkPeriod(cal: ReturnType<typeof calendarFor>, value: string | undefined, path: string): void {
  if (value !== undefined && !cal.isPeriodId(value)) {
    throw new AppError(400, 'invalid_query', `期次 ${value} 不符合该整改方案的报送周期 / period does not fit the plan's schedule`, [
      { path, code: 'period_schedule_mismatch', message: `expected a period like ${cal.periodIdExample}` },
    ]);
  }
}

export const trendRoutes = new Hono<AppEnv>().get('/trends', requireRole('supervisor'), async (c) => {
  const q = parseQuery(TrendsQuery, c.req.query());
  const plan = await choosePlan(c.env.DB, q.plan);
  const cal = calendarFor(plan.schedule);
  checkPeriod(cal, q.from, 'from');
  checkPeriod(cal, q.to, 'to');
  const to = q.to ?? cal.periodOf(c.var.now);
  let from = q.from ?? plan.firstPeriod;
  if (q.from === undefined && from <= to && cal.between(from, to, MATRIX_MAX_PERIODS + 1).length > MATRIX_MAX_PERIODS) {
    from = cal.back(to, MATRIX_MAX_PERIODS - 1);
  }
  if (from < plan.firstPeriod) from = plan.firstPeriod;
  if (from > to) {
    throw new AppError(400, 'invalid_range', `起始期次 ${from} 晚于结束期次 ${to}（整改方案首个报送期次 ${plan.firstPeriod}）/ from is after to`, [
      { path: q.from === undefined ? 'to' : 'from', code: 'invalid_range', message: 'from must not be after to' },
    ]);
  }
  const periods = cal.between(from, to, MATRIX_MAX_PERIODS + 1);
  if (periods.length > MATRIX_MAX_PERIODS) {
    throw new AppError(400, 'range_too_large', `一次最多查询 ${MATRIX_MAX_PERIODS} 个期次 / at most ${MATRIX_MAX_PERIODS} periods`, [
      { path: 'from', code: 'too_big', message: `span from..to must be at most ${MATRIX_MAX_PERIODS} periods` },
    ]);
  }
  const [units, rows] = await Promise.all([listUnits(c.env.DB), trendRows(c.env.DB, plan.id, from, to)]);
  return c.json(buildTrends(plan, periods, units, rows.heads, rows.funds, c.var.now));
});

// GET /trends (supervisor): per-period aggregates of one plan over a span of periods. By default the span runs from
// the plan's first period to the open one, keeping the latest MAX_SPAN_PERIODS when the plan is older than that.
// Each period also carries the 整改完成率 at its deadline, replayed from the plan's closure events; the last one also
// in full (per problem, per unit) for 整改进展汇总表.
import { Hono } from 'hono';
import { cstDate } from '../../core/calendar/half-month.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { TrendsQuery } from '../../core/schemas/trends.ts';
import { trendRows } from '../db/trends.ts';
import { listUnits } from '../db/units.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { MAX_SPAN_PERIODS, periodSpan } from '../lib/period-span.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { query } from '../lib/validate.ts';
import { closureRatesAt, closureRatesOver, eventsByUnit } from '../../core/closure/index.ts';
import { listEvents } from '../db/closures.ts';
import { closedUnitsFrom } from '../lib/closed-units.ts';
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
    const [units, heads, events] = await Promise.all([
      listUnits(c.env.DB),
      trendRows(c.env.DB, plan.id, from, to),
      listEvents(c.env.DB, plan.id),
    ]);
    const grouped = eventsByUnit(events);
    const cal = calendarFor(plan.schedule);
    // 整改完成率 per period: the pairs as they stood at the period's deadline.
    const ratesAt = closureRatesOver(plan, grouped);
    const closureIn = (period: string) => ratesAt(cal.deadlineOf(period).toISOString());
    const closedIn = closedUnitsFrom(plan, grouped);
    // The deadline is exclusive (midnight after the due day): its day is the one before.
    const end = cal.deadlineOf(to);
    const deadline = cstDate(end.getTime() - 1);
    const closureAtEnd = {
      asOf: end <= c.var.now ? deadline : cstDate(c.var.now),
      deadline,
      rates: closureRatesAt(plan, grouped, end.toISOString()),
    };
    return c.json({
      ...buildTrends(plan, periods, units, heads, c.var.now, closedIn, closureIn),
      closureAtEnd,
    });
  },
);

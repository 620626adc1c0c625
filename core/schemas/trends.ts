// GET /trends: how a plan's reporting moved over periods — per period the units' timeliness counts, per measure the
// status counts of the units responsible for it, the funds planned / paid summed over the current rows, and the
// 整改完成率 at each period's deadline, and in full (per problem, per unit) at the last period's deadline.
import { z } from 'zod';
import { PeriodId } from './submission.ts';
import { Status } from './status.ts';
import { ClosureRatesView, ClosureRateView } from './closure-view.ts';

export const TrendsQuery = z.object({
  plan: z.string().optional(),
  from: PeriodId.optional(),
  to: PeriodId.optional(),
});

const Count = z.number().int();

export const TrendsPeriod = z.object({
  period: z.string(),
  /** Responsible units counted (the denominator of every share). */
  units: Count,
  on_time: Count,
  late: Count,
  missing: Count,
  not_due: Count,
  returned: Count,
  /** Units with every pair 已销号 by the period's deadline (counted in `units`, owe nothing). */
  closed: Count.optional(),
  /** 计划资金 / 已拨付 summed over every current row of the period (万元). */
  fundsPlanned: z.number(),
  fundsPaid: z.number(),
  /** 整改完成率 at the period's deadline: closed pairs ÷ pairs, closed measures ÷ measures. */
  closure: z.object({ pairs: ClosureRateView, measures: ClosureRateView }).optional(),
});
export type TrendsPeriod = z.infer<typeof TrendsPeriod>;

export const TrendsMeasure = z.object({
  measureId: z.string(),
  title: z.string(),
  /** One entry per period (same order as `periods`): status counts of the responsible units that reported it. */
  counts: z.array(z.record(Status, Count)),
});
export type TrendsMeasure = z.infer<typeof TrendsMeasure>;

export const Trends = z.object({
  planId: z.string(),
  from: z.string(),
  to: z.string(),
  periods: z.array(TrendsPeriod),
  measures: z.array(TrendsMeasure),
  /**
   * 整改完成率 at the deadline of `to` (plan, per problem, per unit): the rate block of 整改进展汇总表 for that period.
   * `deadline` is its due day (CST, YYYY-MM-DD); `asOf` the day counted — the due day, or today while it is still open.
   */
  closureAtEnd: z.object({ asOf: z.string(), deadline: z.string(), rates: ClosureRatesView }).optional(),
});
export type Trends = z.infer<typeof Trends>;

// The periods a supervisor's view is about, on the plan's schedule: one period (/summary, /details, /export.csv) or a
// span (/matrix, /trends). A period must fit the schedule; nothing before the plan's first period is ever shown.
import { calendarFor } from '../../core/calendar/schedule.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { AppError } from './app-error.ts';

/** Longest span one request may ask for: three years of half-months. */
export const MAX_SPAN_PERIODS = 72;

/**
 * How far past the open period a view may look: a year. Periods beyond it are not due for a long time, and a
 * calendar stepping on from year 9999 would fail, so they are refused with a 400 rather than a 500.
 */
export const MAX_FUTURE_DAYS = 366;

/**
 * The query's period, or the open one; 400 naming `path` when it does not fit the plan's schedule or lies more than
 * MAX_FUTURE_DAYS after now.
 */
export function periodOfQuery(plan: Plan, period: string | undefined, now: Date, path = 'period'): string {
  const cal = calendarFor(plan.schedule);
  if (period === undefined) return cal.periodOf(now);
  if (!cal.isPeriodId(period)) {
    throw new AppError(
      400,
      'invalid_query',
      { zh: `期次 ${period} 不符合该整改方案的报送周期`, en: `period does not fit the plan's schedule` },
      [{ path, code: 'period_schedule_mismatch', message: `expected a period like ${cal.periodIdExample}` }],
    );
  }
  const latest = cal.periodOf(new Date(now.getTime() + MAX_FUTURE_DAYS * 86_400_000));
  if (period > latest) {
    throw new AppError(
      400,
      'invalid_range',
      { zh: `期次 ${period} 太远，最晚可查 ${latest}`, en: 'period is more than a year ahead' },
      [{ path, code: 'too_big', message: `must be ${latest} or earlier` }],
    );
  }
  return period;
}

/**
 * from..to, oldest first. `to` defaults to the open period, `from` to the `defaultLength` periods ending at `to`;
 * either way the span starts at the plan's first period at the earliest.
 */
export function periodSpan(plan: Plan, q: { from?: string; to?: string }, now: Date, defaultLength: number): string[] {
  const cal = calendarFor(plan.schedule);
  const to = periodOfQuery(plan, q.to, now, 'to');
  if (to < plan.firstPeriod) {
    throw new AppError(
      400,
      'invalid_range',
      {
        zh: `结束期次 ${to} 早于整改方案的首个报送期次 ${plan.firstPeriod}`,
        en: `to is before the plan's first period`,
      },
      [{ path: 'to', code: 'invalid_range', message: `to must be ${plan.firstPeriod} or later` }],
    );
  }
  let from = q.from === undefined ? cal.back(to, defaultLength - 1) : periodOfQuery(plan, q.from, now, 'from');
  if (from < plan.firstPeriod) from = plan.firstPeriod;
  if (from > to) {
    throw new AppError(400, 'invalid_range', { zh: `起始期次 ${from} 晚于结束期次 ${to}`, en: 'from is after to' }, [
      { path: 'from', code: 'invalid_range', message: 'from must not be after to' },
    ]);
  }
  const periods = cal.between(from, to, MAX_SPAN_PERIODS + 1);
  if (periods.length > MAX_SPAN_PERIODS) {
    throw new AppError(
      400,
      'range_too_large',
      { zh: `一次最多查询 ${MAX_SPAN_PERIODS} 个期次`, en: `at most ${MAX_SPAN_PERIODS} periods` },
      [{ path: 'from', code: 'too_big', message: `span from..to must be at most ${MAX_SPAN_PERIODS} periods` }],
    );
  }
  return periods;
}

// One calendar per reporting schedule (报送周期): the plan's schedule decides period ids, deadlines, labels and
// timeliness. Callers ask `calendarFor(plan.schedule)` and never branch on the schedule themselves.
import type { Schedule } from '../schemas/plan.ts';
import * as half from './half-month.ts';
import { isMonthlyPeriodId, monthlyDeadline, monthlyDueDay, monthlyLabel, monthlyPeriodOf, nextMonth, previousMonth } from './monthly.ts';

export interface Calendar {
  readonly schedule: Schedule;
  isPeriodId(value: unknown): value is string;
  /** What a period id of this schedule looks like, for error messages. */
  readonly periodIdExample: string;
  /** Exclusive deadline: midnight CST at the end of the due day. */
  deadlineOf(id: string): Date;
  dueDay(id: string): number;
  periodOf(instant: half.Instant): string;
  next(id: string): string;
  previous(id: string): string;
  /** The period `n` periods before `id`. */
  back(id: string, n: number): string;
  /** Every period from `from` to `to`, inclusive, oldest first. */
  between(from: string, to: string, limit?: number): string[];
  label(id: string, locale?: half.Locale): string;
  timelinessOf(id: string, receivedAt: half.Instant | null | undefined, now: half.Instant): half.CalendarTimeliness;
}

interface Steps {
  isPeriodId(value: unknown): value is string;
  periodIdExample: string;
  deadlineOf(id: string): Date;
  dueDay(id: string): number;
  periodOf(instant: half.Instant): string;
  next(id: string): string;
  previous(id: string): string;
  label(id: string, locale?: half.Locale): string;
}

function steps(schedule: Schedule): Steps {
  if (schedule.kind === 'half-monthly') {
    return {
      isPeriodId: half.isPeriodId,
      periodIdExample: '2023-09-H1',
      deadlineOf: half.deadlineOf,
      dueDay: half.dueDay,
      periodOf: half.periodOf,
      next: half.nextPeriod,
      previous: half.previousPeriod,
      label: half.periodLabel,
    };
  }
  const day = schedule.day;
  return {
    isPeriodId: isMonthlyPeriodId,
    periodIdExample: '2024-03',
    deadlineOf: (id) => monthlyDeadline(id, day),
    dueDay: (id) => monthlyDueDay(id, day),
    periodOf: (instant) => monthlyPeriodOf(instant, day),
    next: nextMonth,
    previous: previousMonth,
    label: (id, locale) => monthlyLabel(id, day, locale),
  };
}

export function calendarFor(schedule: Schedule): Calendar {
  const s = steps(schedule);
  return {
    schedule,
    ...s,
    back(id, n) {
      let p = id;
      for (let i = 0; i < n; i++) p = s.previous(p);
      return p;
    },
    between(from, to, limit = 2_000) {
      if (!s.isPeriodId(from) || !s.isPeriodId(to)) throw new RangeError(`invalid period range ${from}..${to}`);
      const out: string[] = [];
      for (let p = from; p <= to && out.length < limit; p = s.next(p)) out.push(p);
      return out;
    },
    timelinessOf(id, receivedAt, now) {
      const deadline = s.deadlineOf(id).getTime();
      if (receivedAt !== null && receivedAt !== undefined) return half.toDate(receivedAt).getTime() < deadline ? 'on_time' : 'late';
      return half.toDate(now).getTime() < deadline ? 'not_due' : 'missing';
    },
  };
}

export const HALF_MONTHLY: Schedule = { kind: 'half-monthly' };

/** A period's name from its id alone, whatever the schedule ("2023年9月上半月（9月14日24时前报送）", "2024年3月"):
 * for receipts and history, where the plan may not be at hand. */
export function periodName(id: string, locale: half.Locale = 'zh-CN'): string {
  if (half.isPeriodId(id)) return half.periodLabel(id, locale);
  if (!isMonthlyPeriodId(id)) return id;
  const [year, month] = (id as string).split('-').map(Number) as [number, number];
  if (locale === 'en-US') return `${new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${year}`;
  return `${year}年${month}月`;
}

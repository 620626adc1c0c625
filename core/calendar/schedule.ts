// One calendar per reporting schedule (报送周期): the plan's schedule decides period ids, deadlines, labels and
// timeliness. Callers ask `calendarFor(plan.schedule)` and never branch on the schedule themselves. Each schedule
// gives only its steps (half-month.ts, monthly.ts); ranges and timeliness are written once, here, over those steps.
import type { Schedule } from '../schemas/plan.ts';
import type { FiledTimeliness } from '../schemas/submission.ts';
import * as half from './half-month.ts';
import {
  isMonthlyPeriodId,
  monthlyDeadline,
  monthlyDueDay,
  monthlyPeriodOf,
  nextMonth,
  previousMonth,
} from './monthly.ts';
import { periodLabel } from './period-label.ts';

/** Timeliness as the calendar decides it; a stored report may also stand returned (see reports/period-state.ts). */
export type CalendarTimeliness = FiledTimeliness | 'missing' | 'not_due';

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
  /** The period `n` periods before `id` (n = 0 gives `id`). */
  back(id: string, n: number): string;
  /** Every period from `from` to `to`, inclusive, oldest first; empty when from > to. */
  between(from: string, to: string, limit?: number): string[];
  label(id: string, locale?: half.Locale): string;
  /** on_time / late for a received report; missing / not_due when none arrived yet. */
  timelinessOf(id: string, receivedAt: half.Instant | null | undefined, now: half.Instant): CalendarTimeliness;
}

type Steps = Pick<
  Calendar,
  'isPeriodId' | 'periodIdExample' | 'deadlineOf' | 'dueDay' | 'periodOf' | 'next' | 'previous'
>;

function steps(schedule: Schedule): Steps {
  if (schedule.kind === 'half-monthly') {
    return {
      isPeriodId: half.isHalfMonthId,
      periodIdExample: '2023-09-H1',
      deadlineOf: half.halfMonthDeadline,
      dueDay: half.halfMonthDueDay,
      periodOf: half.halfMonthOf,
      next: half.nextHalfMonth,
      previous: half.previousHalfMonth,
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
    label: (id, locale) => periodLabel(id, { locale, schedule }),
    timelinessOf(id, receivedAt, now) {
      const deadline = s.deadlineOf(id).getTime();
      if (receivedAt !== null && receivedAt !== undefined)
        return half.toDate(receivedAt).getTime() < deadline ? 'on_time' : 'late';
      return half.toDate(now).getTime() < deadline ? 'not_due' : 'missing';
    },
  };
}

export const HALF_MONTHLY: Schedule = { kind: 'half-monthly' };

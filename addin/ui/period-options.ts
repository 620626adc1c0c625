// Which periods a unit may report for: the open one (default) and a few before it (late or corrected reports), on
// the plan's schedule and never before the plan's first period.
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import { type Locale } from '../../core/calendar/half-month.ts';
import { type Plan } from '../../core/schemas/plan.ts';

type PlanTiming = Pick<Plan, 'schedule' | 'firstPeriod'>;
const ANY_HALF_MONTH: PlanTiming = { schedule: HALF_MONTHLY, firstPeriod: '0000-01-H1' };

export function periodChoices(openPeriod: string, previous = 3, plan: PlanTiming = ANY_HALF_MONTH): string[] {
  const cal = calendarFor(plan.schedule);
  const out = [openPeriod];
  for (let i = 0; i < previous; i++) {
    const before = cal.previous(out[out.length - 1]!);
    if (before < plan.firstPeriod) break;
    out.push(before);
  }
  return out;
}

export function periodOptions(
  openPeriod: string,
  locale: Locale,
  plan: PlanTiming = ANY_HALF_MONTH,
  previous = 3,
): { value: string; label: string }[] {
  const cal = calendarFor(plan.schedule);
  return periodChoices(openPeriod, previous, plan).map((p) => ({ value: p, label: cal.label(p, locale) }));
}

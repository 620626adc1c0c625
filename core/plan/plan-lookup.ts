// Questions asked of a plan: a measure by id, the measures a unit must report on, a problem by id.
import { cstDate } from '../calendar/half-month.ts';
import { calendarFor } from '../calendar/schedule.ts';
import type { DeadlineContext } from '../deadline/parse-deadline.ts';
import type { Measure, Plan, Problem } from '../schemas/plan.ts';

export function measureById(plan: Plan, id: string): Measure | undefined {
  return plan.measures.find((m) => m.id === id);
}

export function problemById(plan: Plan, id: string): Problem | undefined {
  return plan.problems.find((p) => p.id === id);
}

/** The measures a unit must report on, in plan order. */
export function measuresFor(plan: Plan, unitId: string): Measure[] {
  return plan.measures.filter((m) => m.responsibleUnitIds.includes(unitId));
}

/** The units a plan's reports are expected from: every responsible unit of any of its measures. */
export function responsibleUnitIds(plan: Plan): Set<string> {
  return new Set(plan.measures.flatMap((m) => m.responsibleUnitIds));
}

/** "1-1 至 4-3": the span of measure ids, for messages. */
export function measureIdSpan(plan: Plan): string {
  const ids = plan.measures.map((m) => m.id);
  return ids.length > 1 ? `${ids[0]}至${ids[ids.length - 1]}` : (ids[0] ?? '');
}

/** What a deadline written without a year, or as 立行立改, means in this plan (see parseDeadline). */
export function deadlineContextOf(plan: Pick<Plan, 'schedule' | 'firstPeriod'>): DeadlineContext {
  const due = calendarFor(plan.schedule).deadlineOf(plan.firstPeriod).getTime() - 1;
  const firstDue = cstDate(due);
  return { planYear: Number(firstDue.slice(0, 4)), firstDue };
}

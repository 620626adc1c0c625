// Whether a unit owes nothing for a period because every pair it is responsible for was 已销号 by the period's
// deadline (core/closure/required.ts), read once per request from the plan's closure events.
import { calendarFor } from '../../core/calendar/schedule.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { closedUnitsAt, eventsByUnit, type PairEvent } from '../../core/closure/index.ts';
import { listEvents } from '../db/closures.ts';

export type ClosedIn = (unitId: string, period: string) => boolean;

export const NOTHING_CLOSED: ClosedIn = () => false;

export async function closedUnitsOf(db: D1Database, plan: Plan): Promise<ClosedIn> {
  return closedUnitsFrom(plan, eventsByUnit(await listEvents(db, plan.id)));
}

/** The same from events already read and grouped (GET /trends also counts the 整改完成率 from them). */
export function closedUnitsFrom(plan: Plan, grouped: ReadonlyMap<string, ReadonlyMap<string, PairEvent[]>>): ClosedIn {
  if (grouped.size === 0) return NOTHING_CLOSED;
  const cal = calendarFor(plan.schedule);
  const perPeriod = new Map<string, Set<string>>();
  return (unitId, period) => {
    let closed = perPeriod.get(period);
    if (!closed) {
      closed = closedUnitsAt(plan, grouped, cal.deadlineOf(period).toISOString());
      perPeriod.set(period, closed);
    }
    return closed.has(unitId);
  };
}

// Which units owe nothing for a period because every pair they are responsible for was 已销号 by its deadline: they
// are 已销号 (`closed`) instead of 未报 in every view, and get no reminder. A reopened pair is owed again from then on.
import { measuresFor } from '../plan/plan-lookup.ts';
import type { Plan } from '../schemas/plan.ts';
import type { ClosureEvent } from '../schemas/closure.ts';
import { pairClosureOf } from './pair-closure.ts';

/** 完成情况 of a measure already 已销号 in the unit's template: a row so marked is not read (nothing is demanded). */
export const CLOSED_ROW_STATUS = '已销号';

export type PairEvent = Pick<ClosureEvent, 'kind' | 'at' | 'part' | 'extendedDeadline'> & {
  measureId: string;
  unitId: string;
};

/** Events grouped by unit, then by measure, oldest first (the order they are stored in). */
export function eventsByUnit(events: readonly PairEvent[]): Map<string, Map<string, PairEvent[]>> {
  const out = new Map<string, Map<string, PairEvent[]>>();
  for (const e of events) {
    const byMeasure = out.get(e.unitId) ?? new Map<string, PairEvent[]>();
    const list = byMeasure.get(e.measureId) ?? [];
    list.push(e);
    byMeasure.set(e.measureId, list);
    out.set(e.unitId, byMeasure);
  }
  return out;
}

/** Units every one of whose pairs is closed at `at` (an ISO instant). Only units with events can be. */
export function closedUnitsAt(
  plan: Plan,
  grouped: ReadonlyMap<string, ReadonlyMap<string, readonly PairEvent[]>>,
  at: string,
): Set<string> {
  // Each unit's measures from one pass over the plan: measuresFor per unit scans every measure's unit list, which
  // made GET /trends (this, once per period) quadratic in units for a plan with thousands (bench/trends-scale.ts).
  const measuresOf = new Map<string, string[]>();
  for (const m of plan.measures) {
    for (const unitId of m.responsibleUnitIds) {
      if (!grouped.has(unitId)) continue;
      const list = measuresOf.get(unitId) ?? [];
      list.push(m.id);
      measuresOf.set(unitId, list);
    }
  }
  const closed = new Set<string>();
  for (const [unitId, byMeasure] of grouped) {
    const measures = measuresOf.get(unitId);
    if (!measures) continue;
    if (measures.every((id) => pairClosureOf(byMeasure.get(id) ?? [], at).state === 'closed')) closed.add(unitId);
  }
  return closed;
}

/** The measures of the unit that are 已销号 at `at`: the checklist need not carry rows for them. */
export function closedMeasureIdsAt(
  plan: Plan,
  byMeasure: ReadonlyMap<string, readonly PairEvent[]> | undefined,
  unitId: string,
  at: string,
): Set<string> {
  const out = new Set<string>();
  for (const m of measuresFor(plan, unitId)) {
    if (pairClosureOf(byMeasure?.get(m.id) ?? [], at).state === 'closed') out.add(m.id);
  }
  return out;
}

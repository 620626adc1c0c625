// 整改完成率 as it stood at an instant (a period's deadline, for the trends): every (measure, responsible unit) pair of
// the plan, its state replayed from its closure events up to then, counted by closureRates.
import type { Plan } from '../schemas/plan.ts';
import { closureRates, type ClosureRates, type PairFact } from './closure-rate.ts';
import { pairClosureOf } from './pair-closure.ts';
import type { PairEvent } from './required.ts';

export function closureRatesAt(
  plan: Plan,
  grouped: ReadonlyMap<string, ReadonlyMap<string, readonly PairEvent[]>>,
  at: string,
): ClosureRates {
  const facts: PairFact[] = [];
  for (const m of plan.measures) {
    for (const unitId of m.responsibleUnitIds) {
      const events = grouped.get(unitId)?.get(m.id);
      const state = events ? pairClosureOf(events, at).state : 'in_progress';
      facts.push({ measureId: m.id, problemId: m.problemId, unitId, state });
    }
  }
  return closureRates(facts);
}

// 整改完成率 as it stood at an instant (a period's deadline, for GET /trends): every (measure, responsible unit) pair of
// the plan, its state replayed from its closure events up to then. /trends asks for up to 72 instants over as many as
// 2,000 units × 13 measures, so closureRatesOver walks the plan once and afterwards replays only the pairs that have
// events — a pair without any is 整改中 at every instant. Its counts equal closureRates' over every pair (tested).
// closureRatesAt gives the whole breakdown (per problem, per unit) at one instant: 整改进展汇总表's rate block.
import type { Plan } from '../schemas/plan.ts';
import { closureRates, rate, type ClosureRates, type PairFact, type Rate } from './closure-rate.ts';
import { pairClosureOf } from './pair-closure.ts';
import type { PairEvent } from './required.ts';

export interface PlanClosureRates {
  pairs: Rate;
  measures: Rate;
}

export function closureRatesOver(
  plan: Plan,
  grouped: ReadonlyMap<string, ReadonlyMap<string, readonly PairEvent[]>>,
): (at: string) => PlanClosureRates {
  let pairs = 0;
  const measures: { pairs: number; withEvents: (readonly PairEvent[])[] }[] = [];
  for (const m of plan.measures) {
    if (m.responsibleUnitIds.length === 0) continue;
    pairs += m.responsibleUnitIds.length;
    const withEvents: (readonly PairEvent[])[] = [];
    for (const unitId of m.responsibleUnitIds) {
      const events = grouped.get(unitId)?.get(m.id);
      if (events) withEvents.push(events);
    }
    measures.push({ pairs: m.responsibleUnitIds.length, withEvents });
  }
  return (at) => {
    let closedPairs = 0;
    let closedMeasures = 0;
    for (const m of measures) {
      const closed = m.withEvents.filter((events) => pairClosureOf(events, at).state === 'closed').length;
      closedPairs += closed;
      if (closed === m.pairs) closedMeasures++;
    }
    return { pairs: rate(closedPairs, pairs), measures: rate(closedMeasures, measures.length) };
  };
}

/** Every pair of the plan as it stood at `at`, counted as closureRates counts them (plan, per problem, per unit). */
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

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  closureRates,
  closureRatesAt,
  closureRatesOver,
  eventsByUnit,
  pairClosureOf,
  formatRate,
  type PairEvent,
  type PairFact,
} from '../../core/closure/index.ts';
import { DEMO_PLAN } from '../fixtures/demo-plan.ts';

const pair = (measureId: string, unitId: string, state: PairFact['state']): PairFact => ({
  measureId,
  problemId: measureId.split('-')[0]!,
  unitId,
  state,
});

describe('closureRates', () => {
  it('counts a measure closed only when every responsible unit has closed it', () => {
    const rates = closureRates([
      pair('1-1', 'a', 'closed'),
      pair('1-1', 'b', 'applied'),
      pair('1-2', 'a', 'closed'),
      pair('2-1', 'b', 'in_progress'),
    ]);
    expect(rates.pairs).toEqual({ closed: 2, total: 4, rate: 0.5 });
    expect(rates.measures).toEqual({ closed: 1, total: 3, rate: 1 / 3 });
    expect(rates.byProblem['1']).toEqual({
      pairs: { closed: 2, total: 3, rate: 2 / 3 },
      measures: { closed: 1, total: 2, rate: 0.5 },
    });
    expect(rates.byUnit).toEqual({ a: { closed: 2, total: 2, rate: 1 }, b: { closed: 0, total: 2, rate: 0 } });
  });

  it('has no rate when there is nothing to close', () => {
    const rates = closureRates([]);
    expect(rates.pairs.rate).toBeNull();
    expect(formatRate(rates.pairs)).toBe('—');
  });

  it('formats a rate with one decimal', () => {
    expect(formatRate({ closed: 6, total: 7, rate: 6 / 7 })).toBe('85.7%');
  });
});

describe('closureRatesOver', () => {
  // The demo plan with its first measure owed by one unit only, so closing that pair closes the measure.
  const first = DEMO_PLAN.measures[0]!;
  const unitId = first.responsibleUnitIds[0]!;
  const m = { ...first, responsibleUnitIds: [unitId] };
  const plan = { ...DEMO_PLAN, measures: [m, ...DEMO_PLAN.measures.slice(1)] };
  const allPairs = plan.measures.reduce((n, x) => n + x.responsibleUnitIds.length, 0);
  const events: PairEvent[] = [
    { measureId: m.id, unitId, kind: 'applied', at: '2023-10-01T02:00:00Z', part: 'whole' },
    { measureId: m.id, unitId, kind: 'closed', at: '2023-10-03T02:00:00Z' },
    { measureId: m.id, unitId, kind: 'reopened', at: '2023-11-20T02:00:00Z' },
  ];
  const at = closureRatesOver(plan, eventsByUnit(events));

  it("counts every responsible unit's pair of the plan, closed only between its 销号 and its reopening", () => {
    expect(at('2023-10-02T00:00:00Z').pairs).toEqual({ closed: 0, total: allPairs, rate: 0 });
    expect(at('2023-10-14T15:59:00Z').pairs).toEqual({ closed: 1, total: allPairs, rate: 1 / allPairs });
    expect(at('2023-10-14T15:59:00Z').measures).toEqual({
      closed: 1,
      total: plan.measures.length,
      rate: 1 / plan.measures.length,
    });
    expect(at('2023-11-29T15:59:00Z').pairs.closed).toBe(0);
  });

  it('gives the closed pair to its problem and its unit only while it is closed, every other unit at 0', () => {
    const inside = closureRatesAt(plan, eventsByUnit(events), '2023-10-14T15:59:00Z');
    expect(inside.pairs.closed).toBe(1);
    expect(inside.byUnit[unitId]!.closed).toBe(1);
    expect(inside.byProblem[m.problemId]!.measures.closed).toBe(1);
    const others = Object.entries(inside.byUnit).filter(([id]) => id !== unitId);
    expect(others.length).toBeGreaterThan(0);
    for (const [, r] of others) expect(r.closed).toBe(0);
    expect(closureRatesAt(plan, eventsByUnit(events), '2023-11-29T15:59:00Z').byUnit[unitId]!.closed).toBe(0);
  });

  it('counts as closureRates (and closureRatesAt) do over every pair replayed to the same instant, for any events', () => {
    const pairsOf = plan.measures.flatMap((x) => x.responsibleUnitIds.map((u) => ({ measureId: x.id, unitId: u })));
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2023-10-${String(d).padStart(2, '0')}T02:00:00Z`);
    const event = fc.record({
      pair: fc.constantFrom(...pairsOf),
      kind: fc.constantFrom('applied', 'closed', 'rejected', 'reopened'),
      at: day,
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), day, (list, instant) => {
        const sorted: PairEvent[] = [...list]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((e) => ({ ...e.pair, kind: e.kind as PairEvent['kind'], at: e.at, part: 'whole' }));
        const grouped = eventsByUnit(sorted);
        const facts: PairFact[] = plan.measures.flatMap((x) =>
          x.responsibleUnitIds.map((u) => ({
            measureId: x.id,
            problemId: x.problemId,
            unitId: u,
            state: pairClosureOf(grouped.get(u)?.get(x.id) ?? [], instant).state,
          })),
        );
        const full = closureRates(facts);
        expect(closureRatesOver(plan, grouped)(instant)).toEqual({ pairs: full.pairs, measures: full.measures });
        expect(closureRatesAt(plan, grouped, instant)).toEqual(full);
      }),
      { numRuns: 200 },
    );
  });
});

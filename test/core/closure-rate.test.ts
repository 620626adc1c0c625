import { describe, expect, it } from 'vitest';
import { closureRates, formatRate, type PairFact } from '../../core/closure/index.ts';

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

// 整改完成率: closed pairs ÷ all pairs, and closed measures ÷ measures (a measure is closed when every responsible
// unit's pair is), per plan, per problem and per unit. A pair whose dated part is closed counts as closed.
import type { ClosureState } from '../schemas/closure.ts';

export interface PairFact {
  measureId: string;
  problemId: string;
  unitId: string;
  state: ClosureState;
}

export interface Rate {
  closed: number;
  total: number;
  /** closed ÷ total, or null when there is nothing to close. */
  rate: number | null;
}

export interface ClosureRates {
  pairs: Rate;
  measures: Rate;
  byProblem: Record<string, { pairs: Rate; measures: Rate }>;
  byUnit: Record<string, Rate>;
}

export const rate = (closed: number, total: number): Rate => ({
  closed,
  total,
  rate: total === 0 ? null : closed / total,
});

function measureRate(pairs: readonly PairFact[]): Rate {
  const open = new Set<string>();
  const all = new Set<string>();
  for (const p of pairs) {
    all.add(p.measureId);
    if (p.state !== 'closed') open.add(p.measureId);
  }
  return rate(all.size - open.size, all.size);
}

const pairRate = (pairs: readonly PairFact[]) => rate(pairs.filter((p) => p.state === 'closed').length, pairs.length);

function groupBy<K extends keyof PairFact>(pairs: readonly PairFact[], key: K): Map<string, PairFact[]> {
  const groups = new Map<string, PairFact[]>();
  for (const p of pairs) {
    const list = groups.get(p[key]) ?? [];
    list.push(p);
    groups.set(p[key], list);
  }
  return groups;
}

export function closureRates(pairs: readonly PairFact[]): ClosureRates {
  const byProblem: ClosureRates['byProblem'] = {};
  for (const [problemId, list] of groupBy(pairs, 'problemId'))
    byProblem[problemId] = { pairs: pairRate(list), measures: measureRate(list) };
  const byUnit: ClosureRates['byUnit'] = {};
  for (const [unitId, list] of groupBy(pairs, 'unitId')) byUnit[unitId] = pairRate(list);
  return { pairs: pairRate(pairs), measures: measureRate(pairs), byProblem, byUnit };
}

/** "85.7%" for sheets and the 通报; "—" when there is nothing to close. */
export function formatRate(r: Rate): string {
  return r.rate === null ? '—' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`;
}

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

/** Counts of one group: its pairs, closed pairs, and which of its measures have a pair not closed. */
class Tally {
  pairs = 0;
  closedPairs = 0;
  measures = new Set<string>();
  openMeasures = new Set<string>();

  add(p: PairFact): void {
    this.pairs++;
    this.measures.add(p.measureId);
    if (p.state === 'closed') this.closedPairs++;
    else this.openMeasures.add(p.measureId);
  }

  pairRate = (): Rate => rate(this.closedPairs, this.pairs);
  measureRate = (): Rate => rate(this.measures.size - this.openMeasures.size, this.measures.size);
}

/** One pass over the pairs (the whole plan's can be tens of thousands; a fact may be reused between items). */
export function closureRates(pairs: Iterable<PairFact>): ClosureRates {
  const all = new Tally();
  const problems = new Map<string, Tally>();
  const units = new Map<string, { closed: number; total: number }>();
  for (const p of pairs) {
    all.add(p);
    let t = problems.get(p.problemId);
    if (!t) problems.set(p.problemId, (t = new Tally()));
    t.add(p);
    let u = units.get(p.unitId);
    if (!u) units.set(p.unitId, (u = { closed: 0, total: 0 }));
    u.total++;
    if (p.state === 'closed') u.closed++;
  }
  const byProblem: ClosureRates['byProblem'] = {};
  for (const [id, t] of problems) byProblem[id] = { pairs: t.pairRate(), measures: t.measureRate() };
  const byUnit: ClosureRates['byUnit'] = {};
  for (const [id, u] of units) byUnit[id] = rate(u.closed, u.total);
  return { pairs: all.pairRate(), measures: all.measureRate(), byProblem, byUnit };
}

/** "85.7%" for sheets and the 通报; "—" when there is nothing to close. */
export function formatRate(r: Rate): string {
  return r.rate === null ? '—' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`;
}

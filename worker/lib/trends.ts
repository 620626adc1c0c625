// Builds core's Trends from stored heads: per period the responsible units' timeliness (as /matrix judges each cell),
// per measure the status counts of its responsible units (as /summary counts them), funds summed over the filed
// reports from each head's per-measure sums (a returned one counts as 退回, not as filed: core/reports/period-state.ts).
import { responsibleUnitIds } from '../../core/plan/plan-lookup.ts';
import { isFiled } from '../../core/reports/period-state.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Status } from '../../core/schemas/status.ts';
import type { Trends, TrendsPeriod } from '../../core/schemas/trends.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import type { MeasureFigures } from '../../core/reports/measure-rollup.ts';
import type { TrendHeadRow } from '../db/trends.ts';
import { NOTHING_CLOSED, type ClosedIn } from './closed-units.ts';
import { stateIn, zeroStateCounts, zeroStatusCounts } from './summary.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;

export function buildTrends(
  plan: Plan,
  periods: string[],
  units: Unit[],
  heads: TrendHeadRow[],
  now: Date,
  closedIn: ClosedIn = NOTHING_CLOSED,
  /** 整改完成率 at a period's deadline (the route computes it with core's closureRatesOver). */
  closureIn?: (period: string) => NonNullable<TrendsPeriod['closure']>,
): Trends {
  const responsible = responsibleUnitIds(plan);
  const counted = units.filter((u) => responsible.has(u.id));
  const at = new Map(heads.map((h) => [`${h.unitId}|${h.period}`, h]));
  const fundsAt = new Map<string, { fundsPlanned: number; fundsPaid: number }>();
  for (const h of heads) {
    if (!isFiled(stateIn(plan, h.period, h, now))) continue;
    const sum = fundsAt.get(h.period) ?? { fundsPlanned: 0, fundsPaid: 0 };
    for (const f of Object.values(JSON.parse(h.measureFigures) as Record<string, MeasureFigures>)) {
      sum.fundsPlanned += f.fundsPlanned ?? 0;
      sum.fundsPaid += f.fundsPaid ?? 0;
    }
    fundsAt.set(h.period, sum);
  }
  // Looked up once per (unit, period, measure): a Set, not an array scan over every responsible unit (at 2,000 units
  // the scan made /trends quadratic in units; bench/trends-scale.ts).
  const responsibleFor = plan.measures.map((m) => new Set(m.responsibleUnitIds));
  const measures = plan.measures.map((m) => ({
    measureId: m.id,
    title: m.title,
    counts: periods.map(() => zeroStatusCounts()),
  }));

  const rows: TrendsPeriod[] = periods.map((period, i) => {
    const row: TrendsPeriod = {
      period,
      units: counted.length,
      ...zeroStateCounts(),
      fundsPlanned: round2(fundsAt.get(period)?.fundsPlanned ?? 0),
      fundsPaid: round2(fundsAt.get(period)?.fundsPaid ?? 0),
      ...(closureIn ? { closure: closureIn(period) } : {}),
    };
    for (const u of counted) {
      const head = at.get(`${u.id}|${period}`);
      const state = stateIn(plan, period, head, now, closedIn(u.id, period));
      row[state] = (row[state] ?? 0) + 1;
      if (!head || !isFiled(state)) continue;
      const statuses = JSON.parse(head.measureStatuses) as Record<string, Status>;
      plan.measures.forEach((m, k) => {
        const s = statuses[m.id];
        if (s && responsibleFor[k]!.has(u.id)) measures[k]!.counts[i]![s] += 1;
      });
    }
    return row;
  });
  return { planId: plan.id, from: periods[0]!, to: periods[periods.length - 1]!, periods: rows, measures };
}

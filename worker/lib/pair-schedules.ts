// Brings the stored 预警 schedules (db/pair-warnings.ts) up to date before a read: only the units whose rows are not
// current (one indexed read of a row per unit) are recomputed — after one unit's report or 销号 transition its pairs, after a plan edit or when a new
// period opens every pair, once — from the open period's last HISTORY_PERIODS report heads, through core's
// warningScheduleOf. A write that lands while this runs leaves rows with an older generation: recomputed next time.
import {
  DEFAULT_WARNING_THRESHOLDS,
  warningScheduleOf,
  type PairClosure,
  type ProgressPoint,
} from '../../core/closure/index.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Status } from '../../core/schemas/status.ts';
import { listPairs, type PairRow } from '../db/closures.ts';
import { progressHeads } from '../db/pair-inputs.ts';
import { currentUnits, sourceGens, writeSchedules, type ScheduleRow, type Stamp } from '../db/pair-warnings.ts';

/** How many recent periods the latest status and the 无变化 check look at (three months of half-months). */
export const HISTORY_PERIODS = 6;

/** Above this many units to recompute, one plan-wide read is cheaper than one read per unit. */
const PER_UNIT_READS = 8;

/** The plan's pairs in plan order (measures in order, each one's responsible units in order). */
export function planPairs(plan: Plan): { measureId: string; unitId: string; ord: number }[] {
  const seen = new Set<string>();
  const pairs: { measureId: string; unitId: string; ord: number }[] = [];
  for (const m of plan.measures) {
    for (const unitId of m.responsibleUnitIds) {
      const key = `${m.id}|${unitId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ measureId: m.id, unitId, ord: pairs.length });
    }
  }
  return pairs;
}

/** The plan version the stored rows are read for. */
export const versionOf = (plan: Plan): Omit<Stamp, 'period'> => ({ planId: plan.id, planVersion: plan.version ?? 0 });

const stampOf = (plan: Plan, now: Date): Stamp => ({
  ...versionOf(plan),
  period: calendarFor(plan.schedule).periodOf(now),
});

/** Recomputes the rows of every unit whose rows are not all current; answers how many pairs it recomputed. */
export async function refreshSchedules(db: D1Database, plan: Plan, now: Date): Promise<number> {
  const stamp = stampOf(plan, now);
  const current = await currentUnits(db, stamp);
  const stale = new Set<string>();
  for (const m of plan.measures) for (const u of m.responsibleUnitIds) if (!current.has(u)) stale.add(u);
  if (stale.size === 0) return 0;

  const pairs = planPairs(plan);
  const allGens = await sourceGens(db, plan.id);
  const gens = new Map([...stale].map((u) => [u, allGens.get(u) ?? 0]));
  const perUnit = stale.size <= PER_UNIT_READS ? [...stale] : [undefined];
  const reads = await Promise.all(perUnit.map((u) => recentState(db, plan, stamp.period, u)));
  const heads = reads.flatMap((r) => r.heads);
  const closures = new Map(reads.flatMap((r) => r.pairs).map((r) => [`${r.measureId}|${r.unitId}`, r]));
  const history = historyOf(plan, stamp.period, heads);
  const thresholds = plan.warningThresholds ?? DEFAULT_WARNING_THRESHOLDS;
  const measures = new Map(plan.measures.map((m) => [m.id, m]));

  const rows: ScheduleRow[] = [];
  for (const p of pairs) {
    if (!stale.has(p.unitId)) continue;
    const points = history(p.unitId, p.measureId);
    const row = closures.get(`${p.measureId}|${p.unitId}`);
    const closure: PairClosure = row
      ? {
          state: row.state,
          part: row.part,
          extendedDeadline: row.extendedDeadline,
          rejectionPending: row.rejectionPending,
          closedAt: row.closedAt,
        }
      : { state: 'in_progress', part: null, extendedDeadline: null, rejectionPending: false, closedAt: null };
    rows.push({
      ...p,
      latestStatus: [...points].reverse().find((x) => x !== null)?.status ?? null,
      schedule: warningScheduleOf({
        deadline: measures.get(p.measureId)!.deadline,
        closure,
        history: points,
        thresholds,
      }),
    });
  }
  await writeSchedules(db, stamp, gens, rows);
  return rows.length;
}

function windowOf(plan: Plan, open: string): string[] {
  const cal = calendarFor(plan.schedule);
  const back = cal.back(open, HISTORY_PERIODS - 1);
  const from = back > plan.firstPeriod ? back : plan.firstPeriod;
  return from > open ? [] : cal.between(from, open);
}

async function recentState(db: D1Database, plan: Plan, open: string, unitId: string | undefined) {
  const periods = windowOf(plan, open);
  const [heads, pairs] = await Promise.all([
    periods.length ? progressHeads(db, plan.id, periods[0]!, open, unitId) : Promise.resolve([]),
    listPairs(db, plan.id, unitId),
  ]);
  return { heads, pairs: pairs as PairRow[] };
}

interface Filed {
  statuses: Record<string, Status>;
  figures: Record<string, unknown>;
}

/** Each pair's progress over the window, oldest first (null where nothing was filed); each head parsed once. */
function historyOf(
  plan: Plan,
  open: string,
  heads: Awaited<ReturnType<typeof progressHeads>>,
): (unitId: string, measureId: string) => (ProgressPoint | null)[] {
  const periods = windowOf(plan, open);
  const position = new Map(periods.map((p, i) => [p, i]));
  const filed = new Map<string, (Filed | undefined)[]>();
  for (const h of heads) {
    const i = position.get(h.period);
    if (i === undefined) continue;
    let row = filed.get(h.unitId);
    if (!row) filed.set(h.unitId, (row = new Array<Filed | undefined>(periods.length)));
    row[i] = {
      statuses: JSON.parse(h.measureStatuses) as Record<string, Status>,
      figures: JSON.parse(h.measureFigures) as Record<string, unknown>,
    };
  }
  return (unitId, measureId) => {
    const reports = filed.get(unitId);
    const history: (ProgressPoint | null)[] = [];
    for (let i = 0; i < periods.length; i++) {
      const f = reports?.[i];
      const status = f?.statuses[measureId];
      history.push(status ? { status, figures: JSON.stringify(f!.figures[measureId] ?? null) } : null);
    }
    // The open period not filed yet is not a gap: it is not due.
    if (history.length && history.at(-1) === null) history.pop();
    return history;
  };
}

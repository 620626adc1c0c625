// Every (measure, unit) pair of a plan as the pane, /warnings and the 销号台账 show it: its closure state, deadline
// (or 限期), latest status within the recent periods, evidence count and 预警 colour. The 预警 come from the stored
// schedules (lib/pair-schedules.ts brings them up to date first), told for today by core's warningOn.
import { closureRates, warningOn, type ClosureRates, type PairFact, type Warning } from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Status } from '../../core/schemas/status.ts';
import { closedPairs, type PairRow } from '../db/closures.ts';
import { evidenceCounts } from '../db/pair-inputs.ts';
import { storedPairs, type StoredPair } from '../db/pair-warnings.ts';
import { planPairs, refreshSchedules, versionOf } from './pair-schedules.ts';

export interface PairView {
  measureId: string;
  problemId: string;
  unitId: string;
  unitName: string;
  state: PairRow['state'];
  part: PairRow['part'];
  deadlineText: string;
  deadline: { date?: string; longTerm: boolean };
  extendedDeadline: string | null;
  rejectionPending: boolean;
  rejection: PairRow['rejection'];
  appliedAt: string | null;
  closedAt: string | null;
  version: number;
  latestStatus: Status | null;
  evidenceCount: number;
  warning: Warning | null;
}

/** Turns stored pairs into views: the plan's measure, the evidence count and today's warning. */
export function viewsOf(
  plan: Plan,
  now: Date,
  stored: readonly StoredPair[],
  files: ReadonlyMap<string, number>,
): PairView[] {
  const measures = new Map(plan.measures.map((m) => [m.id, m]));
  const today = cstDate(now);
  return stored.map((s) => {
    const m = measures.get(s.measureId)!;
    return {
      measureId: s.measureId,
      problemId: m.problemId,
      unitId: s.unitId,
      unitName: s.unitName,
      state: s.state,
      part: s.part,
      deadlineText: m.deadlineText,
      deadline: m.deadline,
      extendedDeadline: s.extendedDeadline,
      rejectionPending: s.rejectionPending,
      rejection: s.rejection,
      appliedAt: s.appliedAt,
      closedAt: s.closedAt,
      version: s.version,
      latestStatus: s.latestStatus,
      evidenceCount: files.get(`${s.measureId}|${s.unitId}`) ?? 0,
      warning: warningOn(s.schedule, today),
    };
  });
}

/** Every pair of the plan (or one unit's), in plan order. */
export async function pairViews(db: D1Database, plan: Plan, now: Date, unitId?: string): Promise<PairView[]> {
  await refreshSchedules(db, plan, now);
  const [stored, files] = await Promise.all([
    storedPairs(db, versionOf(plan), unitId),
    evidenceCounts(db, plan.id, unitId ? [unitId] : undefined),
  ]);
  return viewsOf(plan, now, stored, files);
}

export function ratesOf(views: readonly PairFact[]): ClosureRates {
  return closureRates(
    views.map((v) => ({ measureId: v.measureId, problemId: v.problemId, unitId: v.unitId, state: v.state })),
  );
}

/** The plan's 整改完成率 from its closed pairs (the others are not closed): no pair views needed. */
export async function planRates(db: D1Database, plan: Plan): Promise<ClosureRates> {
  const closed = await closedPairs(db, plan.id);
  function* facts(): Generator<PairFact> {
    // One fact object reused for every pair: closureRates keeps only its strings.
    const f: PairFact = { measureId: '', problemId: '', unitId: '', state: 'in_progress' };
    for (const m of plan.measures) {
      const closedUnits = closed.get(m.id);
      f.measureId = m.id;
      f.problemId = m.problemId;
      for (const unitId of new Set(m.responsibleUnitIds)) {
        f.unitId = unitId;
        f.state = closedUnits?.has(unitId) ? 'closed' : 'in_progress';
        yield f;
      }
    }
  }
  return closureRates(facts());
}

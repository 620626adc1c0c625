// Every (measure, unit) pair of a plan as the pane, /warnings and the 销号台账 show it: its closure state, deadline
// (or 限期), latest status within the recent periods, evidence count and 预警 colour. Reads grow with units × the
// few recent periods, never with the whole history.
import {
  closureRates,
  DEFAULT_WARNING_THRESHOLDS,
  warningOf,
  type ClosureRates,
  type PairClosure,
  type ProgressPoint,
  type Warning,
} from '../../core/closure/index.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type Status } from '../../core/schemas/status.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { evidenceCounts, listPairs, progressHeads, type PairRow } from '../db/closures.ts';

/** How many recent periods the latest status and the 无变化 check look at (three months of half-months). */
export const HISTORY_PERIODS = 6;

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

interface Filed {
  statuses: Record<string, Status>;
  figures: Record<string, unknown>;
}

const OPEN: Omit<PairRow, 'measureId' | 'unitId'> = {
  state: 'in_progress',
  part: null,
  extendedDeadline: null,
  rejectionPending: false,
  rejection: null,
  appliedAt: null,
  closedAt: null,
  version: 0,
};

export async function pairViews(
  db: D1Database,
  plan: Plan,
  units: readonly Unit[],
  now: Date,
  unitId?: string,
): Promise<PairView[]> {
  const cal = calendarFor(plan.schedule);
  const open = cal.periodOf(now);
  const back = cal.back(open, HISTORY_PERIODS - 1);
  const from = back > plan.firstPeriod ? back : plan.firstPeriod;
  const periods = from > open ? [] : cal.between(from, open);
  const [heads, rows, files] = await Promise.all([
    periods.length ? progressHeads(db, plan.id, from, open, unitId) : Promise.resolve([]),
    listPairs(db, plan.id, unitId),
    evidenceCounts(db, plan.id, unitId),
  ]);
  // Each unit's filed reports by period position, each parsed once (not once per pair).
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
  const pairs = new Map(rows.map((r) => [`${r.measureId}|${r.unitId}`, r]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const today = cstDate(now);
  const thresholds = plan.warningThresholds ?? DEFAULT_WARNING_THRESHOLDS;

  const views: PairView[] = [];
  for (const m of plan.measures) {
    for (const uid of m.responsibleUnitIds) {
      if (unitId && uid !== unitId) continue;
      const key = `${m.id}|${uid}`;
      const row = pairs.get(key) ?? { measureId: m.id, unitId: uid, ...OPEN };
      const reports = filed.get(uid);
      const history: (ProgressPoint | null)[] = [];
      for (let i = 0; i < periods.length; i++) {
        const f = reports?.[i];
        const status = f?.statuses[m.id];
        history.push(status ? { status, figures: JSON.stringify(f!.figures[m.id] ?? null) } : null);
      }
      // The open period not filed yet is not a gap: it is not due.
      if (history.length && history.at(-1) === null) history.pop();
      const closure: PairClosure = {
        state: row.state,
        part: row.part,
        extendedDeadline: row.extendedDeadline,
        rejectionPending: row.rejectionPending,
        closedAt: row.closedAt,
      };
      const latestStatus = [...history].reverse().find((p) => p !== null)?.status ?? null;
      views.push({
        measureId: m.id,
        problemId: m.problemId,
        unitId: uid,
        unitName: names.get(uid) ?? uid,
        state: row.state,
        part: row.part,
        deadlineText: m.deadlineText,
        deadline: m.deadline,
        extendedDeadline: row.extendedDeadline,
        rejectionPending: row.rejectionPending,
        rejection: row.rejection,
        appliedAt: row.appliedAt,
        closedAt: row.closedAt,
        version: row.version,
        latestStatus,
        evidenceCount: files.get(key) ?? 0,
        warning: warningOf({ deadline: m.deadline, closure, history, today, thresholds }),
      });
    }
  }
  return views;
}

export function ratesOf(plan: Plan, views: readonly PairView[]): ClosureRates {
  return closureRates(
    views.map((v) => ({ measureId: v.measureId, problemId: v.problemId, unitId: v.unitId, state: v.state })),
  );
}

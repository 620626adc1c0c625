// Builds core's Summary and Matrix from stored heads, for one plan. A unit's state for a period is core's
// periodStateOf (core/reports/period-state.ts); only a filed report (on time / late, not returned) is counted in the
// measures, the unit's 行数 and status counts, and the totals.
// Only the plan's responsible units are listed and counted (plus any unit that reported anyway, shown, never counted
// for a measure it is not responsible for).
import { calendarFor } from '../../core/calendar/schedule.ts';
import { responsibleUnitIds } from '../../core/plan/plan-lookup.ts';
import { sumFigures, type MeasureFigures } from '../../core/reports/measure-rollup.ts';
import { isFiled, periodStateOf, type CurrentReport } from '../../core/reports/period-state.ts';
import type { Matrix, Summary, UnitSummary } from '../../core/schemas/api.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Status } from '../../core/schemas/status.ts';
import type { ReportTimeliness } from '../../core/schemas/submission.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import type { UnitPeriodRow } from '../db/summary.ts';
import { NOTHING_CLOSED, type ClosedIn } from './closed-units.ts';

/** A zero for each 完成情况. */
export const zeroStatusCounts = (): Record<Status, number> => ({ done: 0, phased: 0, ongoing: 0, not_started: 0 });

/** A zero for each state a unit can be in for a period (按时/逾期/未报/待报/退回/已销号). */
export const zeroStateCounts = (): Record<ReportTimeliness, number> => ({
  on_time: 0,
  late: 0,
  missing: 0,
  not_due: 0,
  returned: 0,
  closed: 0,
});

/** periodStateOf for one of the plan's periods; `closed`: the unit's every pair was 已销号 by the deadline. */
export function stateIn(
  plan: Plan,
  period: string,
  current: CurrentReport | null | undefined,
  now: Date,
  closed = false,
): ReportTimeliness {
  return periodStateOf({
    cal: calendarFor(plan.schedule),
    period,
    firstPeriod: plan.firstPeriod,
    current,
    now,
    closed,
  });
}

export function buildSummary(
  plan: Plan,
  period: string,
  rows: UnitPeriodRow[],
  now: Date,
  closedIn: ClosedIn = NOTHING_CLOSED,
): Summary {
  const responsible = responsibleUnitIds(plan);
  const listed = rows.filter((u) => responsible.has(u.unitId) || u.reportId !== null);
  const perMeasure = new Map(
    plan.measures.map((m) => [m.id, { units: 0, counts: zeroStatusCounts(), figures: [] as MeasureFigures[] }]),
  );
  const unitSummaries: UnitSummary[] = listed.map((u) => {
    const state = stateIn(
      plan,
      period,
      u.reportId !== null ? { timeliness: u.timeliness!, returned: u.returned! } : null,
      now,
      closedIn(u.unitId, period),
    );
    const filed = isFiled(state);
    const statusCounts = zeroStatusCounts();
    if (filed) {
      const figures = JSON.parse(u.measureFigures ?? '{}') as Record<string, MeasureFigures>;
      for (const [measureId, status] of Object.entries(JSON.parse(u.measureStatuses!) as Record<string, Status>)) {
        statusCounts[status] += 1;
        const measure = plan.measures.find((m) => m.id === measureId);
        // A unit is counted for a measure only when it is responsible for it (an edited plan may have moved it).
        if (!measure || !measure.responsibleUnitIds.includes(u.unitId)) continue;
        const m = perMeasure.get(measureId)!;
        m.units += 1;
        m.counts[status] += 1;
        const f = figures[measureId];
        if (f) m.figures.push(f);
      }
    }
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      kind: u.kind,
      contactName: u.contactName,
      contactPhone: u.contactPhone,
      timeliness: state,
      receivedAt: u.receivedAt,
      firstReceivedAt: u.firstReceivedAt,
      revision: u.revision,
      signer: u.signer,
      rowCount: filed ? (u.rowCount ?? 0) : 0,
      statusCounts,
      warningCount: u.warningCount ?? 0,
      returnedReason: u.returned ? u.returnedReason : null,
    };
  });

  const known = new Set(rows.map((u) => u.unitId));
  const measures = plan.measures.map((m) => ({
    measureId: m.id,
    title: m.title,
    expectedUnits: m.responsibleUnitIds.filter((id) => known.has(id) && !closedIn(id, period)).length,
    reportedUnits: perMeasure.get(m.id)!.units,
    statusCounts: perMeasure.get(m.id)!.counts,
    // 目标值/完成值 summed only within one 计量单位 (core/reports/measure-rollup.ts).
    figures: sumFigures(perMeasure.get(m.id)!.figures),
  }));

  const totals = { units: unitSummaries.length, ...zeroStateCounts(), rows: 0 };
  for (const u of unitSummaries) {
    totals[u.timeliness] += 1;
    totals.rows += u.rowCount;
  }
  return {
    planId: plan.id,
    period,
    deadline: calendarFor(plan.schedule).deadlineOf(period).toISOString(),
    generatedAt: now.toISOString(),
    units: unitSummaries,
    measures,
    totals,
  };
}

export function buildMatrix(
  plan: Plan,
  periods: string[],
  units: Unit[],
  cells: ({ unitId: string; period: string } & CurrentReport)[],
  now: Date,
  closedIn: ClosedIn = NOTHING_CLOSED,
): Matrix {
  const responsible = responsibleUnitIds(plan);
  const at = new Map(cells.map((c) => [`${c.unitId}|${c.period}`, c]));
  const reported = new Set(cells.map((c) => c.unitId));
  return {
    planId: plan.id,
    from: periods[0]!,
    to: periods[periods.length - 1]!,
    periods,
    units: units
      .filter((u) => responsible.has(u.id) || reported.has(u.id))
      .map((u) => ({
        unitId: u.id,
        unitName: u.name,
        cells: periods.map((p) => stateIn(plan, p, at.get(`${u.id}|${p}`), now, closedIn(u.id, p))),
      })),
  };
}

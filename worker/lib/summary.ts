// Builds core's Summary and Matrix from stored heads. Timeliness of a unit for a period:
//   returned  — its current revision was returned (退回) and not yet resubmitted;
//   on_time / late — of its FIRST revision (resubmitting cannot repair lateness);
//   not_due / missing — no report yet, before / after the deadline.
import {
  MEASURES, deadlineOf, timelinessOf, type Matrix, type ReportTimeliness, type Status, type Summary, type UnitSummary,
} from '../../core/index.ts';
import type { PeriodData } from '../db/summary.ts';
import type { UnitRow } from '../db/units.ts';

const zeroCounts = (): Record<Status, number> => ({ done: 0, phased: 0, ongoing: 0, not_started: 0 });

export function cellTimeliness(period: string, head: { timeliness: 'on_time' | 'late'; returned: number } | undefined, now: Date): ReportTimeliness {
  if (!head) return timelinessOf(period, null, now);
  return head.returned ? 'returned' : head.timeliness;
}

export function buildSummary(period: string, units: UnitRow[], data: PeriodData, now: Date): Summary {
  const byUnit = new Map(data.heads.map((h) => [h.unitId, h]));
  const unitSummaries: UnitSummary[] = units.map((u) => {
    const h = byUnit.get(u.id);
    return {
      unitId: u.id,
      unitName: u.name,
      kind: u.kind,
      timeliness: cellTimeliness(period, h, now),
      receivedAt: h?.receivedAt ?? null,
      revision: h?.revision ?? null,
      signer: h?.signer ?? null,
      rowCount: h?.rowCount ?? 0,
      statusCounts: h ? { ...zeroCounts(), ...(JSON.parse(h.statusCounts) as Record<Status, number>) } : zeroCounts(),
      warningCount: h?.warningCount ?? 0,
      returnedReason: h?.returned ? h.returnedReason : null,
    };
  });

  const known = new Set(units.map((u) => u.id));
  const unitsReported = new Map(data.measureUnits.map((m) => [m.measureId, m.units]));
  const statusesOf = new Map<string, Record<Status, number>>();
  for (const s of data.measureStatuses) {
    const counts = statusesOf.get(s.measureId) ?? zeroCounts();
    counts[s.status] += s.rows;
    statusesOf.set(s.measureId, counts);
  }
  const measures = MEASURES.map((m) => ({
    measureId: m.id,
    title: m.title,
    expectedUnits: m.responsibleUnitIds.filter((id) => known.has(id)).length,
    reportedUnits: unitsReported.get(m.id) ?? 0,
    statusCounts: statusesOf.get(m.id) ?? zeroCounts(),
  }));
  // Rows naming a measure outside the catalog are still shown rather than silently dropped.
  for (const [id, counts] of statusesOf) {
    if (!MEASURES.some((m) => m.id === id)) {
      measures.push({ measureId: id, title: id, expectedUnits: 0, reportedUnits: unitsReported.get(id) ?? 0, statusCounts: counts });
    }
  }

  const totals = { units: units.length, on_time: 0, late: 0, missing: 0, not_due: 0, returned: 0, rows: 0 };
  for (const u of unitSummaries) {
    totals[u.timeliness] += 1;
    totals.rows += u.rowCount;
  }
  return {
    period,
    deadline: deadlineOf(period).toISOString(),
    generatedAt: now.toISOString(),
    units: unitSummaries,
    measures,
    totals,
  };
}

export function buildMatrix(
  periods: string[],
  units: UnitRow[],
  cells: { unitId: string; period: string; timeliness: 'on_time' | 'late'; returned: number }[],
  now: Date,
): Matrix {
  const at = new Map(cells.map((c) => [`${c.unitId}|${c.period}`, c]));
  return {
    from: periods[0]!,
    to: periods[periods.length - 1]!,
    periods,
    units: units.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      cells: periods.map((p) => cellTimeliness(p, at.get(`${u.id}|${p}`), now)),
    })),
  };
}

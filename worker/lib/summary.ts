// Builds core's Summary and Matrix from stored heads. Timeliness of a unit for a period:
//   returned  — its current revision was returned (退回) and not yet resubmitted;
//   on_time / late — of its FIRST revision (resubmitting cannot repair lateness);
//   not_due / missing — no report yet, before / after the deadline.
import {
  MEASURES, deadlineOf, measureById, timelinessOf, type Matrix, type ReportTimeliness, type Status, type Summary, type UnitSummary,
} from '../../core/index.ts';
import type { UnitPeriodRow } from '../db/summary.ts';
import type { UnitRow } from '../db/units.ts';

const zeroCounts = (): Record<Status, number> => ({ done: 0, phased: 0, ongoing: 0, not_started: 0 });

export function cellTimeliness(period: string, head: { timeliness: 'on_time' | 'late'; returned: number } | undefined, now: Date): ReportTimeliness {
  if (!head) return timelinessOf(period, null, now);
  return head.returned ? 'returned' : head.timeliness;
}

/**
 * One pass over the units: each reported unit's {measureId: status} gives both its own status counts and its share of
 * the per-measure distribution, so the summary never reads report_rows.
 */
export function buildSummary(period: string, rows: UnitPeriodRow[], now: Date): Summary {
  const perMeasure = new Map<string, { units: number; counts: Record<Status, number> }>();
  const unitSummaries: UnitSummary[] = rows.map((u) => {
    const reported = u.reportId !== null;
    const statusCounts = zeroCounts();
    if (reported) {
      for (const [measureId, status] of Object.entries(JSON.parse(u.measureStatuses!) as Record<string, Status>)) {
        statusCounts[status] += 1;
        let m = perMeasure.get(measureId);
        if (!m) perMeasure.set(measureId, (m = { units: 0, counts: zeroCounts() }));
        m.units += 1;
        m.counts[status] += 1;
      }
    }
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      kind: u.kind,
      timeliness: cellTimeliness(period, reported ? { timeliness: u.timeliness!, returned: u.returned! } : undefined, now),
      receivedAt: u.receivedAt,
      firstReceivedAt: u.firstReceivedAt,
      revision: u.revision,
      signer: u.signer,
      rowCount: u.rowCount ?? 0,
      statusCounts,
      warningCount: u.warningCount ?? 0,
      returnedReason: u.returned ? u.returnedReason : null,
    };
  });

  const known = new Set(rows.map((u) => u.unitId));
  const measures = MEASURES.map((m) => ({
    measureId: m.id,
    title: m.title,
    expectedUnits: m.responsibleUnitIds.filter((id) => known.has(id)).length,
    reportedUnits: perMeasure.get(m.id)?.units ?? 0,
    statusCounts: perMeasure.get(m.id)?.counts ?? zeroCounts(),
  }));
  // Rows naming a measure outside the catalog are still shown rather than silently dropped.
  for (const [id, m] of perMeasure) {
    if (!measureById(id)) measures.push({ measureId: id, title: id, expectedUnits: 0, reportedUnits: m.units, statusCounts: m.counts });
  }

  const totals = { units: rows.length, on_time: 0, late: 0, missing: 0, not_due: 0, returned: 0, rows: 0 };
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

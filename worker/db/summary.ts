// Reads behind /summary and /matrix (the CSV export reads these and db/details.ts). Every query starts from report_heads by its primary key
// (plan_id, period, unit_id), so cost grows with units × requested periods, not with stored history.
import type { FiledTimeliness } from '../../core/schemas/submission.ts';
import type { UnitKind } from '../../core/schemas/unit.ts';

/** The statements, exported so test/worker/query-plans.test.ts can check they use indexes. */
export const SUMMARY_SQL = {
  /** Every unit with its current report for the period, if any: one query, one row per unit. */
  units: `SELECT u.id AS unitId, u.name AS unitName, u.kind, u.contact_name AS contactName, u.contact_phone AS contactPhone,
         h.report_id AS reportId, h.revision, h.timeliness, h.returned, h.first_received_at AS firstReceivedAt,
         r.signer, r.received_at AS receivedAt, r.row_count AS rowCount, r.measure_statuses AS measureStatuses, r.measure_figures AS measureFigures,
         r.warning_count AS warningCount, r.returned_reason AS returnedReason
       FROM units u
       LEFT JOIN report_heads h ON h.plan_id = ? AND h.period = ? AND h.unit_id = u.id
       LEFT JOIN reports r ON r.id = h.report_id
       ORDER BY u.sort, u.id`,
  matrix: `SELECT unit_id AS unitId, period, timeliness, returned FROM report_heads WHERE plan_id = ? AND period BETWEEN ? AND ?`,
} as const;

/** A unit and, when it has reported for the period, its current report's figures (null otherwise). */
export interface UnitPeriodRow {
  unitId: string;
  unitName: string;
  kind: UnitKind;
  contactName: string | null;
  contactPhone: string | null;
  reportId: string | null;
  revision: number | null;
  timeliness: FiledTimeliness | null;
  returned: number | null;
  signer: string | null;
  receivedAt: string | null;
  firstReceivedAt: string | null;
  rowCount: number | null;
  /** JSON {measureId: status}. */
  measureStatuses: string | null;
  /** JSON {measureId: {target?, actual?, fundsPlanned?, fundsPaid?}}: sums over the measure's rows (子项). */
  measureFigures: string | null;
  warningCount: number | null;
  returnedReason: string | null;
}

export async function unitsForPeriod(db: D1Database, planId: string, period: string): Promise<UnitPeriodRow[]> {
  const { results } = await db.prepare(SUMMARY_SQL.units).bind(planId, period).all<UnitPeriodRow>();
  return results;
}

export interface MatrixCellRow {
  unitId: string;
  period: string;
  timeliness: FiledTimeliness;
  returned: number;
}

export async function matrixHeads(db: D1Database, planId: string, from: string, to: string): Promise<MatrixCellRow[]> {
  const { results } = await db.prepare(SUMMARY_SQL.matrix).bind(planId, from, to).all<MatrixCellRow>();
  return results;
}

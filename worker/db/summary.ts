// Reads behind /summary, /matrix and /export.csv. Every query starts from report_heads by its primary key
// (period, unit_id), so cost grows with units × requested periods, not with stored history.
import type { Status } from '../../core/index.ts';

/** The statements, exported so test/worker/query-plans.test.ts can check they use indexes. */
export const SUMMARY_SQL = {
  heads: `SELECT h.unit_id AS unitId, h.report_id AS reportId, h.revision, h.first_received_at AS firstReceivedAt,
         h.timeliness, h.returned, r.signer, r.received_at AS receivedAt, r.row_count AS rowCount,
         r.status_counts AS statusCounts, r.warning_count AS warningCount, r.returned_reason AS returnedReason
       FROM report_heads h JOIN reports r ON r.id = h.report_id WHERE h.period = ?`,
  measureStatuses: `SELECT rr.measure_id AS measureId, rr.status, COUNT(*) AS rows
       FROM report_heads h JOIN report_rows rr ON rr.report_id = h.report_id
       WHERE h.period = ? GROUP BY rr.measure_id, rr.status`,
  measureUnits: `SELECT rr.measure_id AS measureId, COUNT(DISTINCT h.unit_id) AS units
       FROM report_heads h JOIN report_rows rr ON rr.report_id = h.report_id
       WHERE h.period = ? GROUP BY rr.measure_id`,
  matrix: `SELECT unit_id AS unitId, period, timeliness, returned FROM report_heads WHERE period BETWEEN ? AND ?`,
  exportRows: `SELECT h.unit_id AS unitId, h.revision, r.signer, r.received_at AS receivedAt, rr.idx, rr.measure_id AS measureId,
         rr.status, rr.progress, rr.target, rr.actual, rr.rate, rr.funds_planned AS fundsPlanned,
         rr.funds_paid AS fundsPaid, rr.evidence, rr.note
       FROM report_heads h JOIN reports r ON r.id = h.report_id JOIN report_rows rr ON rr.report_id = h.report_id
       WHERE h.period = ? ORDER BY h.unit_id, rr.idx`,
} as const;

export interface HeadRow {
  unitId: string;
  reportId: string;
  revision: number;
  firstReceivedAt: string;
  timeliness: 'on_time' | 'late';
  returned: number;
  signer: string;
  receivedAt: string;
  rowCount: number;
  statusCounts: string;
  warningCount: number;
  returnedReason: string | null;
}

export interface MeasureStatRow {
  measureId: string;
  status: Status;
  rows: number;
}

export interface PeriodData {
  heads: HeadRow[];
  measureStatuses: MeasureStatRow[];
  measureUnits: { measureId: string; units: number }[];
}

export async function periodHeads(db: D1Database, period: string): Promise<PeriodData> {
  const [heads, statuses, units] = await db.batch([
    db.prepare(
      SUMMARY_SQL.heads,
    ).bind(period),
    db.prepare(
      SUMMARY_SQL.measureStatuses,
    ).bind(period),
    db.prepare(
      SUMMARY_SQL.measureUnits,
    ).bind(period),
  ]);
  return {
    heads: heads!.results as HeadRow[],
    measureStatuses: statuses!.results as MeasureStatRow[],
    measureUnits: units!.results as { measureId: string; units: number }[],
  };
}

export interface MatrixCellRow {
  unitId: string;
  period: string;
  timeliness: 'on_time' | 'late';
  returned: number;
}

export async function matrixHeads(db: D1Database, from: string, to: string): Promise<MatrixCellRow[]> {
  const { results } = await db
    .prepare(
      SUMMARY_SQL.matrix,
    )
    .bind(from, to)
    .all<MatrixCellRow>();
  return results;
}

export interface ExportRow {
  unitId: string;
  revision: number;
  signer: string;
  receivedAt: string;
  idx: number;
  measureId: string;
  status: Status;
  progress: string;
  target: number | null;
  actual: number | null;
  rate: number | null;
  fundsPlanned: number | null;
  fundsPaid: number | null;
  evidence: string | null;
  note: string | null;
}

export async function exportRows(db: D1Database, period: string): Promise<ExportRow[]> {
  const { results } = await db
    .prepare(
      SUMMARY_SQL.exportRows,
    )
    .bind(period)
    .all<ExportRow>();
  return results;
}

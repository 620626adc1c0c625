// Reads behind /trends: the current report of every unit in a span of periods, and its funds summed per period. Both
// start from report_heads by its primary key (plan_id, period, …) and join by keys, so cost follows units × periods.
import type { FiledTimeliness } from '../../core/schemas/submission.ts';

/** Exported so test/worker/trends.test.ts can check the plans use indexes. */
export const TRENDS_SQL = {
  heads: `SELECT h.period, h.unit_id AS unitId, h.timeliness, h.returned, r.measure_statuses AS measureStatuses
       FROM report_heads h JOIN reports r ON r.id = h.report_id
       WHERE h.plan_id = ? AND h.period BETWEEN ? AND ?`,
  funds: `SELECT h.period, h.unit_id AS unitId, COALESCE(SUM(rr.funds_planned), 0) AS fundsPlanned, COALESCE(SUM(rr.funds_paid), 0) AS fundsPaid
       FROM report_heads h JOIN report_rows rr ON rr.report_id = h.report_id
       WHERE h.plan_id = ? AND h.period BETWEEN ? AND ?
       GROUP BY h.period, h.unit_id`,
} as const;

export interface TrendHeadRow {
  period: string;
  unitId: string;
  timeliness: FiledTimeliness;
  returned: number;
  /** JSON {measureId: status}. */
  measureStatuses: string;
}

/** One unit's current report's funds for one period (the Worker adds up the filed ones). */
export interface TrendFundsRow {
  period: string;
  unitId: string;
  fundsPlanned: number;
  fundsPaid: number;
}

export async function trendRows(
  db: D1Database,
  planId: string,
  from: string,
  to: string,
): Promise<{ heads: TrendHeadRow[]; funds: TrendFundsRow[] }> {
  const [heads, funds] = await db.batch([
    db.prepare(TRENDS_SQL.heads).bind(planId, from, to),
    db.prepare(TRENDS_SQL.funds).bind(planId, from, to),
  ]);
  return { heads: heads!.results as TrendHeadRow[], funds: funds!.results as TrendFundsRow[] };
}

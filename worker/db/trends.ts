// The read behind /trends: the current report's head of every unit in a span of periods — its timeliness, 退回 flag,
// and the per-measure statuses and figures written beside the pointer (migration 0017), so neither reports nor
// report_rows are read: the funds come from the figures' per-measure sums. It starts from report_heads' primary key
// (plan_id, period, …), so cost follows units × periods.
import type { FiledTimeliness } from '../../core/schemas/submission.ts';

/** Exported so test/worker/trends.test.ts can check the plan uses the index. */
export const TRENDS_SQL = {
  heads: `SELECT h.period, h.unit_id AS unitId, h.timeliness, h.returned, h.measure_statuses AS measureStatuses,
         h.measure_figures AS measureFigures
       FROM report_heads h
       WHERE h.plan_id = ? AND h.period BETWEEN ? AND ?`,
} as const;

export interface TrendHeadRow {
  period: string;
  unitId: string;
  timeliness: FiledTimeliness;
  returned: number;
  /** JSON {measureId: status}. */
  measureStatuses: string;
  /** JSON {measureId: MeasureFigures}: per-measure sums, fundsPlanned / fundsPaid among them (万元). */
  measureFigures: string;
}

export async function trendRows(db: D1Database, planId: string, from: string, to: string): Promise<TrendHeadRow[]> {
  const { results } = await db.prepare(TRENDS_SQL.heads).bind(planId, from, to).all<TrendHeadRow>();
  return results;
}

// What a (measure, unit) pair's view reads besides its 销号 state: the recent report heads (statuses and figures)
// and the pair's evidence files — the inputs of its 预警 schedule and of the 销号台账's evidence count.

/** Of `ids`, those that are this unit's files under this plan. */
export async function ownEvidenceIds(
  db: D1Database,
  planId: string,
  unitId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const marks = ids.map((_, i) => `?${i + 3}`).join(', ');
  const rows = await db
    .prepare(`SELECT id FROM evidence_files WHERE plan_id = ?1 AND unit_id = ?2 AND id IN (${marks})`)
    .bind(planId, unitId, ...ids)
    .all<{ id: string }>();
  return new Set(rows.results.map((r) => r.id));
}

export interface ProgressHead {
  unitId: string;
  period: string;
  /** JSON {measureId: status}. */
  measureStatuses: string;
  /** JSON {measureId: {target?, actual?, fundsPlanned?, fundsPaid?}}. */
  measureFigures: string;
}

/** The current, not returned, reports of the periods from..to (one unit's or all): units × periods rows of report_heads
 * alone (its copy of the statuses and figures, migration 0017), never the history's report rows. */
export async function progressHeads(
  db: D1Database,
  planId: string,
  from: string,
  to: string,
  unitId?: string,
): Promise<ProgressHead[]> {
  const sql = `SELECT unit_id AS unitId, period, measure_statuses AS measureStatuses, measure_figures AS measureFigures
    FROM report_heads WHERE plan_id = ?1 AND period BETWEEN ?2 AND ?3 AND returned = 0 ${unitId ? 'AND unit_id = ?4' : ''}`;
  const stmt = unitId ? db.prepare(sql).bind(planId, from, to, unitId) : db.prepare(sql).bind(planId, from, to);
  return (await stmt.all<ProgressHead>()).results;
}

/** How many evidence files each (unit, measure) has under the plan (optionally only these units'). */
export async function evidenceCounts(
  db: D1Database,
  planId: string,
  unitIds?: readonly string[],
): Promise<Map<string, number>> {
  const sql = `SELECT unit_id AS unitId, measure_id AS measureId, COUNT(*) AS n FROM evidence_files
    WHERE plan_id = ?1 ${unitIds ? 'AND unit_id IN (SELECT value FROM json_each(?2))' : ''} GROUP BY unit_id, measure_id`;
  const stmt = unitIds ? db.prepare(sql).bind(planId, JSON.stringify(unitIds)) : db.prepare(sql).bind(planId);
  const rows = (await stmt.all<{ unitId: string; measureId: string; n: number }>()).results;
  return new Map(rows.map((r) => [`${r.measureId}|${r.unitId}`, r.n]));
}

// 退回 (sending a report back) and 撤销退回 (withdrawing that): guarded updates of the current revision.

export type ReturnOutcome = 'returned' | 'not_found' | 'not_current' | 'already_returned';

/** Why a guarded 退回 / 撤销退回 update changed nothing: no such report, not the current revision, or its state. */
async function whyUnchanged(db: D1Database, id: string): Promise<'not_found' | 'not_current' | 'other'> {
  const r = await db
    .prepare(
      `SELECT (h.report_id IS NOT NULL) AS isCurrent FROM reports r
      LEFT JOIN report_heads h ON h.plan_id = r.plan_id AND h.period = r.period AND h.unit_id = r.unit_id AND h.report_id = r.id WHERE r.id = ?`,
    )
    .bind(id)
    .first<{ isCurrent: number }>();
  if (!r) return 'not_found';
  return r.isCurrent === 1 ? 'other' : 'not_current';
}

/** 退回: marks the current revision returned (and its head), in one batch. Earlier revisions cannot be returned. */
export async function returnReport(
  db: D1Database,
  id: string,
  reason: string,
  at: string,
  byTokenId: string,
): Promise<ReturnOutcome> {
  const [upd] = await db.batch([
    db
      .prepare(
        `UPDATE reports SET returned_reason = ?, returned_at = ?, returned_by = ?
       WHERE id = ? AND returned_at IS NULL
         AND id = (SELECT report_id FROM report_heads h WHERE h.plan_id = reports.plan_id AND h.period = reports.period AND h.unit_id = reports.unit_id)`,
      )
      .bind(reason, at, byTokenId, id),
    db
      .prepare(
        `UPDATE report_heads SET returned = 1 WHERE report_id = ?1
      AND (plan_id, period, unit_id) = (SELECT plan_id, period, unit_id FROM reports WHERE id = ?1)`,
      )
      .bind(id),
  ]);
  if (upd!.meta.changes > 0) return 'returned';
  const why = await whyUnchanged(db, id);
  return why === 'other' ? 'already_returned' : why;
}

export type UnreturnOutcome = 'unreturned' | 'not_found' | 'not_current' | 'not_returned';

/**
 * Withdraws a 退回: only while the returned revision is still the current one (once the unit files again the
 * return has done its work and stays on record). One batch, guarded like returnReport.
 */
export async function unreturnReport(db: D1Database, id: string): Promise<UnreturnOutcome> {
  const [upd] = await db.batch([
    db
      .prepare(
        `UPDATE reports SET returned_reason = NULL, returned_at = NULL, returned_by = NULL
       WHERE id = ? AND returned_at IS NOT NULL
         AND id = (SELECT report_id FROM report_heads h WHERE h.plan_id = reports.plan_id AND h.period = reports.period AND h.unit_id = reports.unit_id)`,
      )
      .bind(id),
    db
      .prepare(
        `UPDATE report_heads SET returned = 0 WHERE report_id = ?1
      AND (plan_id, period, unit_id) = (SELECT plan_id, period, unit_id FROM reports WHERE id = ?1)`,
      )
      .bind(id),
  ]);
  if (upd!.meta.changes > 0) return 'unreturned';
  const why = await whyUnchanged(db, id);
  return why === 'other' ? 'not_returned' : why;
}

// 退回 (sending a report back) and 撤销退回 (withdrawing that): guarded updates of the current revision.
import { bumpWarningSourceOfReport } from '../warning-sources.ts';

export type ReturnOutcome = 'returned' | 'not_found' | 'not_current' | 'already_returned';
export type UnreturnOutcome = 'unreturned' | 'not_found' | 'not_current' | 'not_returned';

interface ReturnMark {
  reason: string;
  at: string;
  byTokenId: string;
}

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

/**
 * Sets the 退回 (`mark`) or clears it (`null`) on the current revision and its head, in one batch (which also makes
 * the unit's stored 预警 schedules stale). Only the current revision changes, and only from the other state; 'other'
 * says it was already in the asked-for state.
 */
async function setReturn(
  db: D1Database,
  id: string,
  mark: ReturnMark | null,
): Promise<'changed' | 'not_found' | 'not_current' | 'other'> {
  const [upd] = await db.batch([
    db
      .prepare(
        `UPDATE reports SET returned_reason = ?1, returned_at = ?2, returned_by = ?3
       WHERE id = ?4 AND returned_at IS ${mark ? '' : 'NOT '}NULL
         AND id = (SELECT report_id FROM report_heads h WHERE h.plan_id = reports.plan_id AND h.period = reports.period AND h.unit_id = reports.unit_id)`,
      )
      .bind(mark?.reason ?? null, mark?.at ?? null, mark?.byTokenId ?? null, id),
    db
      .prepare(
        `UPDATE report_heads SET returned = ?2 WHERE report_id = ?1
      AND (plan_id, period, unit_id) = (SELECT plan_id, period, unit_id FROM reports WHERE id = ?1)`,
      )
      .bind(id, mark ? 1 : 0),
    bumpWarningSourceOfReport(db, id),
  ]);
  return upd!.meta.changes > 0 ? 'changed' : whyUnchanged(db, id);
}

/** 退回: marks the current revision returned (and its head). Earlier revisions cannot be returned. */
export async function returnReport(
  db: D1Database,
  id: string,
  reason: string,
  at: string,
  byTokenId: string,
): Promise<ReturnOutcome> {
  const r = await setReturn(db, id, { reason, at, byTokenId });
  return r === 'changed' ? 'returned' : r === 'other' ? 'already_returned' : r;
}

/**
 * Withdraws a 退回: only while the returned revision is still the current one (once the unit files again the
 * return has done its work and stays on record).
 */
export async function unreturnReport(db: D1Database, id: string): Promise<UnreturnOutcome> {
  const r = await setReturn(db, id, null);
  return r === 'changed' ? 'unreturned' : r === 'other' ? 'not_returned' : r;
}

// The current revision of each period of one unit under one plan, with who returned it (the token's label).
import type { HeadFact } from '../../core/reports/unit-status.ts';

/** A head as queried: HeadFact with its 退回 in three nullable columns. */
type HeadRow = Omit<HeadFact, 'returned'> & {
  reason: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
};

export async function unitHeads(
  db: D1Database,
  planId: string,
  unitId: string,
  from: string,
  to: string,
): Promise<HeadFact[]> {
  const { results } = await db
    .prepare(
      `SELECT h.period, h.report_id AS reportId, h.revision, r.received_at AS receivedAt, r.signer, h.timeliness,
         r.returned_reason AS reason, r.returned_at AS returnedAt, t.label AS returnedBy
       FROM report_heads h JOIN reports r ON r.id = h.report_id LEFT JOIN tokens t ON t.id = r.returned_by
       WHERE h.plan_id = ? AND h.unit_id = ? AND h.period >= ? AND h.period <= ?`,
    )
    .bind(planId, unitId, from, to)
    .all<HeadRow>();
  return results.map(({ reason, returnedAt, returnedBy, ...head }) => ({
    ...head,
    returned: returnedAt ? { reason: reason ?? '', at: returnedAt, by: returnedBy ?? '乡村振兴办' } : null,
  }));
}

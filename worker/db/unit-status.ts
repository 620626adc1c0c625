// The current revision of each period of one unit under one plan, with who returned it (the token's label).
import type { HeadFact } from '../../core/reports/unit-status.ts';
import type { FiledTimeliness } from '../../core/schemas/submission.ts';

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
    .all<{
      period: string;
      reportId: string;
      revision: number;
      receivedAt: string;
      signer: string;
      timeliness: FiledTimeliness;
      reason: string | null;
      returnedAt: string | null;
      returnedBy: string | null;
    }>();
  return results.map((r) => ({
    period: r.period,
    reportId: r.reportId,
    revision: r.revision,
    receivedAt: r.receivedAt,
    signer: r.signer,
    timeliness: r.timeliness,
    returned: r.returnedAt ? { reason: r.reason ?? '', at: r.returnedAt, by: r.returnedBy ?? '乡村振兴办' } : null,
  }));
}

// The receipt (回执) of a stored report, read the same way after the insert (RETURNING) and on a replay (by the
// Idempotency-Key): one column list, one mapping.
import { calendarFor } from '../../../core/calendar/schedule.ts';
import type { FiledTimeliness, Receipt } from '../../../core/schemas/submission.ts';

/** Columns of `reports` a receipt is made of, usable in a SELECT on reports and in the insert's RETURNING. */
export const RECEIPT_COLUMNS = `id AS reportId, plan_id AS planId, unit_id AS unitId, period, revision,
  received_at AS receivedAt, timeliness, warning_count AS warnings,
  (SELECT schedule FROM plans WHERE plans.id = reports.plan_id) AS schedule`;

export interface ReceiptRow {
  reportId: string;
  planId: string;
  unitId: string;
  period: string;
  revision: number;
  receivedAt: string;
  timeliness: FiledTimeliness;
  warnings: number;
  /** The plan's schedule (JSON): the deadline is the period's under it. */
  schedule: string;
}

export function toReceipt({ schedule, ...r }: ReceiptRow): Receipt {
  return { ...r, deadline: calendarFor(JSON.parse(schedule)).deadlineOf(r.period).toISOString() };
}

export interface StoredSubmission {
  receipt: Receipt;
  bodyHash: string;
  /** Set once the supervisor has sent this report back (退回). */
  returned: { reason: string; at: string } | null;
}

/** The stored receipt for (unit, Idempotency-Key), with the body hash to tell a replay from a conflict. */
export async function findByIdempotencyKey(
  db: D1Database,
  unitId: string,
  key: string,
): Promise<StoredSubmission | null> {
  const r = await db
    .prepare(
      `SELECT ${RECEIPT_COLUMNS}, body_hash AS bodyHash, returned_reason AS returnedReason, returned_at AS returnedAt
      FROM reports WHERE unit_id = ? AND idempotency_key = ?`,
    )
    .bind(unitId, key)
    .first<ReceiptRow & { bodyHash: string; returnedReason: string | null; returnedAt: string | null }>();
  if (!r) return null;
  const { bodyHash, returnedReason, returnedAt, ...receipt } = r;
  return {
    receipt: toReceipt(receipt),
    bodyHash,
    returned: returnedAt ? { reason: returnedReason ?? '', at: returnedAt } : null,
  };
}

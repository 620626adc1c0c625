// Missing flags and reminder deliveries written by the scheduled job. Both are keyed so re-running is a no-op.

export interface PendingUnit {
  id: string;
  name: string;
  kind: 'village' | 'office';
  contactName: string | null;
  contactPhone: string | null;
}

const UNIT_COLUMNS = 'u.id, u.name, u.kind, u.contact_name AS contactName, u.contact_phone AS contactPhone';

export const UNITS_WITHOUT_REPORT_SQL = `SELECT ${UNIT_COLUMNS} FROM units u
       LEFT JOIN report_heads h ON h.plan_id = ? AND h.period = ? AND h.unit_id = u.id AND h.first_received_at < ?
       WHERE h.unit_id IS NULL AND u.active = 1 ORDER BY u.sort, u.id`;

/** Reminders also name units whose current report was returned (退回) and still awaits a corrected revision. */
export const UNITS_TO_REMIND_SQL = `SELECT ${UNIT_COLUMNS} FROM units u
       LEFT JOIN report_heads h ON h.plan_id = ? AND h.period = ? AND h.unit_id = u.id AND h.first_received_at < ? AND h.returned = 0
       WHERE h.unit_id IS NULL AND u.active = 1 ORDER BY u.sort, u.id`;

/**
 * Units with no report received before `beforeIso` (a deadline, or "now" for reminders). The SQL is core's
 * periodStateOf in set form — missing flags: the state at the deadline was 未报; reminders: not filed now —
 * test/worker/missing-units-rule.test.ts proves both agree for every kind of report. Missing flags record what
 * arrived by the deadline, so a report returned afterwards does not turn into "missing"; a reminder (`remind`) is
 * about what is still owed, so it includes returned reports.
 */
export async function unitsWithoutReport(
  db: D1Database,
  planId: string,
  responsible: ReadonlySet<string>,
  period: string,
  beforeIso: string,
  remind = false,
): Promise<PendingUnit[]> {
  const { results } = await db
    .prepare(remind ? UNITS_TO_REMIND_SQL : UNITS_WITHOUT_REPORT_SQL)
    .bind(planId, period, beforeIso)
    .all<PendingUnit>();
  return results.filter((u) => responsible.has(u.id));
}

/** INSERT OR IGNORE, chunked under D1's 100 bound parameters; returns how many flags are new. */
export async function flagMissing(
  db: D1Database,
  planId: string,
  period: string,
  unitIds: string[],
  at: string,
): Promise<number> {
  if (!unitIds.length) return 0;
  const perStatement = 25;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < unitIds.length; i += perStatement) {
    const chunk = unitIds.slice(i, i + perStatement);
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO missing_flags (plan_id, period, unit_id, flagged_at) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
        )
        .bind(...chunk.flatMap((id) => [planId, period, id, at])),
    );
  }
  const results = await db.batch(statements);
  return results.reduce((n, r) => n + r.meta.changes, 0);
}

export async function listMissingFlags(
  db: D1Database,
  planId: string,
  period: string,
): Promise<{ unitId: string; flaggedAt: string }[]> {
  const { results } = await db
    .prepare(
      'SELECT unit_id AS unitId, flagged_at AS flaggedAt FROM missing_flags WHERE plan_id = ? AND period = ? ORDER BY unit_id',
    )
    .bind(planId, period)
    .all<{ unitId: string; flaggedAt: string }>();
  return results;
}

export type DeliveryKind = 'reminder' | 'missing';

/** A failed delivery is tried again at the next hourly runs, at most this many attempts in all. */
export const MAX_DELIVERY_ATTEMPTS = 4;

/**
 * Claims the one delivery of (period, kind) to a channel (a webhook's name). True when this run should send: no
 * claim existed; or the previous attempt failed, or was left 'sending' since before `staleBefore` (the Worker stopped
 * mid-delivery, long past the webhook timeout), and fewer than MAX_DELIVERY_ATTEMPTS were made. The same record is
 * claimed again, its attempts counted.
 */
export async function claimDelivery(
  db: D1Database,
  planId: string,
  period: string,
  kind: DeliveryKind,
  unitCount: number,
  at: string,
  channel = 'default',
  staleBefore = at,
): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO reminder_deliveries (plan_id, period, kind, channel, created_at, claimed_at, status, unit_count) VALUES (?1, ?2, ?3, ?4, ?5, ?5, 'sending', ?6)
       ON CONFLICT (plan_id, period, kind, channel) DO UPDATE SET status = 'sending', attempts = attempts + 1, unit_count = excluded.unit_count,
         claimed_at = excluded.claimed_at
       WHERE reminder_deliveries.attempts < ?7 AND (reminder_deliveries.status = 'failed'
         OR (reminder_deliveries.status = 'sending' AND COALESCE(reminder_deliveries.claimed_at, reminder_deliveries.created_at) < ?8))
       RETURNING attempts`,
    )
    .bind(planId, period, kind, channel, at, unitCount, MAX_DELIVERY_ATTEMPTS, staleBefore)
    .first<{ attempts: number }>();
  return row !== null;
}

export async function finishDelivery(
  db: D1Database,
  planId: string,
  period: string,
  kind: DeliveryKind,
  status: 'sent' | 'failed' | 'skipped',
  responseStatus: number | null,
  detail: string | null,
  channel = 'default',
): Promise<void> {
  await db
    .prepare(
      'UPDATE reminder_deliveries SET status = ?, response_status = ?, detail = ? WHERE plan_id = ? AND period = ? AND kind = ? AND channel = ?',
    )
    .bind(status, responseStatus, detail, planId, period, kind, channel)
    .run();
}

/**
 * How many of the plan's periods in [from, to] each unit has no report for at all (a late report counts as
 * reported): "behind by N periods" in the missing list. Period ids sort as text.
 */
export async function periodsReported(
  db: D1Database,
  planId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(
      'SELECT unit_id AS unitId, COUNT(*) AS n FROM report_heads WHERE plan_id = ? AND period >= ? AND period <= ? GROUP BY unit_id',
    )
    .bind(planId, from, to)
    .all<{ unitId: string; n: number }>();
  return new Map(results.map((r) => [r.unitId, r.n]));
}

export interface DeliveryRow {
  period: string;
  channel: string;
  kind: DeliveryKind;
  status: string;
  unitCount: number;
  attempts: number;
  responseStatus: number | null;
}

export async function listDeliveries(db: D1Database, planId: string, period: string): Promise<DeliveryRow[]> {
  const { results } = await db
    .prepare(
      `SELECT period, channel, kind, status, unit_count AS unitCount, attempts, response_status AS responseStatus
      FROM reminder_deliveries WHERE plan_id = ? AND period = ? ORDER BY kind, channel`,
    )
    .bind(planId, period)
    .all<DeliveryRow>();
  return results;
}

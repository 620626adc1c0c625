// Reports and their rows. A submission is written with ONE db.batch (a D1 transaction): the report, its rows and
// the report_heads pointer land together or not at all. Nothing here updates or deletes a report's content.
import { calendarFor, LIMITS, measureFigures, measureStatuses, type ApiIssue, type Receipt, type ReportDetail, type ReportHeader, type Status, type Submission, type SubmissionRow } from '../../core/index.ts';
import { reportEvidenceStatement, reportEvidenceStatements, toRowEvidence, withEvidence } from './evidence.ts';

/**
 * Which token the insert must find valid (role unit, this unit, not revoked) in the same statement: by its hash
 * for `<unit id>.rt_…` tokens (no lookup before), by its id when the request was authenticated by a lookup.
 */
export type TokenGuard = { hash: string } | { id: string };

export interface NewReport {
  id: string;
  planId: string;
  /** The plan version the submission was judged against, and whether it was chosen as the only active plan. */
  planVersion: number;
  soleActive: boolean;
  /** The period's deadline under the plan's schedule, for the receipt. */
  deadline: Date;
  unitId: string;
  token: TokenGuard;
  idempotencyKey: string;
  bodyHash: string;
  receivedAt: string;
  /** This revision's arrival vs the deadline. */
  timeliness: 'on_time' | 'late';
  submission: Submission;
  warnings: ApiIssue[];
}

const ROW_COLUMNS = ['report_id', 'idx', 'measure_id', 'item', 'status', 'progress', 'target', 'actual', 'unit_of_measure', 'rate', 'funds_planned', 'funds_paid', 'evidence', 'note'];
/** D1 allows 100 bound parameters per statement; one is the report id of the EXISTS guard. */
const ROWS_PER_STATEMENT = Math.floor(99 / ROW_COLUMNS.length);

function rowParams(reportId: string, idx: number, r: SubmissionRow): (string | number | null)[] {
  return [reportId, idx, r.measureId, r.item ?? null, r.status, r.progress, r.target ?? null, r.actual ?? null, r.unitOfMeasure ?? null, r.rate ?? null,
    r.fundsPlanned ?? null, r.fundsPaid ?? null, r.evidence ?? null, r.note ?? null];
}

// measureStatuses / measureFigures (core/reports/measure-rollup.ts) are stored with the report for the summary.
export { measureStatuses };

/**
 * Statements for one submission, sent as ONE batch (one D1 round trip, one transaction). The report row is inserted
 * only when the token is valid for the unit and the period holds fewer than LIMITS.revisionsPerPeriod revisions;
 * the rows and the current-revision pointer are inserted only when that report row exists, so a refused
 * submission writes nothing. Exported so tests can prove the batch is all-or-nothing.
 */
export function reportStatements(db: D1Database, n: NewReport): D1PreparedStatement[] {
  const s = n.submission;
  const [tokenColumn, tokenValue] = 'hash' in n.token ? ['hash', n.token.hash] : ['id', n.token.id];
  const head = db
    .prepare(
      `INSERT INTO reports (id, plan_id, unit_id, period, revision, signer, received_at, timeliness, effective_timeliness,
         idempotency_key, body_hash, token_id, row_count, measure_statuses, warning_count, warnings, measure_figures)
       SELECT ?1, ?15, ?2, ?3, (SELECT COALESCE(MAX(revision), 0) + 1 FROM reports WHERE plan_id = ?15 AND unit_id = ?2 AND period = ?3),
         ?4, ?5, ?6, COALESCE((SELECT timeliness FROM report_heads WHERE plan_id = ?15 AND period = ?3 AND unit_id = ?2), ?6),
         ?7, ?8, t.id, ?9, ?10, ?11, ?12, ?18
       FROM tokens t
       WHERE t.${tokenColumn} = ?13 AND t.role = 'unit' AND t.unit_id = ?2 AND t.revoked_at IS NULL
         AND EXISTS (SELECT 1 FROM units WHERE id = ?2 AND active = 1)
         AND (SELECT COUNT(*) FROM reports WHERE plan_id = ?15 AND unit_id = ?2 AND period = ?3) < ?14
         AND EXISTS (SELECT 1 FROM plans WHERE id = ?15 AND status = 'active' AND version = ?16)
         AND (?17 = 0 OR (SELECT COUNT(*) FROM plans WHERE status = 'active') = 1)
       RETURNING revision, effective_timeliness AS effectiveTimeliness`,
    )
    .bind(n.id, n.unitId, s.period, s.signer, n.receivedAt, n.timeliness, n.idempotencyKey, n.bodyHash,
      s.rows.length, JSON.stringify(measureStatuses(s.rows)), n.warnings.length, JSON.stringify(n.warnings),
      tokenValue, LIMITS.revisionsPerPeriod, n.planId, n.planVersion, n.soleActive ? 1 : 0, JSON.stringify(measureFigures(s.rows)));
  const rows: D1PreparedStatement[] = [];
  for (let i = 0; i < s.rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = s.rows.slice(i, i + ROWS_PER_STATEMENT);
    const placeholders = chunk.map(() => `(${ROW_COLUMNS.map(() => '?').join(', ')})`).join(', ');
    rows.push(
      db.prepare(`INSERT INTO report_rows (${ROW_COLUMNS.join(', ')}) SELECT * FROM (VALUES ${placeholders})
          WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?)`)
        .bind(...chunk.flatMap((r, j) => rowParams(n.id, i + j, r)), n.id),
    );
  }
  // First revision creates the pointer with its timeliness; later ones only move it and clear 退回.
  const pointer = db
    .prepare(
      `INSERT INTO report_heads (plan_id, period, unit_id, report_id, revision, first_received_at, timeliness, returned)
       SELECT plan_id, period, unit_id, id, revision, received_at, timeliness, 0 FROM reports WHERE id = ?
       ON CONFLICT (plan_id, period, unit_id) DO UPDATE SET report_id = excluded.report_id, revision = excluded.revision, returned = 0`,
    )
    .bind(n.id);
  return [head, ...rows, ...reportEvidenceStatements(db, n.id, s.rows), pointer];
}

/** Why a submission's batch stored nothing. */
export type Refusal =
  | { refused: 'invalid_token' }
  | { refused: 'token_revoked'; at: string }
  | { refused: 'unit_inactive' }
  /** The plan changed (edited, closed, another activated) since the submission was judged: judge it again. */
  | { refused: 'plan_changed' }
  | { refused: 'revision_limit' };

/** Stores one submission in one round trip; a refusal costs a second query, to say why. */
export async function insertReport(db: D1Database, n: NewReport): Promise<Receipt | Refusal> {
  const [first] = await db.batch<{ revision: number; effectiveTimeliness: 'on_time' | 'late' }>(reportStatements(db, n));
  const stored = first!.results[0];
  if (!stored) return refusalOf(db, n);
  return {
    reportId: n.id,
    planId: n.planId,
    unitId: n.unitId,
    period: n.submission.period,
    revision: stored.revision,
    receivedAt: n.receivedAt,
    deadline: n.deadline.toISOString(),
    timeliness: stored.effectiveTimeliness,
    warnings: n.warnings.length,
  };
}

async function refusalOf(db: D1Database, n: NewReport): Promise<Refusal> {
  const [column, value] = 'hash' in n.token ? ['hash', n.token.hash] : ['id', n.token.id];
  const t = await db
    .prepare(`SELECT revoked_at AS revokedAt FROM tokens WHERE ${column} = ? AND role = 'unit' AND unit_id = ?`)
    .bind(value, n.unitId)
    .first<{ revokedAt: string | null }>();
  if (!t) return { refused: 'invalid_token' };
  if (t.revokedAt) return { refused: 'token_revoked', at: t.revokedAt };
  const u = await db.prepare('SELECT active FROM units WHERE id = ?').bind(n.unitId).first<{ active: number }>();
  if (u?.active !== 1) return { refused: 'unit_inactive' };
  const p = await db
    .prepare(`SELECT (SELECT version FROM plans WHERE id = ?1 AND status = 'active') AS version,
      (SELECT COUNT(*) FROM plans WHERE status = 'active') AS active`)
    .bind(n.planId)
    .first<{ version: number | null; active: number }>();
  if (p?.version !== n.planVersion || (n.soleActive && p.active !== 1)) return { refused: 'plan_changed' };
  return { refused: 'revision_limit' };
}

export interface StoredSubmission {
  receipt: Receipt;
  bodyHash: string;
  /** Set once the supervisor has sent this report back (退回). */
  returned: { reason: string; at: string } | null;
}

/** The stored receipt for (unit, Idempotency-Key), with the body hash to tell a replay from a conflict. */
export async function findByIdempotencyKey(db: D1Database, unitId: string, key: string): Promise<StoredSubmission | null> {
  const r = await db
    .prepare(
      `SELECT r.id, r.plan_id, p.schedule, r.unit_id, r.period, r.revision, r.received_at, r.effective_timeliness,
         r.warning_count, r.body_hash, r.returned_reason, r.returned_at
       FROM reports r JOIN plans p ON p.id = r.plan_id WHERE r.unit_id = ? AND r.idempotency_key = ?`,
    )
    .bind(unitId, key)
    .first<{ id: string; plan_id: string; schedule: string; unit_id: string; period: string; revision: number; received_at: string; effective_timeliness: 'on_time' | 'late'; warning_count: number; body_hash: string; returned_reason: string | null; returned_at: string | null }>();
  if (!r) return null;
  const deadline = calendarFor(JSON.parse(r.schedule)).deadlineOf(r.period);
  return {
    bodyHash: r.body_hash,
    returned: r.returned_at ? { reason: r.returned_reason ?? '', at: r.returned_at } : null,
    receipt: {
      reportId: r.id, planId: r.plan_id, unitId: r.unit_id, period: r.period, revision: r.revision, receivedAt: r.received_at,
      deadline: deadline.toISOString(), timeliness: r.effective_timeliness, warnings: r.warning_count,
    },
  };
}

const HEADER_SELECT = `SELECT r.id AS reportId, r.plan_id AS planId, r.unit_id AS unitId, u.name AS unitName, r.period, r.revision, r.signer,
  r.received_at AS receivedAt, r.effective_timeliness AS timeliness, r.row_count AS rowCount,
  r.warning_count AS warningCount, r.returned_reason AS returnedReason, r.returned_at AS returnedAt,
  (h.report_id IS NOT NULL) AS isCurrent, r.warnings AS warningsJson
  FROM reports r JOIN units u ON u.id = r.unit_id
  LEFT JOIN report_heads h ON h.plan_id = r.plan_id AND h.period = r.period AND h.unit_id = r.unit_id AND h.report_id = r.id`;

interface HeaderRow {
  reportId: string; planId: string; unitId: string; unitName: string; period: string; revision: number; signer: string;
  receivedAt: string; timeliness: 'on_time' | 'late'; rowCount: number; warningCount: number;
  returnedReason: string | null; returnedAt: string | null; isCurrent: number; warningsJson: string;
}

function toHeader(r: HeaderRow): ReportHeader {
  return {
    reportId: r.reportId, planId: r.planId, unitId: r.unitId, unitName: r.unitName, period: r.period, revision: r.revision,
    signer: r.signer, receivedAt: r.receivedAt, timeliness: r.timeliness, rowCount: r.rowCount,
    warningCount: r.warningCount,
    returned: r.returnedAt ? { reason: r.returnedReason ?? '', at: r.returnedAt } : null,
    current: r.isCurrent === 1,
  };
}

export interface ReportFilter {
  planId: string;
  unitId?: string;
  period?: string;
  /** All revisions instead of only the current one per unit × period. */
  history: boolean;
  limit?: number;
}

/** Most headers one listing returns. */
export const LIST_LIMIT = 1000;

/** Headers, newest period first; `truncated` says the limit cut the list (one extra row is read to know). */
export async function listReportHeaders(db: D1Database, f: ReportFilter): Promise<{ reports: ReportHeader[]; truncated: boolean }> {
  const where: string[] = ['r.plan_id = ?'];
  const params: (string | number)[] = [f.planId];
  if (f.unitId) (where.push('r.unit_id = ?'), params.push(f.unitId));
  if (f.period) (where.push('r.period = ?'), params.push(f.period));
  if (!f.history) where.push('h.report_id IS NOT NULL');
  const sql = `${HEADER_SELECT} WHERE ${where.join(' AND ')}
    ORDER BY r.period DESC, u.sort, r.revision DESC LIMIT ?`;
  const limit = Math.min(f.limit ?? LIST_LIMIT, LIST_LIMIT);
  const { results } = await db.prepare(sql).bind(...params, limit + 1).all<HeaderRow>();
  return { reports: results.slice(0, limit).map(toHeader), truncated: results.length > limit };
}

export async function getReportDetail(db: D1Database, id: string): Promise<ReportDetail | null> {
  const [head, rows, evidence] = await db.batch([
    db.prepare(`${HEADER_SELECT} WHERE r.id = ?`).bind(id),
    db.prepare(
      `SELECT measure_id AS measureId, item, status, progress, target, actual, unit_of_measure AS unitOfMeasure, rate, funds_planned AS fundsPlanned,
         funds_paid AS fundsPaid, evidence, note FROM report_rows WHERE report_id = ? ORDER BY idx`,
    ).bind(id),
    reportEvidenceStatement(db, id),
  ]);
  const h = head!.results[0] as HeaderRow | undefined;
  if (!h) return null;
  const detailRows = (rows!.results as Record<string, unknown>[]).map(
    (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as SubmissionRow,
  );
  const attached = withEvidence(detailRows, toRowEvidence(evidence!.results));
  return { ...toHeader(h), rows: attached.rows, warnings: JSON.parse(h.warningsJson) as ApiIssue[], ...(attached.files.length ? { evidence: attached.files } : {}) };
}

export type ReturnOutcome = 'returned' | 'not_found' | 'not_current' | 'already_returned';

/** Why a guarded 退回 / 撤销退回 update changed nothing: no such report, not the current revision, or its state. */
async function whyUnchanged(db: D1Database, id: string): Promise<'not_found' | 'not_current' | 'other'> {
  const r = await db
    .prepare(`SELECT (h.report_id IS NOT NULL) AS isCurrent FROM reports r
      LEFT JOIN report_heads h ON h.plan_id = r.plan_id AND h.period = r.period AND h.unit_id = r.unit_id AND h.report_id = r.id WHERE r.id = ?`)
    .bind(id)
    .first<{ isCurrent: number }>();
  if (!r) return 'not_found';
  return r.isCurrent === 1 ? 'other' : 'not_current';
}

/** 退回: marks the current revision returned (and its head), in one batch. Earlier revisions cannot be returned. */
export async function returnReport(db: D1Database, id: string, reason: string, at: string, byTokenId: string): Promise<ReturnOutcome> {
  const [upd] = await db.batch([
    db.prepare(
      `UPDATE reports SET returned_reason = ?, returned_at = ?, returned_by = ?
       WHERE id = ? AND returned_at IS NULL
         AND id = (SELECT report_id FROM report_heads h WHERE h.plan_id = reports.plan_id AND h.period = reports.period AND h.unit_id = reports.unit_id)`,
    ).bind(reason, at, byTokenId, id),
    db.prepare(`UPDATE report_heads SET returned = 1 WHERE report_id = ?1
      AND (plan_id, period, unit_id) = (SELECT plan_id, period, unit_id FROM reports WHERE id = ?1)`).bind(id),
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
    db.prepare(
      `UPDATE reports SET returned_reason = NULL, returned_at = NULL, returned_by = NULL
       WHERE id = ? AND returned_at IS NOT NULL
         AND id = (SELECT report_id FROM report_heads h WHERE h.plan_id = reports.plan_id AND h.period = reports.period AND h.unit_id = reports.unit_id)`,
    ).bind(id),
    db.prepare(`UPDATE report_heads SET returned = 0 WHERE report_id = ?1
      AND (plan_id, period, unit_id) = (SELECT plan_id, period, unit_id FROM reports WHERE id = ?1)`).bind(id),
  ]);
  if (upd!.meta.changes > 0) return 'unreturned';
  const why = await whyUnchanged(db, id);
  return why === 'other' ? 'not_returned' : why;
}

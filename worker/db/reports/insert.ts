// Storing one submission (报送) with ONE db.batch (a D1 transaction): the report, its rows and the report_heads
// pointer land together or not at all. Nothing here updates or deletes a report's content.
// One file past ~200 lines on purpose: the guarded INSERT and the query that says why it inserted nothing share
// one WHERE clause, so they stay side by side.
import { measureFigures, measureStatuses } from '../../../core/reports/measure-rollup.ts';
import type { ApiIssue } from '../../../core/schemas/api.ts';
import { bumpWarningSourceOfReport } from '../warning-sources.ts';
import {
  LIMITS,
  type FiledTimeliness,
  type Receipt,
  type Submission,
  type SubmissionRow,
} from '../../../core/schemas/submission.ts';
import { reportEvidenceStatements } from '../evidence/index.ts';
import { prepareNamed } from '../named-sql.ts';
import { RECEIPT_COLUMNS, toReceipt, type ReceiptRow } from './receipt.ts';

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
  unitId: string;
  token: TokenGuard;
  idempotencyKey: string;
  bodyHash: string;
  receivedAt: string;
  /** This revision's arrival vs the deadline; stored only for a first revision (later ones keep the first's). */
  arrival: FiledTimeliness;
  submission: Submission;
  warnings: ApiIssue[];
}

/** Why a submission's batch stored nothing. */
export type Refusal =
  | { refused: 'invalid_token' }
  | { refused: 'token_revoked'; at: string }
  | { refused: 'unit_inactive' }
  /** The plan changed (edited, closed, another activated) since the submission was judged: judge it again. */
  | { refused: 'plan_changed' }
  | { refused: 'revision_limit' };

/**
 * The one statement of the conditions a submission must meet to be stored — its token is the unit's and not
 * revoked, the unit is active, the plan is still the version it was judged against (and still the only active
 * plan when the body named none), the period holds fewer than LIMITS.revisionsPerPeriod revisions — as the first
 * one broken, or NULL. The insert stores only when it is NULL; refusalOf reads it to say why nothing was stored.
 */
function guardSql(token: TokenGuard): string {
  const column = 'hash' in token ? 'hash' : 'id';
  return `SELECT t.id AS tokenId, t.revoked_at AS revokedAt, CASE
      WHEN t.id IS NULL THEN 'invalid_token'
      WHEN t.revoked_at IS NOT NULL THEN 'token_revoked'
      WHEN u.active IS NOT 1 THEN 'unit_inactive'
      WHEN p.version IS NOT :planVersion
        OR (:soleActive = 1 AND (SELECT COUNT(*) FROM plans WHERE status = 'active') <> 1) THEN 'plan_changed'
      WHEN (SELECT COUNT(*) FROM reports WHERE plan_id = :planId AND unit_id = :unitId AND period = :period) >= :maxRevisions
        THEN 'revision_limit'
    END AS refusal
    FROM (SELECT 1)
    LEFT JOIN tokens t ON t.${column} = :token AND t.role = 'unit' AND t.unit_id = :unitId
    LEFT JOIN units u ON u.id = :unitId
    LEFT JOIN plans p ON p.id = :planId AND p.status = 'active'`;
}

function guardParams(n: NewReport) {
  return {
    planId: n.planId,
    unitId: n.unitId,
    period: n.submission.period,
    planVersion: n.planVersion,
    soleActive: n.soleActive ? 1 : 0,
    maxRevisions: LIMITS.revisionsPerPeriod,
    token: 'hash' in n.token ? n.token.hash : n.token.id,
  };
}

const ROW_COLUMNS = [
  'report_id',
  'idx',
  'measure_id',
  'item',
  'status',
  'progress',
  'target',
  'actual',
  'unit_of_measure',
  'rate',
  'funds_planned',
  'funds_paid',
  'evidence',
  'note',
];
/** D1 allows 100 bound parameters per statement; one is the report id of the EXISTS guard. */
const ROWS_PER_STATEMENT = Math.floor(99 / ROW_COLUMNS.length);

function rowValues(reportId: string, idx: number, r: SubmissionRow): (string | number | null)[] {
  return [
    reportId,
    idx,
    r.measureId,
    r.item ?? null,
    r.status,
    r.progress,
    r.target ?? null,
    r.actual ?? null,
    r.unitOfMeasure ?? null,
    r.rate ?? null,
    r.fundsPlanned ?? null,
    r.fundsPaid ?? null,
    r.evidence ?? null,
    r.note ?? null,
  ];
}

/**
 * Statements for one submission, sent as ONE batch (one D1 round trip, one transaction). The report row is inserted
 * only when the guard finds nothing wrong; the rows and the current-revision pointer are inserted only when that
 * report row exists (so do the rows' 佐证材料 references), so a refused submission writes nothing. Exported so tests can prove the batch is all-or-nothing.
 */
export function reportStatements(db: D1Database, n: NewReport): D1PreparedStatement[] {
  const s = n.submission;
  // `timeliness` is the first revision's: a later revision takes it from the pointer, so resubmitting cannot repair
  // (or spoil) lateness.
  const head = prepareNamed(
    db,
    `INSERT INTO reports (id, plan_id, unit_id, period, revision, signer, received_at, timeliness, idempotency_key,
       body_hash, token_id, row_count, measure_statuses, warning_count, warnings, measure_figures, preparer, preparer_phone)
     SELECT :id, :planId, :unitId, :period,
       (SELECT COALESCE(MAX(revision), 0) + 1 FROM reports WHERE plan_id = :planId AND unit_id = :unitId AND period = :period),
       :signer, :receivedAt,
       COALESCE((SELECT timeliness FROM report_heads WHERE plan_id = :planId AND period = :period AND unit_id = :unitId), :arrival),
       :key, :bodyHash, g.tokenId, :rowCount, :measureStatuses, :warningCount, :warnings, :measureFigures, :preparer, :preparerPhone
     FROM (${guardSql(n.token)}) AS g
     WHERE g.refusal IS NULL
     RETURNING ${RECEIPT_COLUMNS}`,
    {
      ...guardParams(n),
      id: n.id,
      signer: s.signer,
      receivedAt: n.receivedAt,
      arrival: n.arrival,
      key: n.idempotencyKey,
      bodyHash: n.bodyHash,
      rowCount: s.rows.length,
      measureStatuses: JSON.stringify(measureStatuses(s.rows)),
      warningCount: n.warnings.length,
      warnings: JSON.stringify(n.warnings),
      measureFigures: JSON.stringify(measureFigures(s.rows)),
      preparer: s.preparer || null,
      preparerPhone: s.preparerPhone || null,
    },
  );
  const rows: D1PreparedStatement[] = [];
  for (let i = 0; i < s.rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = s.rows.slice(i, i + ROWS_PER_STATEMENT);
    const placeholders = chunk.map(() => `(${ROW_COLUMNS.map(() => '?').join(', ')})`).join(', ');
    rows.push(
      db
        .prepare(
          `INSERT INTO report_rows (${ROW_COLUMNS.join(', ')}) SELECT * FROM (VALUES ${placeholders})
          WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?)`,
        )
        .bind(...chunk.flatMap((r, j) => rowValues(n.id, i + j, r)), n.id),
    );
  }
  // First revision creates the pointer with its timeliness; later ones only move it and clear 退回. Either way it carries
  // the revision's statuses and figures (migration 0017), which the 预警 read.
  const pointer = db
    .prepare(
      `INSERT INTO report_heads (plan_id, period, unit_id, report_id, revision, first_received_at, timeliness, returned,
         measure_statuses, measure_figures)
       SELECT plan_id, period, unit_id, id, revision, received_at, timeliness, 0, measure_statuses, measure_figures
       FROM reports WHERE id = ?
       ON CONFLICT (plan_id, period, unit_id) DO UPDATE SET report_id = excluded.report_id, revision = excluded.revision,
         returned = 0, measure_statuses = excluded.measure_statuses, measure_figures = excluded.measure_figures`,
    )
    .bind(n.id);
  return [head, ...rows, ...reportEvidenceStatements(db, n.id, s.rows), pointer, bumpWarningSourceOfReport(db, n.id)];
}

/** Stores one submission in one round trip; a refusal costs a second query (the same guard), to say why. */
export async function insertReport(db: D1Database, n: NewReport): Promise<Receipt | Refusal> {
  const [first] = await db.batch<ReceiptRow>(reportStatements(db, n));
  const stored = first!.results[0];
  return stored ? toReceipt(stored) : refusalOf(db, n);
}

async function refusalOf(db: D1Database, n: NewReport): Promise<Refusal> {
  const g = await prepareNamed(db, guardSql(n.token), guardParams(n)).first<{
    refusal: Refusal['refused'] | null;
    revokedAt: string | null;
  }>();
  // Nothing wrong any more (say, the plan was changed back between the two queries): judged again like a plan change.
  if (!g?.refusal) return { refused: 'plan_changed' };
  return g.refusal === 'token_revoked' ? { refused: 'token_revoked', at: g.revokedAt ?? '' } : { refused: g.refusal };
}

// 销号 in D1: the current state of each (measure, unit) pair and its append-only events. A transition is one batch
// (event + state + the files it names) guarded by the event's sequence number, so of two concurrent verdicts on one
// application exactly one is written. One file because the state row and its events are read and written together.
import { bumpWarningSource } from './warning-sources.ts';
import type { ClosureEvent, ClosurePart, ClosureState } from '../../core/closure/index.ts';

export interface PairRow {
  measureId: string;
  unitId: string;
  state: ClosureState;
  part: ClosurePart | null;
  extendedDeadline: string | null;
  rejectionPending: boolean;
  appliedAt: string | null;
  closedAt: string | null;
  version: number;
  /** The 驳回 the unit has not answered yet: its reason, when and by whom (from the pair's latest event). */
  rejection: { reason: string; at: string; by: string } | null;
}

export interface StoredClosureEvent extends ClosureEvent {
  measureId: string;
  unitId: string;
}

// A pending 驳回 is the pair's latest event (its seq is the pair's version): joined by closure_events' unique key.
const PAIR_FROM = `closures c LEFT JOIN closure_events e ON c.rejection_pending = 1 AND e.plan_id = c.plan_id
  AND e.measure_id = c.measure_id AND e.unit_id = c.unit_id AND e.seq = c.version`;
const PAIR_COLUMNS = `c.measure_id AS measureId, c.unit_id AS unitId, c.state, c.part, c.extended_deadline AS extendedDeadline,
  c.rejection_pending AS rejectionPending, c.applied_at AS appliedAt, c.closed_at AS closedAt, c.version,
  e.text AS rejectionReason, e.at AS rejectedAt, e.by_label AS rejectedBy`;

type PairSqlRow = Omit<PairRow, 'rejection'> & {
  rejectionReason: string | null;
  rejectedAt: string | null;
  rejectedBy: string | null;
};

export const toPair = ({ rejectionReason, rejectedAt, rejectedBy, ...r }: PairSqlRow): PairRow => ({
  ...r,
  rejectionPending: Boolean(r.rejectionPending),
  rejection:
    r.rejectionPending && rejectionReason !== null
      ? { reason: rejectionReason, at: rejectedAt ?? '', by: rejectedBy ?? '' }
      : null,
});

/** Every pair of the plan that has ever moved (optionally one unit's); pairs without a row are 整改中. */
export async function listPairs(db: D1Database, planId: string, unitId?: string): Promise<PairRow[]> {
  const sql = `SELECT ${PAIR_COLUMNS} FROM ${PAIR_FROM} WHERE c.plan_id = ?1 ${unitId ? 'AND c.unit_id = ?2' : ''}`;
  const stmt = unitId ? db.prepare(sql).bind(planId, unitId) : db.prepare(sql).bind(planId);
  return (await stmt.all<PairSqlRow>()).results.map(toPair);
}

export async function getPair(
  db: D1Database,
  planId: string,
  measureId: string,
  unitId: string,
): Promise<PairRow | null> {
  const r = await db
    .prepare(`SELECT ${PAIR_COLUMNS} FROM ${PAIR_FROM} WHERE c.plan_id = ?1 AND c.measure_id = ?2 AND c.unit_id = ?3`)
    .bind(planId, measureId, unitId)
    .first<PairSqlRow>();
  return r ? toPair(r) : null;
}

interface EventRow {
  measureId: string;
  unitId: string;
  kind: ClosureEvent['kind'];
  part: ClosurePart | null;
  text: string;
  verifiedOn: string | null;
  extendedDeadline: string | null;
  evidenceIds: string;
  by: string;
  at: string;
}

const toEvent = (r: EventRow): StoredClosureEvent => ({
  measureId: r.measureId,
  unitId: r.unitId,
  kind: r.kind,
  at: r.at,
  by: r.by,
  text: r.text,
  ...(r.part ? { part: r.part } : {}),
  ...(r.verifiedOn ? { verifiedOn: r.verifiedOn } : {}),
  ...(r.extendedDeadline ? { extendedDeadline: r.extendedDeadline } : {}),
  evidenceIds: JSON.parse(r.evidenceIds) as string[],
});

/** The plan's events, oldest first (optionally one pair's, or those of some units). */
export async function listEvents(
  db: D1Database,
  planId: string,
  of?: { measureId: string; unitId: string } | { unitIds: readonly string[] },
): Promise<StoredClosureEvent[]> {
  const where = !of
    ? ''
    : 'unitIds' in of
      ? 'AND unit_id IN (SELECT value FROM json_each(?2))'
      : 'AND measure_id = ?2 AND unit_id = ?3';
  const sql = `SELECT measure_id AS measureId, unit_id AS unitId, kind, part, text, verified_on AS verifiedOn,
      extended_deadline AS extendedDeadline, evidence_ids AS evidenceIds, by_label AS by, at
    FROM closure_events WHERE plan_id = ?1 ${where} ORDER BY id`;
  const stmt = !of
    ? db.prepare(sql).bind(planId)
    : 'unitIds' in of
      ? db.prepare(sql).bind(planId, JSON.stringify(of.unitIds))
      : db.prepare(sql).bind(planId, of.measureId, of.unitId);
  return (await stmt.all<EventRow>()).results.map(toEvent);
}

export interface Transition {
  planId: string;
  measureId: string;
  unitId: string;
  /** The version the decision was taken on (0 for a pair without a row). */
  fromVersion: number;
  next: Omit<PairRow, 'measureId' | 'unitId' | 'version' | 'rejection'>;
  event: {
    kind: ClosureEvent['kind'];
    part: ClosurePart | null;
    text: string;
    verifiedOn: string | null;
    extendedDeadline: string | null;
    evidenceIds: string[];
  };
  tokenId: string;
  byLabel: string;
  at: string;
}

/** Writes the transition, or answers 'conflict' when another one was recorded on the same version first. */
export async function recordTransition(db: D1Database, t: Transition): Promise<'recorded' | 'conflict'> {
  const seq = t.fromVersion + 1;
  const event = db
    .prepare(
      `INSERT INTO closure_events (plan_id, measure_id, unit_id, seq, kind, part, text, verified_on, extended_deadline,
         evidence_ids, token_id, by_label, at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
    )
    .bind(
      t.planId,
      t.measureId,
      t.unitId,
      seq,
      t.event.kind,
      t.event.part,
      t.event.text,
      t.event.verifiedOn,
      t.event.extendedDeadline,
      JSON.stringify(t.event.evidenceIds),
      t.tokenId,
      t.byLabel,
      t.at,
    );
  const state = db
    .prepare(
      `INSERT INTO closures (plan_id, measure_id, unit_id, state, part, extended_deadline, rejection_pending, applied_at,
         closed_at, version, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
       ON CONFLICT (plan_id, measure_id, unit_id) DO UPDATE SET state = excluded.state, part = excluded.part,
         extended_deadline = excluded.extended_deadline, rejection_pending = excluded.rejection_pending,
         applied_at = excluded.applied_at, closed_at = excluded.closed_at, version = excluded.version,
         updated_at = excluded.updated_at
       WHERE closures.version = ?10 - 1`,
    )
    .bind(
      t.planId,
      t.measureId,
      t.unitId,
      t.next.state,
      t.next.part,
      t.next.extendedDeadline,
      t.next.rejectionPending ? 1 : 0,
      t.next.appliedAt,
      t.next.closedAt,
      seq,
      t.at,
    );
  const files = t.event.evidenceIds.map((id) =>
    db
      .prepare(
        `INSERT INTO closure_evidence (evidence_id, event_id)
         SELECT ?1, id FROM closure_events WHERE plan_id = ?2 AND measure_id = ?3 AND unit_id = ?4 AND seq = ?5`,
      )
      .bind(id, t.planId, t.measureId, t.unitId, seq),
  );
  try {
    await db.batch([event, state, ...files, bumpWarningSource(db, t.planId, t.unitId)]);
    return 'recorded';
  } catch (e) {
    if (/UNIQUE constraint failed: closure_events/.test(String(e))) return 'conflict';
    throw e;
  }
}

/** The plan's pairs that are 已销号 now: the closed units of each measure. */
export async function closedPairs(db: D1Database, planId: string): Promise<Map<string, Set<string>>> {
  const rows = await db
    .prepare(`SELECT measure_id AS measureId, unit_id AS unitId FROM closures WHERE plan_id = ?1 AND state = 'closed'`)
    .bind(planId)
    .all<{ measureId: string; unitId: string }>();
  const out = new Map<string, Set<string>>();
  for (const r of rows.results) {
    const units = out.get(r.measureId) ?? new Set<string>();
    units.add(r.unitId);
    out.set(r.measureId, units);
  }
  return out;
}

/** The unit's measures that are 已销号 now. */
export async function closedMeasureIds(db: D1Database, planId: string, unitId: string): Promise<Set<string>> {
  const rows = await db
    .prepare(`SELECT measure_id AS measureId FROM closures WHERE plan_id = ?1 AND unit_id = ?2 AND state = 'closed'`)
    .bind(planId, unitId)
    .all<{ measureId: string }>();
  return new Set(rows.results.map((r) => r.measureId));
}

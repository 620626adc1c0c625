// The stored 预警 schedule of each (measure, unit) pair (migration 0018) and the reads /closures, /warnings and the
// 销号台账 page through. SQL only compares the stored days with today (the rule is core's warningScheduleOf); rows
// are joined with the pair's closure state for the page asked, never for the whole plan. One file: the writes and
// the paged reads share the stored row's shape and its freshness stamp.
import type { WarningSchedule } from '../../core/closure/index.ts';
import type { Status } from '../../core/schemas/status.ts';
import { toPair, type PairRow } from './closures.ts';
import { prepareNamed } from './named-sql.ts';

export interface Stamp {
  planId: string;
  planVersion: number;
  /** The open period the schedules were computed in. */
  period: string;
}

/** The units whose rows are current: computed for the plan's version, the unit's generation and the open period. */
export async function currentUnits(db: D1Database, s: Stamp): Promise<Set<string>> {
  const rows = await db
    .prepare(
      `SELECT c.unit_id AS unitId FROM pair_schedule_units c
       LEFT JOIN warning_sources g ON g.plan_id = c.plan_id AND g.unit_id = c.unit_id
       WHERE c.plan_id = ?1 AND c.plan_version = ?2 AND c.period = ?3 AND c.gen = COALESCE(g.gen, 0)`,
    )
    .bind(s.planId, s.planVersion, s.period)
    .all<{ unitId: string }>();
  return new Set(rows.results.map((r) => r.unitId));
}

/** Each unit's generation (0 for a unit never written). Read before the data a schedule is computed from. */
export async function sourceGens(db: D1Database, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .prepare('SELECT unit_id AS unitId, gen FROM warning_sources WHERE plan_id = ?1')
    .bind(planId)
    .all<{ unitId: string; gen: number }>();
  return new Map(rows.results.map((r) => [r.unitId, r.gen]));
}

export interface ScheduleRow {
  unitId: string;
  measureId: string;
  ord: number;
  latestStatus: Status | null;
  schedule: WarningSchedule;
}

/** Rows per statement: one JSON parameter each, well under D1's statement and parameter limits. */
const ROWS_PER_STATEMENT = 500;

/**
 * Upserts the units' rows with what they were computed for (`gens`: each unit's generation read before its data),
 * and drops the rows of older plan versions, in one batch.
 */
export async function writeSchedules(
  db: D1Database,
  s: Stamp,
  gens: ReadonlyMap<string, number>,
  rows: readonly ScheduleRow[],
): Promise<void> {
  const units = [...gens].map(([u, g]) => ({ u, g }));
  const statements = [
    db.prepare('DELETE FROM pair_warnings WHERE plan_id = ?1 AND plan_version <> ?2').bind(s.planId, s.planVersion),
    db
      .prepare('DELETE FROM pair_schedule_units WHERE plan_id = ?1 AND plan_version <> ?2')
      .bind(s.planId, s.planVersion),
    db
      .prepare(
        `INSERT INTO pair_schedule_units (plan_id, unit_id, plan_version, gen, period)
         SELECT ?1, j.value ->> 'u', ?2, j.value ->> 'g', ?3 FROM json_each(?4) j WHERE true
         ON CONFLICT (plan_id, unit_id) DO UPDATE SET plan_version = excluded.plan_version, gen = excluded.gen,
           period = excluded.period`,
      )
      .bind(s.planId, s.planVersion, s.period, JSON.stringify(units)),
  ];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
      u: r.unitId,
      m: r.measureId,
      o: r.ord,
      l: r.latestStatus,
      d: r.schedule.dueDate,
      b: r.schedule.blueFrom,
      y: r.schedule.yellowFrom,
      r: r.schedule.redFrom,
      s: JSON.stringify(r.schedule),
    }));
    statements.push(
      db
        .prepare(
          `INSERT INTO pair_warnings (plan_id, unit_id, measure_id, ord, plan_version, latest_status, due_date,
             blue_from, yellow_from, red_from, schedule)
           SELECT ?1, j.value ->> 'u', j.value ->> 'm', j.value ->> 'o', ?2, j.value ->> 'l',
             j.value ->> 'd', j.value ->> 'b', j.value ->> 'y', j.value ->> 'r', j.value ->> 's'
           FROM json_each(?3) j WHERE true
           ON CONFLICT (plan_id, unit_id, measure_id) DO UPDATE SET ord = excluded.ord, plan_version = excluded.plan_version,
             latest_status = excluded.latest_status,
             due_date = excluded.due_date, blue_from = excluded.blue_from, yellow_from = excluded.yellow_from,
             red_from = excluded.red_from, schedule = excluded.schedule`,
        )
        .bind(s.planId, s.planVersion, JSON.stringify(chunk)),
    );
  }
  await db.batch(statements);
}

/** 3 red, 2 yellow, 1 blue, 0 none on :today: the stored days compared with today. */
const RANK = `CASE WHEN w.red_from <= :today THEN 3 WHEN w.yellow_from <= :today THEN 2
  WHEN w.blue_from <= :today THEN 1 ELSE 0 END`;
const NO_DUE = '9999-12-31';

export interface StoredPair extends PairRow {
  unitName: string;
  ord: number;
  latestStatus: Status | null;
  schedule: WarningSchedule;
}

const PAIR_COLUMNS = `w.measure_id AS measureId, w.unit_id AS unitId, COALESCE(u.name, w.unit_id) AS unitName,
    w.ord, w.latest_status AS latestStatus,
    w.schedule, COALESCE(c.state, 'in_progress') AS state, c.part, c.extended_deadline AS extendedDeadline,
    COALESCE(c.rejection_pending, 0) AS rejectionPending, c.applied_at AS appliedAt, c.closed_at AS closedAt,
    COALESCE(c.version, 0) AS version, e.text AS rejectionReason, e.at AS rejectedAt, e.by_label AS rejectedBy`;
const PAIR_FROM = `pair_warnings w LEFT JOIN units u ON u.id = w.unit_id
  LEFT JOIN closures c ON c.plan_id = w.plan_id AND c.measure_id = w.measure_id AND c.unit_id = w.unit_id
  LEFT JOIN closure_events e ON c.rejection_pending = 1 AND e.plan_id = c.plan_id AND e.measure_id = c.measure_id
    AND e.unit_id = c.unit_id AND e.seq = c.version`;

type StoredSqlRow = Parameters<typeof toPair>[0] & {
  unitName: string;
  ord: number;
  latestStatus: Status | null;
  schedule: string;
};

const toStored = ({ unitName, ord, latestStatus, schedule, ...r }: StoredSqlRow): StoredPair => ({
  ...toPair(r),
  unitName,
  ord,
  latestStatus,
  schedule: JSON.parse(schedule) as WarningSchedule,
});

/** Every pair of the plan's version (or one unit's), in plan order. */
export async function storedPairs(db: D1Database, s: Omit<Stamp, 'period'>, unitId?: string): Promise<StoredPair[]> {
  const sql = `SELECT ${PAIR_COLUMNS} FROM ${PAIR_FROM} WHERE w.plan_id = :plan AND w.plan_version = :version ${unitId ? 'AND w.unit_id = :unit' : ''}
    ORDER BY w.ord`;
  const params = { plan: s.planId, version: s.planVersion, ...(unitId ? { unit: unitId } : {}) };
  return (await prepareNamed(db, sql, params).all<StoredSqlRow>()).results.map(toStored);
}

export interface ColourCounts {
  red: number;
  yellow: number;
  blue: number;
}

/** Warned pairs per unit and colour on `today` (units without any are left out). */
export async function warningCounts(
  db: D1Database,
  s: Omit<Stamp, 'period'>,
  today: string,
  unitId?: string,
): Promise<Map<string, ColourCounts>> {
  const sql = `SELECT unitId, SUM(rank = 3) AS red, SUM(rank = 2) AS yellow, SUM(rank = 1) AS blue FROM (
      SELECT w.unit_id AS unitId, ${RANK} AS rank FROM pair_warnings w
      WHERE w.plan_id = :plan AND w.plan_version = :version ${unitId ? 'AND w.unit_id = :unit' : ''})
    WHERE rank > 0 GROUP BY unitId ORDER BY unitId`;
  const params = { plan: s.planId, version: s.planVersion, today, ...(unitId ? { unit: unitId } : {}) };
  const rows = await prepareNamed(db, sql, params).all<ColourCounts & { unitId: string }>();
  return new Map(rows.results.map(({ unitId: u, ...c }) => [u, c]));
}

/** Where a page of warned pairs ends: its last pair's colour rank, due day and place in the plan. */
export interface WarningKey {
  rank: number;
  due: string;
  ord: number;
}

/** A page of warned pairs on `today`, worst first (red, yellow, blue; then the earliest due; then plan order). */
export async function warnedPairs(
  db: D1Database,
  s: Omit<Stamp, 'period'>,
  today: string,
  o: { unitId?: string; limit: number; after?: WarningKey },
): Promise<(StoredPair & { key: WarningKey })[]> {
  const sql = `WITH page AS (
      SELECT unitId, measureId, ord, rank, due FROM (
        SELECT w.unit_id AS unitId, w.measure_id AS measureId, w.ord, ${RANK} AS rank, COALESCE(w.due_date, :nodue) AS due
        FROM pair_warnings w WHERE w.plan_id = :plan AND w.plan_version = :version ${o.unitId ? 'AND w.unit_id = :unit' : ''})
      WHERE rank > 0 ${o.after ? 'AND (rank < :rank OR (rank = :rank AND (due > :due OR (due = :due AND ord > :ord))))' : ''}
      ORDER BY rank DESC, due, ord LIMIT :limit)
    SELECT ${PAIR_COLUMNS}, page.rank, page.due FROM ${PAIR_FROM} JOIN page ON page.unitId = w.unit_id AND page.measureId = w.measure_id
    WHERE w.plan_id = :plan ORDER BY page.rank DESC, page.due, page.ord`;
  const params = {
    plan: s.planId,
    version: s.planVersion,
    today,
    nodue: NO_DUE,
    limit: o.limit,
    ...(o.unitId ? { unit: o.unitId } : {}),
    ...(o.after ? { rank: o.after.rank, due: o.after.due, ord: o.after.ord } : {}),
  };
  const rows = await prepareNamed(db, sql, params).all<StoredSqlRow & { rank: number; due: string }>();
  return rows.results.map(({ rank, due, ...r }) => ({ ...toStored(r), key: { rank, due, ord: r.ord } }));
}

/** A page of the plan's pairs in plan order, after the pair at `afterOrd`. */
export async function pairPage(
  db: D1Database,
  s: Omit<Stamp, 'period'>,
  o: { limit: number; afterOrd?: number },
): Promise<StoredPair[]> {
  const sql = `SELECT ${PAIR_COLUMNS} FROM ${PAIR_FROM} WHERE w.plan_id = :plan AND w.plan_version = :version AND w.ord > :after
    ORDER BY w.ord LIMIT :limit`;
  const params = { plan: s.planId, version: s.planVersion, after: o.afterOrd ?? -1, limit: o.limit };
  return (await prepareNamed(db, sql, params).all<StoredSqlRow>()).results.map(toStored);
}

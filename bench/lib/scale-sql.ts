// Generates the SQL that fills a local D1 with `units` synthetic units × `periods` half-months × 13 rows (one per
// measure of the seeded demo plan 'mlx-2023-85'), written by SQLite itself from recursive CTEs so the file stays a few
// KB whatever the size. Every synthetic report is revision 1 and current (it has a report_heads pointer), like a
// settled history, and lies within the plan: no period before its first one (2023-08-H1).
import { calendarFor } from '../../core/calendar/schedule.ts';
import { Status } from '../../core/schemas/status.ts';
import { DEMO_PLAN } from '../../test/fixtures/demo-plan.ts';

export interface ScaleSize {
  units: number;
  periods: number;
}

const STATUSES = Status.options;
const CALENDAR = calendarFor(DEMO_PLAN.schedule);
export const BENCH_TOKEN_ID = 'bench-history-token';
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The `count` periods ending at `last`, oldest first. */
export function periodsEndingAt(last: string, count: number): string[] {
  const out = [last];
  while (out.length < count) out.unshift(CALENDAR.previous(out[0]!));
  return out;
}

/** The last period of a history of `count` periods starting at the plan's first period. */
export function lastPeriodOfHistory(count: number): string {
  let p = DEMO_PLAN.firstPeriod;
  for (let i = 1; i < count; i++) p = CALENDAR.next(p);
  return p;
}

export function scaleSql(size: ScaleSize, lastPeriod: string): string {
  const periods = periodsEndingAt(lastPeriod, size.periods);
  if (periods[0]! < DEMO_PLAN.firstPeriod) {
    throw new RangeError(
      `${size.periods} periods ending at ${lastPeriod} start before the plan's first period ${DEMO_PLAN.firstPeriod}`,
    );
  }
  const measures = DEMO_PLAN.measures;
  // Received one day before each deadline: on time.
  const periodValues = periods
    .map((p) => `(${q(p)}, ${q(new Date(CALENDAR.deadlineOf(p).getTime() - 86_400_000).toISOString())})`)
    .join(', ');
  const measureValues = measures.map((m, i) => `(${i}, ${q(m.id)}, ${q(STATUSES[i % STATUSES.length]!)})`).join(', ');
  const statuses = JSON.stringify(Object.fromEntries(measures.map((m, i) => [m.id, STATUSES[i % STATUSES.length]!])));
  const plan = q(DEMO_PLAN.id);
  return `
INSERT INTO tokens (id, hash, role, unit_id, label, created_at)
  VALUES (${q(BENCH_TOKEN_ID)}, 'bench-history-hash', 'admin', NULL, 'bench history writer', '2020-01-01T00:00:00.000Z');

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size.units})
INSERT INTO units (id, name, kind, sort)
  SELECT printf('b-%06d', i), printf('压测单位%06d', i), CASE WHEN i % 2 THEN 'village' ELSE 'office' END, 1000 + i FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size.units}),
  p(period, received) AS (VALUES ${periodValues})
INSERT INTO reports (id, plan_id, unit_id, period, revision, signer, received_at, timeliness,
    idempotency_key, body_hash, token_id, row_count, measure_statuses, warning_count, warnings)
  SELECT printf('r-%06d-%s', i, period), ${plan}, printf('b-%06d', i), period, 1, '压测签字人', received, 'on_time',
    printf('k-%06d-%s', i, period), 'bench', ${q(BENCH_TOKEN_ID)}, ${measures.length}, ${q(statuses)}, 0, '[]'
  FROM n, p;

WITH m(idx, measure_id, status) AS (VALUES ${measureValues})
INSERT INTO report_rows (report_id, idx, measure_id, status, progress, target, actual, rate, funds_planned, funds_paid, evidence, note)
  SELECT r.id, m.idx, m.measure_id, m.status, '本期入户走访20户，解决问题3个，完成培训1场次。', 40, 20, 50, 12.5, 6, '入户走访台账', NULL
  FROM reports r, m WHERE r.token_id = ${q(BENCH_TOKEN_ID)};

INSERT INTO report_heads (plan_id, period, unit_id, report_id, revision, first_received_at, timeliness, returned,
    measure_statuses, measure_figures)
  SELECT plan_id, period, unit_id, id, revision, received_at, timeliness, 0, measure_statuses, measure_figures
  FROM reports WHERE token_id = ${q(BENCH_TOKEN_ID)};
`;
}

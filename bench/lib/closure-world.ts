// A local Worker holding the synthetic scale history (scale-sql.ts) plus the 销号 of every tenth unit (closureSql),
// with the clock set just after the history's last period, and a timed GET as the supervisor — what the closure and
// trends benchmarks both start from.
import { calendarFor } from '../../core/calendar/schedule.ts';
import { executeSql } from '../../scripts/seed-dev.ts';
import { DEMO_PLAN } from '../../test/fixtures/demo-plan.ts';
import { startLocalWorker } from './local-worker.ts';
import { BENCH_TOKEN_ID, scaleSql, type ScaleSize } from './scale-sql.ts';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface ClosureWorld {
  get(path: string): Promise<{ ms: number; body: string }>;
  stop(): Promise<void>;
}

/** Starts the Worker; `extraSql` runs after the history and the closures are in. */
export async function startClosureWorld(size: ScaleSize, period: string, extraSql = ''): Promise<ClosureWorld> {
  // "Now" is just after the history's last period, so the recent periods the views read hold reports.
  const now = new Date(calendarFor(DEMO_PLAN.schedule).deadlineOf(period).getTime() + 3_600_000).toISOString();
  const worker = await startLocalWorker({
    clockOverride: true,
    prepare: async (dir) => {
      await executeSql(scaleSql(size, period), dir);
      await executeSql(closureSql(size, now), dir);
      if (extraSql) await executeSql(extraSql, dir);
    },
  });
  return {
    async get(path) {
      const t0 = performance.now();
      const res = await fetch(`${worker.url}/api/v1${path}`, {
        headers: { Authorization: `Bearer ${worker.tokens.supervisor}`, 'X-Rectify-Now': now },
      });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
      return { ms, body };
    },
    stop: () => worker.stop(),
  };
}

/** The demo plan with every synthetic unit responsible for every measure, and closures for every tenth unit. The
 * plan body is extended inside SQLite (json_set per measure): written out whole it is over D1's statement limit. */
export function closureSql(size: ScaleSize, at: string): string {
  const ids = Array.from({ length: size.units }, (_, i) => `b-${String(i + 1).padStart(6, '0')}`);
  const widen = DEMO_PLAN.measures.map((_, i) => {
    const path = `$.measures[${i}].responsibleUnitIds`;
    return `UPDATE plans SET body = json_set(body, '${path}', (SELECT json_group_array(value) FROM (
      SELECT value FROM json_each(json_extract(body, '${path}')) UNION ALL SELECT id FROM units WHERE id LIKE 'b-%'))) WHERE id = ${q(DEMO_PLAN.id)};`;
  });
  const closed = ids.filter((_, i) => i % 10 === 0);
  const events = closed.flatMap((unit) =>
    DEMO_PLAN.measures.flatMap((m) => [
      `(${q(DEMO_PLAN.id)}, ${q(m.id)}, ${q(unit)}, 1, 'applied', 'whole', '已完成', NULL, NULL, '[]', ${q(BENCH_TOKEN_ID)}, 'bench', ${q(at)})`,
      `(${q(DEMO_PLAN.id)}, ${q(m.id)}, ${q(unit)}, 2, 'closed', 'whole', '同意销号', '2026-01-01', NULL, '[]', ${q(BENCH_TOKEN_ID)}, 'bench', ${q(at)})`,
    ]),
  );
  const pairs = closed.flatMap((unit) =>
    DEMO_PLAN.measures.map(
      (m) =>
        `(${q(DEMO_PLAN.id)}, ${q(m.id)}, ${q(unit)}, 'closed', 'whole', NULL, 0, ${q(at)}, ${q(at)}, 2, ${q(at)})`,
    ),
  );
  const chunks = (rows: string[], head: string) => {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += 200) out.push(`${head} VALUES ${rows.slice(i, i + 200).join(',\n')};`);
    return out.join('\n');
  };
  return `
${widen.join('\n')}
UPDATE plans SET version = version + 1 WHERE id = ${q(DEMO_PLAN.id)};
${chunks(events, 'INSERT INTO closure_events (plan_id, measure_id, unit_id, seq, kind, part, text, verified_on, extended_deadline, evidence_ids, token_id, by_label, at)')}
${chunks(pairs, 'INSERT INTO closures (plan_id, measure_id, unit_id, state, part, extended_deadline, rejection_pending, applied_at, closed_at, version, updated_at)')}
`;
}

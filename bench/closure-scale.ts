// Benchmark: GET /warnings and GET /closure-ledger (销号台账) for a plan whose 13 measures every synthetic unit is
// responsible for, over units × periods × 13 rows of history (bench/lib/scale-sql.ts), with a tenth of the pairs
// applied for and closed. Three databases, as in summary-scale.ts: the base size, twice the history, twice the
// units. Goal (issue 20): < 50 ms at 2,000 units × 72 periods, growing with units, not with history. Both views
// read the stored 预警 schedules (migration 0018) and answer one page (their default limit) with the counts or the
// rates of the whole plan. The first request after seeding recomputes every pair's schedule from the recent heads
// (as the first read after a new period opens or a plan edit does): printed apart as "recompute", not in the median.
// Ratios are printed against GET /health/db (one D1 query) measured in the same loop.
// Run: node --import tsx bench/closure-scale.ts [--full]     (default 500 units × 36 periods; --full 2,000 × 72)
import { executeSql } from '../scripts/seed-dev.ts';
import { DEMO_PLAN } from '../test/fixtures/demo-plan.ts';
import { startLocalWorker } from './lib/local-worker.ts';
import { fmtBytes, fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';
import { BENCH_TOKEN_ID, lastPeriodOfHistory, scaleSql, type ScaleSize } from './lib/scale-sql.ts';
import { median } from './lib/stats.ts';
import { calendarFor } from '../core/calendar/schedule.ts';

export const GOAL_MS = 50;
const DEFAULT_SIZE: ScaleSize = { units: 500, periods: 36 };
const FULL_SIZE: ScaleSize = { units: 2000, periods: 72 };
const SAMPLES = 15;
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

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

interface Timing {
  recomputeMs: number;
  warningsMs: number;
  ledgerMs: number;
  healthMs: number;
  warningsBytes: number;
  ledgerBytes: number;
  pairs: number;
}

async function timeViews(size: ScaleSize, period: string): Promise<Timing> {
  // "Now" is just after the history's last period, so the recent periods the views read hold reports.
  const now = new Date(calendarFor(DEMO_PLAN.schedule).deadlineOf(period).getTime() + 3_600_000).toISOString();
  const worker = await startLocalWorker({
    clockOverride: true,
    prepare: async (dir) => {
      await executeSql(scaleSql(size, period), dir);
      await executeSql(closureSql(size, now), dir);
    },
  });
  try {
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${worker.url}/api/v1${path}`, {
        headers: { Authorization: `Bearer ${worker.tokens.supervisor}`, 'X-Rectify-Now': now },
      });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
      return { ms, body };
    };
    const recomputeMs = (await get('/warnings')).ms;
    for (let i = 0; i < 3; i++) await Promise.all([get('/warnings'), get('/closure-ledger'), get('/health/db')]); // warm-up
    const w: number[] = [];
    const l: number[] = [];
    const h: number[] = [];
    let warnings = '';
    let ledger = '';
    for (let i = 0; i < SAMPLES; i++) {
      const a = await get('/warnings');
      const b = await get('/closure-ledger');
      h.push((await get('/health/db')).ms);
      w.push(a.ms);
      l.push(b.ms);
      warnings = a.body;
      ledger = b.body;
    }
    const rows = JSON.parse(ledger) as { rows: unknown[]; rates: { pairs: { closed: number; total: number } } };
    const counts = (JSON.parse(warnings) as { counts: { red: number; yellow: number; blue: number } }).counts;
    // Sanity: every synthetic pair is counted in the rates, a tenth of the units are closed, some pairs are warned.
    const closed = Math.ceil(size.units / 10) * 13;
    if (rows.rates.pairs.total < size.units * 13 || rows.rates.pairs.closed !== closed || rows.rows.length === 0) {
      throw new Error(`unexpected ledger: ${JSON.stringify(rows.rates.pairs)} for ${JSON.stringify(size)}`);
    }
    if (counts.red + counts.yellow + counts.blue === 0) {
      throw new Error(`unexpected warnings: ${JSON.stringify(counts)} for ${JSON.stringify(size)}`);
    }
    return {
      recomputeMs,
      warningsMs: median(w),
      ledgerMs: median(l),
      healthMs: median(h),
      warningsBytes: warnings.length,
      ledgerBytes: ledger.length,
      pairs: rows.rates.pairs.total,
    };
  } finally {
    await worker.stop();
  }
}

export async function run(o: { full?: boolean } = {}): Promise<BenchRow[]> {
  const base = o.full ? FULL_SIZE : DEFAULT_SIZE;
  const period = lastPeriodOfHistory(base.periods * 2);
  const b = await timeViews(base, period);
  const hist = await timeViews({ units: base.units, periods: base.periods * 2 }, period);
  const units = await timeViews({ units: base.units * 2, periods: base.periods }, period);
  const size = `${base.units.toLocaleString('en-US')} units × ${base.periods} periods${o.full ? '' : ' (--full for 2,000 × 72)'}`;
  const rows: BenchRow[] = [];
  for (const view of ['warnings', 'ledger'] as const) {
    const ms = (t: Timing) => (view === 'warnings' ? t.warningsMs : t.ledgerMs);
    const bytes = (t: Timing) => (view === 'warnings' ? t.warningsBytes : t.ledgerBytes);
    const net = (t: Timing) => Math.max(0.1, ms(t) - t.healthMs);
    const name = view === 'warnings' ? '/warnings' : '/closure-ledger';
    rows.push({
      name: `${name} (${o.full ? 'full' : 'default'} size)`,
      goal: `< ${GOAL_MS} ms`,
      measured: `${ms(b).toFixed(1)} ms median of ${SAMPLES}, ${(ms(b) / b.healthMs).toFixed(1)}× /health/db (${b.healthMs.toFixed(1)} ms), ${b.pairs.toLocaleString('en-US')} pairs, one page ${fmtBytes(bytes(b))} — ${size}`,
      ratio: `${ms(b).toFixed(1)} ms`,
      pass: ms(b) < GOAL_MS,
    });
    rows.push({
      name: `${name} ×2 history`,
      goal: '≈ 1× net (history-independent)',
      measured: `net ${net(hist).toFixed(1)} ms with ${base.periods * 2} periods vs ${net(b).toFixed(1)} ms`,
      ratio: fmtRatio(net(hist) / net(b)),
      pass: net(hist) / net(b) < 1.35,
    });
    rows.push({
      name: `${name} ×2 units`,
      goal: '≈ 2× net (linear in units)',
      measured: `net ${net(units).toFixed(1)} ms with ${(base.units * 2).toLocaleString('en-US')} units vs ${net(b).toFixed(1)} ms, ${fmtBytes(bytes(units))}`,
      ratio: fmtRatio(net(units) / net(b)),
      pass: net(units) / net(b) < 2.7,
    });
  }
  rows.push({
    name: 'recompute every pair (first read)',
    goal: 'once per period or plan edit',
    measured: `${b.recomputeMs.toFixed(0)} ms base, ${hist.recomputeMs.toFixed(0)} ms ×2 history, ${units.recomputeMs.toFixed(0)} ms ×2 units`,
    ratio: `${(b.recomputeMs / b.healthMs).toFixed(0)}× /health/db`,
    pass: true,
  });
  return rows;
}

if (isMain(import.meta.url)) printTable(await run({ full: process.argv.includes('--full') }));

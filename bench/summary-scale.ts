// Benchmark: GET /summary and /matrix for one period against a local D1 holding units × periods × 13 rows of
// history. Three databases, each behind its own local Worker: the base size, twice the history (same units), and
// twice the units (same history). Goal: < 50 ms at the base size; doubling history leaves latency nearly unchanged
// (ratio ≈ 1) while doubling units roughly doubles it (ratio ≈ 2), because every query starts from report_heads'
// (plan_id, period, unit_id) key and the response has one entry per unit. The history is the seeded demo plan's,
// from its first period (2023-08-H1) on.
// Run: node --import tsx bench/summary-scale.ts [--full]     (default 500 units × 36 periods; --full 2,000 × 72)
import { executeSql } from '../scripts/seed-dev.ts';
import { DEMO_PLAN } from '../test/fixtures/demo-plan.ts';
import { startLocalWorker } from './lib/local-worker.ts';
import { fmtBytes, fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';
import { lastPeriodOfHistory, scaleSql, type ScaleSize } from './lib/scale-sql.ts';
import { median } from './lib/stats.ts';

export const GOAL_MS = 50;
export const DEFAULT_SIZE: ScaleSize = { units: 500, periods: 36 };
export const FULL_SIZE: ScaleSize = { units: 2000, periods: 72 };
const SAMPLES = 25;

interface Timing {
  summaryMs: number;
  matrixMs: number;
  /** GET /health on the same server in the same loop: the fixed cost of a request (routing, loopback, fetch). */
  healthMs: number;
  summaryBytes: number;
  matrixBytes: number;
  units: number;
}

/** `period`: the newest period of the generated history, the one the views are asked for. */
async function timeViews(size: ScaleSize, period: string): Promise<Timing> {
  const worker = await startLocalWorker({ prepare: (dir) => executeSql(scaleSql(size, period), dir) });
  try {
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${worker.url}/api/v1${path}`, {
        headers: { Authorization: `Bearer ${worker.tokens.supervisor}` },
      });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
      return { ms, body };
    };
    const summaryPath = `/summary?period=${period}`;
    const matrixPath = `/matrix?from=${period}&to=${period}`;
    for (let i = 0; i < 5; i++) await Promise.all([get(summaryPath), get(matrixPath), get('/health')]); // warm-up
    const s: number[] = [];
    const m: number[] = [];
    const hl: number[] = [];
    let summaryBody = '';
    let matrixBody = '';
    // Alternate so both see the same background load.
    for (let i = 0; i < SAMPLES; i++) {
      const a = await get(summaryPath);
      const b = await get(matrixPath);
      hl.push((await get('/health')).ms);
      s.push(a.ms);
      m.push(b.ms);
      summaryBody = a.body;
      matrixBody = b.body;
    }
    const summary = JSON.parse(summaryBody) as { totals: { units: number; rows: number; on_time: number } };
    // Sanity: the view really covers the generated history (the 22 seeded units have no report for the period).
    if (summary.totals.units !== size.units + 22 || summary.totals.rows !== size.units * DEMO_PLAN.measures.length) {
      throw new Error(`unexpected summary totals ${JSON.stringify(summary.totals)} for ${JSON.stringify(size)}`);
    }
    return {
      summaryMs: median(s),
      matrixMs: median(m),
      healthMs: median(hl),
      summaryBytes: summaryBody.length,
      matrixBytes: matrixBody.length,
      units: summary.totals.units,
    };
  } finally {
    await worker.stop();
  }
}

export async function run(o: { full?: boolean } = {}): Promise<BenchRow[]> {
  const base = o.full ? FULL_SIZE : DEFAULT_SIZE;
  const label = (s: ScaleSize) =>
    `${s.units.toLocaleString('en-US')} units × ${s.periods} periods × 13 rows = ${(s.units * s.periods * 13).toLocaleString('en-US')} rows`;
  // Every size is asked about the same period: the last of the longest history, which starts at the plan's first.
  const period = lastPeriodOfHistory(base.periods * 2);
  const b = await timeViews(base, period);
  const h = await timeViews({ units: base.units, periods: base.periods * 2 }, period);
  const u = await timeViews({ units: base.units * 2, periods: base.periods }, period);
  const size = `${o.full ? 'full' : 'default (--full for 2,000 × 72)'}: ${label(base)}`;
  const rows: BenchRow[] = [];
  for (const view of ['summary', 'matrix'] as const) {
    const ms = (t: Timing) => (view === 'summary' ? t.summaryMs : t.matrixMs);
    const bytes = (t: Timing) => (view === 'summary' ? t.summaryBytes : t.matrixBytes);
    // Ratios on the view's own cost: its latency minus the bare /health latency measured beside it.
    const net = (t: Timing) => Math.max(0.1, ms(t) - t.healthMs);
    const hRatio = net(h) / net(b);
    const uRatio = net(u) / net(b);
    rows.push({
      name: `/${view} one period (${o.full ? 'full' : 'default'} size)`,
      goal: `< ${GOAL_MS} ms`,
      measured: `${ms(b).toFixed(1)} ms median of ${SAMPLES} (net ${net(b).toFixed(1)} ms over /health ${b.healthMs.toFixed(1)} ms), ${fmtBytes(bytes(b))} — ${size}`,
      ratio: `${ms(b).toFixed(1)} ms`,
      pass: ms(b) < GOAL_MS,
    });
    rows.push({
      name: `/${view} ×2 history`,
      goal: '≈ 1× net (history-independent)',
      measured: `net ${net(h).toFixed(1)} ms with ${base.periods * 2} periods vs ${net(b).toFixed(1)} ms (gross ${ms(h).toFixed(1)} vs ${ms(b).toFixed(1)})`,
      ratio: fmtRatio(hRatio),
      pass: hRatio < 1.35,
    });
    rows.push({
      name: `/${view} ×2 units`,
      goal: '≈ 2× net (linear in units)',
      measured: `net ${net(u).toFixed(1)} ms with ${(base.units * 2).toLocaleString('en-US')} units vs ${net(b).toFixed(1)} ms (gross ${ms(u).toFixed(1)} vs ${ms(b).toFixed(1)}), ${fmtBytes(bytes(u))}`,
      ratio: fmtRatio(uRatio),
      pass: uRatio < 2.7,
    });
  }
  return rows;
}

if (isMain(import.meta.url)) printTable(await run({ full: process.argv.includes('--full') }));

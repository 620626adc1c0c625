// Benchmark: GET /warnings and GET /closure-ledger (销号台账) for a plan whose 13 measures every synthetic unit is
// responsible for, over units × periods × 13 rows of history (bench/lib/scale-sql.ts), with a tenth of the pairs
// applied for and closed. Three databases, as in summary-scale.ts: the base size, twice the history, twice the
// units. Goal (issue 20): < 50 ms at 2,000 units × 72 periods, growing with units, not with history. Both views
// read the stored 预警 schedules (migration 0018) and answer one page (their default limit) with the counts or the
// rates of the whole plan. The first request after seeding recomputes every pair's schedule from the recent heads
// (as the first read after a new period opens or a plan edit does): printed apart as "recompute", not in the median.
// Ratios are printed against GET /health/db (one D1 query) measured in the same loop.
// Run: node --import tsx bench/closure-scale.ts [--full]     (default 500 units × 36 periods; --full 2,000 × 72)
import { startClosureWorld } from './lib/closure-world.ts';
import { fmtBytes, fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';
import { lastPeriodOfHistory, type ScaleSize } from './lib/scale-sql.ts';
import { median } from './lib/stats.ts';

export const GOAL_MS = 50;
const DEFAULT_SIZE: ScaleSize = { units: 500, periods: 36 };
const FULL_SIZE: ScaleSize = { units: 2000, periods: 72 };
const SAMPLES = 15;

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
  const world = await startClosureWorld(size, period);
  const get = world.get;
  try {
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
    await world.stop();
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

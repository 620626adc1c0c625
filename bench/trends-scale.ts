// Benchmark: GET /trends (趋势, asked on every 生成汇总表) as the pane asks it — `to` the chosen period, the span from
// the plan's first period, at most 72 — over units × periods × 13 rows of history (bench/lib/scale-sql.ts), every
// synthetic unit responsible for every measure and a tenth of them with every pair closed (lib/closure-world.ts'
// closureSql), so the per-period 整改完成率 replays real closure events. Three databases: the base size, twice the
// history, twice the units. /trends answers one entry per period, so unlike /warnings it is expected to grow with
// the history it covers as well as with units (each ≈ 2×). Goal: under a second, the pause a user feels on a click.
// Ratios are printed against GET /health/db (one D1 query) measured in the same loop. Each head carries its
// per-measure figures as a real report's does, so the funds are summed from real data.
// Run: node --import tsx bench/trends-scale.ts [--full]     (default 500 units × 36 periods; --full 2,000 × 72)
import { Trends } from '../core/schemas/trends.ts';
import { DEMO_PLAN } from '../test/fixtures/demo-plan.ts';
import { startClosureWorld } from './lib/closure-world.ts';
import { fmtBytes, fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';
import { lastPeriodOfHistory, periodsEndingAt, type ScaleSize } from './lib/scale-sql.ts';
import { median } from './lib/stats.ts';

export const GOAL_MS = 1000;
const DEFAULT_SIZE: ScaleSize = { units: 500, periods: 36 };
const FULL_SIZE: ScaleSize = { units: 2000, periods: 72 };
const SAMPLES = 11;

/** Each synthetic head's per-measure sums, as a real submission writes them beside the pointer (scale-sql.ts leaves
 * them '{}'): the funds /trends adds up come from here, 13 measures × 12.5 planned / 6 paid (万元) per report. */
const FIGURES = Object.fromEntries(
  DEMO_PLAN.measures.map((m) => [m.id, { target: 40, actual: 20, fundsPlanned: 12.5, fundsPaid: 6 }]),
);
const FIGURES_SQL = `UPDATE report_heads SET measure_figures = '${JSON.stringify(FIGURES)}' WHERE unit_id LIKE 'b-%';`;

interface Timing {
  trendsMs: number;
  healthMs: number;
  bytes: number;
  periods: number;
}

async function timeTrends(size: ScaleSize, period: string): Promise<Timing> {
  const world = await startClosureWorld(size, period, FIGURES_SQL);
  const get = world.get;
  try {
    const path = `/trends?to=${period}`;
    for (let i = 0; i < 3; i++) await Promise.all([get(path), get('/health/db')]); // warm-up
    const t: number[] = [];
    const h: number[] = [];
    let body = '';
    for (let i = 0; i < SAMPLES; i++) {
      const a = await get(path);
      h.push((await get('/health/db')).ms);
      t.push(a.ms);
      body = a.body;
    }
    // Sanity: the answer covers the generated history — every synthetic unit filed on time in each of its periods.
    const trends = Trends.parse(JSON.parse(body));
    const filled = new Set(periodsEndingAt(period, size.periods));
    const funds = size.units * DEMO_PLAN.measures.length * 12.5;
    const wrong = trends.periods.find(
      (p) => filled.has(p.period) && (p.on_time !== size.units || p.fundsPlanned !== funds),
    );
    if (wrong || trends.periods.filter((p) => filled.has(p.period)).length !== size.periods || !trends.closureAtEnd)
      throw new Error(`unexpected /trends for ${JSON.stringify(size)}: ${JSON.stringify(wrong ?? trends.from)}`);
    return { trendsMs: median(t), healthMs: median(h), bytes: body.length, periods: trends.periods.length };
  } finally {
    await world.stop();
  }
}

export async function run(o: { full?: boolean } = {}): Promise<BenchRow[]> {
  const base = o.full ? FULL_SIZE : DEFAULT_SIZE;
  const period = lastPeriodOfHistory(base.periods * 2);
  const b = await timeTrends(base, period);
  const hist = await timeTrends({ units: base.units, periods: base.periods * 2 }, period);
  const units = await timeTrends({ units: base.units * 2, periods: base.periods }, period);
  const size = `${base.units.toLocaleString('en-US')} units × ${base.periods} periods${o.full ? '' : ' (--full for 2,000 × 72)'}`;
  const net = (t: Timing) => Math.max(0.1, t.trendsMs - t.healthMs);
  return [
    {
      name: `/trends (${o.full ? 'full' : 'default'} size)`,
      goal: `< ${GOAL_MS} ms`,
      measured: `${b.trendsMs.toFixed(1)} ms median of ${SAMPLES}, ${(b.trendsMs / b.healthMs).toFixed(1)}× /health/db (${b.healthMs.toFixed(1)} ms), ${b.periods} periods answered, ${fmtBytes(b.bytes)} — ${size}`,
      ratio: `${b.trendsMs.toFixed(1)} ms`,
      pass: b.trendsMs < GOAL_MS,
    },
    {
      name: '/trends ×2 history',
      goal: '≈ 2× net (one entry per period)',
      measured: `net ${net(hist).toFixed(1)} ms with ${base.periods * 2} periods filed vs ${net(b).toFixed(1)} ms (gross ${hist.trendsMs.toFixed(1)} ms)`,
      ratio: fmtRatio(net(hist) / net(b)),
      pass: net(hist) / net(b) < 2.7,
    },
    {
      name: '/trends ×2 units',
      goal: '≈ 2× net (linear in units)',
      measured: `net ${net(units).toFixed(1)} ms with ${(base.units * 2).toLocaleString('en-US')} units vs ${net(b).toFixed(1)} ms (gross ${units.trendsMs.toFixed(1)} ms)`,
      ratio: fmtRatio(net(units) / net(b)),
      pass: net(units) / net(b) < 2.7,
    },
  ];
}

if (isMain(import.meta.url)) printTable(await run({ full: process.argv.includes('--full') }));

// Benchmark: POST /api/v1/reports against the real local Worker (wrangler dev + local D1) vs GET /api/v1/health/db,
// a bare route making exactly one D1 query, on the same server, in the same run, alternating rounds so drift hits
// both alike. A submission's floor is one D1 round trip (unit tokens name their unit; the insert checks the token),
// so the goal is ingest throughput ≥ 0.8× that baseline. Also prints GET /health (no D1) for scale.
// Run: node --import tsx bench/ingest.ts [--duration=8000] [--concurrency=8]
import { LIMITS, type Submission } from '../core/schemas/submission.ts';
import { halfMonthOf } from '../core/calendar/half-month.ts';
import { calendarFor, HALF_MONTHLY } from '../core/calendar/schedule.ts';
import { DEMO_PLAN, DEMO_UNITS, demoMeasuresFor } from '../test/fixtures/demo-plan.ts';
import { goodRow } from '../test/fixtures/submission-builder.ts';
import { startLocalWorker, type LocalWorker } from './lib/local-worker.ts';
import { mergeLoad, runLoad, type LoadResult } from './lib/load.ts';
import { fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';

export const GOAL_RATIO = 0.8;

export interface IngestOptions {
  durationMs?: number;
  concurrency?: number;
}

/**
 * The largest report the rules accept: all 13 measures of the demo plan once each (a 14th row would repeat a
 * measure, which core's duplicate_measure rule rejects, so the brief's "50 rows" cannot be a valid report). A row for
 * a measure the unit is not responsible for is refused (measure_not_assigned), so only units responsible for every
 * measure — the villages — send them.
 */
export function ingestSubmission(period: string, i: number): Submission {
  return { period, signer: `负责人${i % 100}`, rows: DEMO_PLAN.measures.map((m, j) => goodRow(m.id, i + j)) };
}

/** Units responsible for every measure of the demo plan (the 9 villages). */
export const FULL_REPORT_UNITS = DEMO_UNITS.filter(
  (u) => demoMeasuresFor(u.id).length === DEMO_PLAN.measures.length,
).map((u) => u.id);

/**
 * The load both ingest benchmarks send: report i from village i mod 9, spread over every period a unit may still
 * file for (the open one and LIMITS.pastPeriods back, at most LIMITS.revisionsPerPeriod revisions each), under a new
 * Idempotency-Key. Answers the status; `seen` gets every response.
 */
export function ingestSender(host: LocalWorker, seen?: (res: Response) => void): (i: number) => Promise<number> {
  const open = halfMonthOf(new Date());
  const periods = Array.from({ length: LIMITS.pastPeriods + 1 }, (_, k) => calendarFor(HALF_MONTHLY).back(open, k));
  const tokens = FULL_REPORT_UNITS.map((id) => host.tokens.units[id]!);
  return (i) =>
    fetch(`${host.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens[i % tokens.length]}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(ingestSubmission(periods[Math.floor(i / tokens.length) % periods.length]!, i)),
    }).then(async (r) => {
      await r.arrayBuffer();
      seen?.(r);
      return r.status;
    });
}

export async function run(o: IngestOptions = {}): Promise<BenchRow[]> {
  const durationMs = o.durationMs ?? 6000;
  const concurrency = o.concurrency ?? 8;
  const worker = await startLocalWorker();
  try {
    const get = (path: string) => (): Promise<number> =>
      fetch(`${worker.url}/api/v1${path}`).then(async (r) => (await r.arrayBuffer(), r.status));
    const oneQuery = get('/health/db');
    const health = get('/health');
    let replayed = 0;
    const ingest = ingestSender(worker, (r) => {
      if (r.headers.get('Idempotent-Replayed')) replayed++;
    });

    // Warm-up: JIT, connection pool, SQLite page cache.
    await runLoad({ concurrency, durationMs: 500, send: oneQuery }, () => true);
    await runLoad({ concurrency, durationMs: 500, send: ingest }, () => true);

    const half = durationMs / 2;
    const rounds: { q: LoadResult[]; p: LoadResult[]; h: LoadResult[] } = { q: [], p: [], h: [] };
    for (let round = 0; round < 2; round++) {
      rounds.q.push(
        await runLoad({ concurrency, durationMs: half / 2, maxRequests: 200_000, send: oneQuery }, (s) => s === 200),
      );
      rounds.p.push(
        await runLoad({ concurrency, durationMs: half / 2, maxRequests: 200_000, send: ingest }, (s) => s === 201),
      );
    }
    rounds.h.push(
      await runLoad({ concurrency, durationMs: half / 2, maxRequests: 200_000, send: health }, (s) => s === 200),
    );
    const q = mergeLoad(rounds.q, half);
    const p = mergeLoad(rounds.p, half);
    const h = mergeLoad(rounds.h, half / 2);
    const ratio = p.rps / q.rps;
    const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
    return [
      {
        name: `ingest POST /reports (13 rows, c=${concurrency})`,
        goal: `≥ ${GOAL_RATIO}× GET /health/db (one D1 query) req/s`,
        measured: `${fmt(p)} vs one-query ${fmt(q)} (no-D1 /health ${fmt(h)}); ${p.requests} stored, ${p.failures + q.failures} failed, ${replayed} replayed`,
        ratio: fmtRatio(ratio),
        pass: ratio >= GOAL_RATIO && p.failures === 0 && q.failures === 0 && replayed === 0,
      },
    ];
  } finally {
    await worker.stop();
  }
}

export function flagNumber(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

if (isMain(import.meta.url)) {
  printTable(await run({ durationMs: flagNumber('duration', 6000), concurrency: flagNumber('concurrency', 8) }));
}

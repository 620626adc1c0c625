// Benchmark: POST /api/v1/reports against the real local Worker (wrangler dev + local D1) vs a bare GET
// /api/v1/health on the same server, in the same run, alternating rounds so drift hits both alike.
// Goal: ingest throughput ≥ 0.5× the health baseline. Prints p50/p99 for both.
// Run: node --import tsx bench/ingest.ts [--duration=8000] [--concurrency=8]
import { periodOf, type Submission } from '../core/index.ts';
import { DEMO_PLAN, DEMO_UNITS, demoMeasuresFor } from '../test/fixtures/demo-plan.ts';
import { goodRow } from '../test/fixtures/submission-builder.ts';
import { startLocalWorker } from './lib/local-worker.ts';
import { mergeLoad, runLoad, type LoadResult } from './lib/load.ts';
import { fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';

export const GOAL_RATIO = 0.5;

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
export const FULL_REPORT_UNITS = DEMO_UNITS.filter((u) => demoMeasuresFor(u.id).length === DEMO_PLAN.measures.length).map((u) => u.id);

export async function run(o: IngestOptions = {}): Promise<BenchRow[]> {
  const durationMs = o.durationMs ?? 6000;
  const concurrency = o.concurrency ?? 8;
  const worker = await startLocalWorker();
  try {
    const period = periodOf(new Date());
    const unitTokens = FULL_REPORT_UNITS.map((id) => worker.tokens.units[id]!);
    const health = (): Promise<number> =>
      fetch(`${worker.url}/api/v1/health`).then(async (r) => (await r.arrayBuffer(), r.status));
    let replayed = 0;
    const ingest = (i: number): Promise<number> =>
      fetch(`${worker.url}/api/v1/reports`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${unitTokens[i % unitTokens.length]}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify(ingestSubmission(period, i)),
      }).then(async (r) => {
        await r.arrayBuffer();
        if (r.headers.get('Idempotent-Replayed')) replayed++;
        return r.status;
      });

    // Warm-up: JIT, connection pool, SQLite page cache.
    await runLoad({ concurrency, durationMs: 500, send: health }, () => true);
    await runLoad({ concurrency, durationMs: 500, send: ingest }, () => true);

    const half = durationMs / 2;
    const rounds: { h: LoadResult[]; p: LoadResult[] } = { h: [], p: [] };
    for (let round = 0; round < 2; round++) {
      rounds.h.push(await runLoad({ concurrency, durationMs: half / 2, maxRequests: 200_000, send: health }, (s) => s === 200));
      rounds.p.push(await runLoad({ concurrency, durationMs: half / 2, maxRequests: 200_000, send: ingest }, (s) => s === 201));
    }
    const h = mergeLoad(rounds.h, half);
    const p = mergeLoad(rounds.p, half);
    const ratio = p.rps / h.rps;
    const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
    return [
      {
        name: `ingest POST /reports (13 rows, c=${concurrency})`,
        goal: `≥ ${GOAL_RATIO}× GET /health req/s`,
        measured: `${fmt(p)} vs health ${fmt(h)}; ${p.requests} stored, ${p.failures + h.failures} failed, ${replayed} replayed`,
        ratio: fmtRatio(ratio),
        pass: ratio >= GOAL_RATIO && p.failures === 0 && h.failures === 0 && replayed === 0,
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

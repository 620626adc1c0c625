// Benchmark: the self-hosted server (server/: Node + SQLite) beside the Worker (wrangler dev + local D1) in one run,
// on the same data: GET /summary for one period of a 500-unit × 36-period history, then ingest (POST /reports,
// 13 rows) under the same closed-loop load. Rounds alternate between the two hosts so background load hits both
// alike. The issue expects the Node server to be at least as fast on one machine: goal ratio ≥ 1 (Node ÷ Worker
// throughput; Worker ÷ Node latency).
// Run: node --import tsx bench/self-hosted.ts [--duration=6000] [--concurrency=8]
import path from 'node:path';
import { executeSql } from '../scripts/seed-dev.ts';
import { openDatabase } from '../server/database.ts';
import { flagNumber, ingestSender } from './ingest.ts';
import { startLocalNodeServer } from '../scripts/node-server.ts';
import { startLocalWorker, type LocalWorker } from './lib/local-worker.ts';
import { mergeLoad, runLoad, type LoadResult } from './lib/load.ts';
import { fmtRatio, isMain, printTable, type BenchRow } from './lib/result.ts';
import { lastPeriodOfHistory, scaleSql, type ScaleSize } from './lib/scale-sql.ts';
import { median } from './lib/stats.ts';

const SIZE: ScaleSize = { units: 500, periods: 36 };
const SAMPLES = 25;

async function summaryMs(host: LocalWorker, period: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${host.url}/api/v1/summary?period=${period}`, {
    headers: { Authorization: `Bearer ${host.tokens.supervisor}` },
  });
  const body = (await res.json()) as { totals: { units: number } };
  if (res.status !== 200 || body.totals.units !== SIZE.units + 22) throw new Error(`/summary answered ${res.status}`);
  return performance.now() - t0;
}

export async function run(o: { durationMs?: number; concurrency?: number } = {}): Promise<BenchRow[]> {
  const durationMs = o.durationMs ?? 6000;
  const concurrency = o.concurrency ?? 8;
  const period = lastPeriodOfHistory(SIZE.periods);
  const sql = scaleSql(SIZE, period);
  const worker = await startLocalWorker({ prepare: (dir) => executeSql(sql, dir) });
  const node = await startLocalNodeServer({
    prepare: async (dir) => {
      const db = openDatabase(path.join(dir, 'rectify.sqlite'));
      db.exec(sql);
      db.close();
    },
  });
  try {
    const hosts = { worker, node };
    const times: Record<keyof typeof hosts, number[]> = { worker: [], node: [] };
    for (let i = 0; i < 5; i++) for (const h of Object.values(hosts)) await summaryMs(h, period); // warm-up
    for (let i = 0; i < SAMPLES; i++)
      for (const [k, h] of Object.entries(hosts)) times[k as 'worker'].push(await summaryMs(h, period));
    const ws = median(times.worker);
    const ns = median(times.node);

    const send = { worker: ingestSender(worker), node: ingestSender(node) };
    for (const s of Object.values(send)) await runLoad({ concurrency, durationMs: 500, send: s }, () => true);
    const rounds: Record<keyof typeof hosts, LoadResult[]> = { worker: [], node: [] };
    const slice = durationMs / 4;
    for (let round = 0; round < 2; round++) {
      for (const k of ['worker', 'node'] as const) {
        rounds[k].push(
          await runLoad({ concurrency, durationMs: slice, maxRequests: 100_000, send: send[k] }, (s) => s === 201),
        );
      }
    }
    const w = mergeLoad(rounds.worker, slice * 2);
    const n = mergeLoad(rounds.node, slice * 2);
    const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
    return [
      {
        name: `self-hosted /summary one period (${SIZE.units} units × ${SIZE.periods} periods)`,
        goal: 'Node ≥ 1× Worker (Worker ms ÷ Node ms)',
        measured: `Node ${ns.toFixed(1)} ms vs Worker ${ws.toFixed(1)} ms, median of ${SAMPLES} each, alternating`,
        ratio: fmtRatio(ws / ns),
        pass: ws / ns >= 1,
      },
      {
        name: `self-hosted ingest POST /reports (13 rows, c=${concurrency})`,
        goal: 'Node ≥ 1× Worker req/s',
        measured: `Node ${fmt(n)} vs Worker ${fmt(w)}; failed ${n.failures} / ${w.failures}`,
        ratio: fmtRatio(n.rps / w.rps),
        pass: n.rps / w.rps >= 1 && n.failures === 0 && w.failures === 0,
      },
    ];
  } finally {
    await node.stop();
    await worker.stop();
  }
}

if (isMain(import.meta.url)) {
  printTable(await run({ durationMs: flagNumber('duration', 6000), concurrency: flagNumber('concurrency', 8) }));
}

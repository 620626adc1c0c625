// A bounded closed-loop load generator: N workers each send a request, await the full response, repeat, until the
// duration or the request budget runs out. Latency is measured per request on the client (loopback).
import { percentile } from './stats.ts';

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** Hard cap on requests, so a run always ends. */
  maxRequests?: number;
  /** Builds and sends request number i; must consume the body. Returns the HTTP status. */
  send: (i: number) => Promise<number>;
}

export interface LoadResult {
  requests: number;
  /** Responses with a status other than the expected one(s). */
  failures: number;
  statuses: Record<number, number>;
  rps: number;
  p50: number;
  p99: number;
  /** Every latency in ms, for merging rounds. */
  samples: number[];
}

export async function runLoad(o: LoadOptions, ok: (status: number) => boolean): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let failures = 0;
  const cap = o.maxRequests ?? Number.POSITIVE_INFINITY;
  const t0 = performance.now();
  const end = t0 + o.durationMs;
  const worker = async () => {
    while (performance.now() < end && next < cap) {
      const i = next++;
      const s = performance.now();
      let status = 0;
      try {
        status = await o.send(i);
      } catch {
        status = 0; // connection error
      }
      latencies.push(performance.now() - s);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!ok(status)) failures++;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  return {
    requests: latencies.length,
    failures,
    statuses,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    samples: latencies,
  };
}

/** Merges rounds of the same load (alternated with a baseline so drift hits both alike). */
export function mergeLoad(rounds: readonly LoadResult[], elapsedMs: number): LoadResult {
  const samples = rounds.flatMap((r) => r.samples);
  const statuses: Record<number, number> = {};
  for (const r of rounds)
    for (const [k, v] of Object.entries(r.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + v;
  return {
    requests: samples.length,
    failures: rounds.reduce((n, r) => n + r.failures, 0),
    statuses,
    rps: samples.length / (elapsedMs / 1000),
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    samples,
  };
}

// HTTP helpers for the reliability tests: every call goes over loopback to the real local Worker.
import { inject } from 'vitest';
import type { Submission } from '../../core/schemas/submission.ts';
import { DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { goodRow } from '../fixtures/submission-builder.ts';

/** The instant the tests pretend it is (X-Rectify-Now): open period 2024-03-H1, so 2024-01/02 periods are past (and
 * after 2023-08-H1, the seeded demo plan's first period, which every report here is filed under). */
export const NOW = '2024-03-10T04:00:00.000Z';
/** Heavier variants (10,000 fuzz bodies, more replays) when RELIABILITY_FULL=1. */
export const FULL = process.env.RELIABILITY_FULL === '1';

export const worker = () => inject('worker');
export const unitToken = (unitId: string) => worker().tokens.units[unitId]!;
export const supervisorToken = () => worker().tokens.supervisor;
/** The seeded units: all 22 are responsible for some measure of the demo plan. */
export const UNIT_IDS = DEMO_UNITS.map((u) => u.id);

export interface ApiError {
  error: { code: string; message: string; issues?: { path: string; code: string; message: string }[] };
}

export interface CallInit {
  token?: string;
  method?: string;
  /** Sent as is (already JSON text, or raw bytes). */
  body?: string | Uint8Array;
  key?: string;
  headers?: Record<string, string>;
}

/** What the clients had to retry during this test file: shown by tests, never hidden. */
export const retries = { serviceUnavailable: 0, network: 0 };
const MAX_ATTEMPTS = 5;

/**
 * Like the pane's queue: a 503 or a dropped connection is retried with the same Idempotency-Key (safe: the server
 * stores a key once and replays its receipt). Only GETs and keyed POSTs are retried; anything else is answered
 * as it came. wrangler dev's proxy answers 503 "Your worker restarted mid-request" when its hop to the runtime
 * fails under load and, unlike for GET, does not retry a POST itself.
 */
export async function call(path: string, o: CallInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'X-Rectify-Now': NOW, ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['Content-Type'] ??= 'application/json';
  if (o.key) headers['Idempotency-Key'] = o.key;
  const method = o.method ?? (o.body !== undefined ? 'POST' : 'GET');
  const retryable = method === 'GET' || o.key !== undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${worker().url}/api/v1${path}`, {
        method,
        headers,
        body: o.body as BodyInit | undefined,
      });
      if (res.status !== 503 || !retryable || attempt === MAX_ATTEMPTS) return res;
      retries.serviceUnavailable++;
      await res.arrayBuffer();
    } catch (e) {
      if (!retryable || attempt === MAX_ATTEMPTS) throw e;
      retries.network++;
    }
    await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
  }
}

export function submit(unitId: string, submission: unknown, key: string = crypto.randomUUID()): Promise<Response> {
  return call('/reports', { token: unitToken(unitId), body: JSON.stringify(submission), key });
}

/** A valid report for the unit: one row per demo plan measure it is responsible for. */
export function validSubmission(unitId: string, period: string, signer = '李明'): Submission {
  return { period, signer, rows: demoMeasuresFor(unitId).map((m, i) => goodRow(m.id, i)) };
}

/** Every stored revision of the unit (all periods, or one). */
export async function unitHistory(
  unitId: string,
  period?: string,
): Promise<{ reportId: string; period: string; revision: number; signer: string }[]> {
  const res = await call(`/reports?history=1${period ? `&period=${period}` : ''}`, { token: unitToken(unitId) });
  if (res.status !== 200) throw new Error(`GET /reports answered ${res.status}`);
  return ((await res.json()) as { reports: { reportId: string; period: string; revision: number; signer: string }[] })
    .reports;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

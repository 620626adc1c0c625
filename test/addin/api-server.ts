// The real Worker for the add-in's client and offline queue: bench/lib/local-worker.ts (wrangler dev + a throw-away
// local D1 with the demo plan, units and tokens) behind a small fault-injecting proxy on 127.0.0.1. Auth,
// idempotency, validation and receipts are the Worker's own; the proxy only adds what a network does — scripted
// failures (`failNext`: drop the connection, lose the answer, delay, or answer 5xx/4xx itself) and a fixed clock
// (X-Rectify-Now, so the demo period 2023-09-H1 is open).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReportHeader } from '../../core/schemas/api.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { startLocalWorker, type LocalWorker } from '../../bench/lib/local-worker.ts';
import { DEMO_PLAN_ID, demoMeasuresFor } from '../fixtures/demo-plan.ts';

/** drop: close the connection unanswered; ack-lost: let the Worker handle the request (and store it) but close instead of answering. */
export type Failure = { status: number; body?: unknown } | 'drop' | 'ack-lost' | { delayMs: number };

export interface ApiServer {
  url: string;
  /** Every request seen: method, path, headers, parsed body. */
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[];
  failNext(...failures: Failure[]): void;
  /** Replace a route's answer. */
  route(path: string, handler: ((req: IncomingMessage, body: unknown, res: ServerResponse) => void) | undefined): void;
  /** Remembers which reports of PERIOD the Worker holds now… */
  mark(): Promise<void>;
  /** …and lists those it has stored since (every revision, newest first), as the supervisor sees them. */
  storedSinceMark(): Promise<ReportHeader[]>;
  close(): Promise<void>;
}

/** The period the tests file into, and the instant the proxy tells the Worker it is (before its deadline). */
export const PERIOD = '2023-09-H1';
const NOW = '2023-09-14T08:00:00.000Z';

/** The seeded tokens (two villages and the office), filled in by startApiServer. */
export const TOKENS = { unit: '', otherUnit: '', supervisor: '' };
export const UNITS = {
  unit: { id: 'v-minliang', name: '民良村' },
  otherUnit: { id: 'v-banlie', name: '班列村' },
} as const;
/** The unit a unit token belongs to. */
export const TOKEN_UNITS: Record<string, { id: string; name: string }> = {};

/** A submission the Worker accepts from the unit: every measure it is responsible for, with real progress text. */
export function submissionFor(unitId: string, signer = '李四'): Submission {
  return {
    planId: DEMO_PLAN_ID,
    period: PERIOD,
    signer,
    rows: demoMeasuresFor(unitId).map((m, i) => ({
      measureId: m.id,
      status: 'ongoing',
      progress: `${m.title}：入户走访 ${120 + i} 户`,
    })),
  };
}

const ackLost = new WeakSet<ServerResponse>();

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ackLost.has(res)) return void res.socket?.destroy();
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Hands the request to the Worker as it came (plus the clock) and its answer back. */
async function forward(worker: LocalWorker, req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value);
  }
  if (!headers.has('X-Rectify-Now')) headers.set('X-Rectify-Now', NOW);
  const answer = await fetch(`${worker.url}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: raw.length ? new Uint8Array(raw) : undefined,
  });
  const text = await answer.text();
  const kept: Record<string, string> = {};
  for (const name of [
    'content-type',
    'content-disposition',
    'idempotent-replayed',
    'retry-after',
    'www-authenticate',
  ]) {
    const v = answer.headers.get(name);
    if (v) kept[name] = v;
  }
  send(res, answer.status, text, kept);
}

export async function startApiServer(): Promise<ApiServer> {
  const worker = await startLocalWorker({ clockOverride: true });
  Object.assign(TOKENS, {
    unit: worker.tokens.units[UNITS.unit.id],
    otherUnit: worker.tokens.units[UNITS.otherUnit.id],
    supervisor: worker.tokens.supervisor,
  });
  TOKEN_UNITS[TOKENS.unit] = UNITS.unit;
  TOKEN_UNITS[TOKENS.otherUnit] = UNITS.otherUnit;
  const requests: ApiServer['requests'] = [];
  const failures: Failure[] = [];
  const routes = new Map<string, (req: IncomingMessage, body: unknown, res: ServerResponse) => void>();

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = raw.toString('utf8');
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
    const failure = failures.shift();
    if (failure === 'drop') return req.socket.destroy();
    if (failure === 'ack-lost') ackLost.add(res);
    else if (failure && 'delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
    else if (failure) return send(res, failure.status, failure.body ?? '');
    const custom = routes.get(url.pathname);
    if (custom) return custom(req, body, res);
    await forward(worker, req, raw, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const reports = async (): Promise<ReportHeader[]> => {
    const res = await fetch(`${worker.url}/api/v1/reports?period=${PERIOD}&history=1`, {
      headers: { Authorization: `Bearer ${worker.tokens.supervisor}`, 'X-Rectify-Now': NOW },
    });
    return ReportHeader.array().parse(((await res.json()) as { reports: unknown }).reports);
  };
  let marked = new Set<string>();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...f) => failures.push(...f),
    route: (path, handler) => (handler ? routes.set(path, handler) : routes.delete(path)),
    mark: async () => {
      marked = new Set((await reports()).map((r) => r.reportId));
    },
    storedSinceMark: async () => (await reports()).filter((r) => !marked.has(r.reportId)),
    close: async () => {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      await worker.stop();
    },
  };
}

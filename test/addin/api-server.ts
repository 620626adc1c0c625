// A small real HTTP server on 127.0.0.1 (ephemeral port) that speaks the Worker's /api/v1 contract closely enough
// for the add-in's client and offline queue: Bearer auth, Idempotency-Key replays, {error:{…}} bodies. Scripted
// failures (`failNext`) let tests drop connections or answer 5xx/4xx on demand. The active plan is the demo plan.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PLAN, DEMO_PLAN_ID, DEMO_UNITS } from '../fixtures/demo-plan.ts';

/** drop: close the connection unanswered; ack-lost: handle the request (store it) but close instead of answering. */
export type Failure = { status: number; body?: unknown } | 'drop' | 'ack-lost' | { delayMs: number };

export interface ApiServer {
  url: string;
  /** Every request seen: method, path, headers, parsed body. */
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[];
  /** Reports stored, one per distinct Idempotency-Key. */
  stored: Map<string, { receipt: Record<string, unknown>; body: string }>;
  failNext(...failures: Failure[]): void;
  /** Replace a route's answer. */
  route(path: string, handler: ((req: IncomingMessage, body: unknown, res: ServerResponse) => void) | undefined): void;
  close(): Promise<void>;
}

const ackLost = new WeakSet<ServerResponse>();

export const TOKENS = { unit: 'tok-unit-minliang', otherUnit: 'tok-unit-banlie', supervisor: 'tok-supervisor' } as const;

/** The unit each unit token belongs to; the server files a report under its token's unit, as the Worker does. */
export const TOKEN_UNITS: Record<string, { id: string; name: string; kind: 'village' }> = {
  [TOKENS.unit]: { id: 'v-minliang', name: '民良村', kind: 'village' },
  [TOKENS.otherUnit]: { id: 'v-banlie', name: '班列村', kind: 'village' },
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ackLost.has(res)) return void res.socket?.destroy();
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startApiServer(): Promise<ApiServer> {
  const requests: ApiServer['requests'] = [];
  const stored: ApiServer['stored'] = new Map();
  const failures: Failure[] = [];
  const routes = new Map<string, (req: IncomingMessage, body: unknown, res: ServerResponse) => void>();
  let revision = 0;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
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
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!Object.values(TOKENS).includes(token as never)) return send(res, 401, {
      // The Worker's own wording: Chinese message, English messageEn and issue message.
      error: { code: 'unauthorized', message: '访问令牌无效', messageEn: 'invalid token', issues: [{ path: 'Authorization', code: 'invalid', message: 'unknown or malformed bearer token' }] },
    });

    if (req.method === 'GET' && url.pathname === '/api/v1/me') {
      const unit = TOKEN_UNITS[token];
      // As the Worker: a unit gets the active plans it is responsible in, the supervisor every active plan.
      const plans = [DEMO_PLAN].filter((p) => !unit || p.measures.some((m) => m.responsibleUnitIds.includes(unit.id)));
      return send(res, 200, unit
        ? { role: 'unit', label: `${unit.name} demo`, unit, openPeriod: '2023-09-H1', plans, units: DEMO_UNITS }
        : { role: 'supervisor', label: '乡村振兴办', unit: null, openPeriod: '2023-09-H1', plans, units: DEMO_UNITS });
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/reports') {
      const key = String(req.headers['idempotency-key'] ?? '');
      if (!key) return send(res, 400, { error: { code: 'idempotency_key_required', message: 'Idempotency-Key header is required' } });
      const prior = stored.get(key);
      if (prior) {
        if (prior.body !== raw) return send(res, 409, { error: { code: 'idempotency_conflict', message: 'key reused with a different body' } });
        return send(res, 201, prior.receipt, { 'Idempotent-Replayed': 'true' });
      }
      const sub = body as { plan?: string; period?: string; rows?: unknown[] };
      if (!sub?.rows?.length) return send(res, 422, { error: { code: 'validation_failed', message: 'invalid submission', issues: [{ path: 'rows', code: 'too_small', message: 'at least one row is required' }] } });
      revision++;
      const receipt = { reportId: `r-${revision}`, planId: sub.plan ?? DEMO_PLAN_ID, unitId: TOKEN_UNITS[token]?.id ?? 'v-minliang', period: sub.period, revision, receivedAt: '2023-09-14T08:00:00.000Z', deadline: '2023-09-14T16:00:00.000Z', timeliness: 'on_time', warnings: 0 };
      stored.set(key, { receipt, body: raw });
      return send(res, 201, receipt);
    }
    send(res, 404, { error: { code: 'not_found', message: `no route ${url.pathname}` } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stored,
    failNext: (...f) => failures.push(...f),
    route: (path, handler) => (handler ? routes.set(path, handler) : routes.delete(path)),
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

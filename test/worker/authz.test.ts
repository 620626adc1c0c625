// The full authorisation matrix: every route × (no token, bad token, revoked, other unit, unit, supervisor, admin).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/schemas/submission.ts';
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import { type Role } from '../../core/schemas/api.ts';
import {
  call,
  makeRevokedToken,
  makeToken,
  submissionFor,
  submit,
  type CallOptions,
  type TestToken,
} from './helpers.ts';

const UNIT = 'v-minliang';
const OTHER = 'v-yongan';
const NOW = '2025-06-10T04:00:00.000Z'; // open period 2025-06-H1; a year back is still after the demo plan's first period

type Caller = 'none' | 'bad' | 'revoked' | 'otherUnit' | 'unit' | 'supervisor' | 'admin';
const CALLERS: Caller[] = ['none', 'bad', 'revoked', 'otherUnit', 'unit', 'supervisor', 'admin'];

let tokens: Record<Exclude<Caller, 'none' | 'bad'>, TestToken>;
let periodSeq = 0;

/** A fresh current report of UNIT in its own period (so returning it is always possible). */
async function freshReport(): Promise<string> {
  // Distinct earlier periods, all within the year a late report may still be filed for.
  const period = calendarFor(HALF_MONTHLY).back('2025-06-H1', 1 + (periodSeq++ % (LIMITS.pastPeriods - 1)));
  const res = await submit(tokens.unit.token, submissionFor(UNIT, period), { now: NOW });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reportId: string }).reportId;
}

interface RouteCase {
  name: string;
  allowed: Role[] | 'public';
  ok: number;
  /** Builds the request; may create fixtures first. */
  request: () => Promise<[string, CallOptions]>;
  /** Expected status for another unit's token where it differs from a unit's. */
  otherUnit?: number;
}

const ROUTES: RouteCase[] = [
  { name: 'GET /health', allowed: 'public', ok: 200, request: async () => ['/health', {}] },
  { name: 'GET /me', allowed: ['unit', 'supervisor', 'admin'], ok: 200, request: async () => ['/me', {}] },
  { name: 'GET /catalog', allowed: ['unit', 'supervisor', 'admin'], ok: 200, request: async () => ['/catalog', {}] },
  { name: 'GET /units', allowed: ['unit', 'supervisor', 'admin'], ok: 200, request: async () => ['/units', {}] },
  {
    name: 'POST /reports',
    allowed: ['unit'],
    ok: 201,
    request: async () => [
      '/reports',
      { body: submissionFor(UNIT, '2025-06-H1'), headers: { 'Idempotency-Key': crypto.randomUUID() } },
    ],
    otherUnit: 201,
  },
  {
    name: 'GET /reports',
    allowed: ['unit', 'supervisor'],
    ok: 200,
    request: async () => ['/reports?period=2025-06-H1', {}],
  },
  {
    name: 'GET /reports/:id',
    allowed: ['unit', 'supervisor'],
    ok: 200,
    request: async () => [`/reports/${await freshReport()}`, {}],
    otherUnit: 404,
  },
  {
    name: 'POST /reports/:id/return',
    allowed: ['supervisor'],
    ok: 200,
    request: async () => [`/reports/${await freshReport()}/return`, { body: { reason: '佐证材料不全' } }],
  },
  { name: 'GET /summary', allowed: ['supervisor'], ok: 200, request: async () => ['/summary', {}] },
  { name: 'GET /details', allowed: ['supervisor'], ok: 200, request: async () => ['/details?period=2025-06-H1', {}] },
  { name: 'GET /matrix', allowed: ['supervisor'], ok: 200, request: async () => ['/matrix', {}] },
  { name: 'GET /export.csv', allowed: ['supervisor'], ok: 200, request: async () => ['/export.csv', {}] },
  {
    name: 'POST /admin/tokens',
    allowed: ['admin'],
    ok: 201,
    request: async () => ['/admin/tokens', { body: { role: 'supervisor', label: '督办' } }],
  },
  { name: 'GET /admin/tokens', allowed: ['admin'], ok: 200, request: async () => ['/admin/tokens', {}] },
  {
    name: 'POST /admin/tokens/:id/revoke',
    allowed: ['admin'],
    ok: 200,
    request: async () => [`/admin/tokens/${(await makeToken('unit', OTHER)).id}/revoke`, { method: 'POST' }],
  },
];

function expected(route: RouteCase, caller: Caller): number {
  if (route.allowed === 'public') return route.ok;
  if (caller === 'none' || caller === 'bad' || caller === 'revoked') return 401;
  const role: Role = caller === 'otherUnit' ? 'unit' : caller;
  if (!route.allowed.includes(role)) return 403;
  return caller === 'otherUnit' ? (route.otherUnit ?? route.ok) : route.ok;
}

function tokenOf(caller: Caller): string | undefined {
  if (caller === 'none') return undefined;
  if (caller === 'bad') return 'rt_not-a-real-token';
  return tokens[caller].token;
}

describe('authorisation matrix', () => {
  beforeAll(async () => {
    tokens = {
      revoked: await makeRevokedToken('supervisor'),
      otherUnit: await makeToken('unit', OTHER),
      unit: await makeToken('unit', UNIT),
      supervisor: await makeToken('supervisor'),
      admin: await makeToken('admin'),
    };
  });

  const cases = ROUTES.flatMap((route) =>
    CALLERS.map((caller) => ({ route, caller, status: expected(route, caller) })),
  );
  it.each(cases)('$route.name as $caller answers $status', async ({ route, caller, status }) => {
    const [path, init] = await route.request();
    const res = await call(path, { ...init, token: tokenOf(caller), now: NOW });
    expect(res.status).toBe(status);
    if (status >= 400) {
      const body = (await res.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
      expect(body.error.code).toBe(
        {
          401: caller === 'revoked' ? 'token_revoked' : caller === 'none' ? 'unauthorized' : 'invalid_token',
          403: 'forbidden',
          404: 'not_found',
        }[status],
      );
      expect(body.error.message.length).toBeGreaterThan(0);
      // Each names what is at fault: the Authorization header (401, 403) or the path parameter (404).
      expect(body.error.issues.length).toBeGreaterThan(0);
    }
    if (status === 401) expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it('refuses a token sent without the Bearer scheme', async () => {
    const res = await call('/me', { headers: { Authorization: tokens.admin.token } });
    expect(res.status).toBe(401);
  });

  it('keeps the tokens table free of plain tokens', async () => {
    const row = await env.DB.prepare('SELECT hash FROM tokens WHERE id = ?')
      .bind(tokens.admin.id)
      .first<{ hash: string }>();
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.hash).not.toContain(tokens.admin.token);
  });
});

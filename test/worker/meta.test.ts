// Reference routes, the units migration, CORS, the clock override guard and the error mapper.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody, Me } from '../../core/schemas/api.ts';
import { Plan } from '../../core/schemas/plan.ts';
import { app } from '../../worker/app.ts';
import { DEMO_PLAN, DEMO_UNITS } from '../fixtures/demo-plan.ts';
import { call, makeToken, ORIGIN, type TestToken } from './helpers.ts';

let sup: TestToken;

describe('reference routes', () => {
  beforeAll(async () => {
    sup = await makeToken('supervisor');
  });

  it('answers health with the open period at the injected instant', async () => {
    const body = (await (await call('/health', { now: '2023-09-14T16:00:00Z' })).json()) as {
      ok: boolean;
      openPeriod: string;
    };
    expect(body).toMatchObject({ ok: true, openPeriod: '2023-09-H2' });
  });

  it('tells a supervisor its role and no unit', async () => {
    expect(Me.parse(await (await call('/me', { token: sup.token, now: '2023-09-14T15:59:59Z' })).json())).toMatchObject(
      {
        role: 'supervisor',
        unit: null,
        openPeriod: '2023-09-H1',
      },
    );
  });

  it('serves the plan catalog: 4 problems and 13 measures, the seeded plan identical to the demo data file', async () => {
    const body = (await (await call('/catalog', { token: sup.token })).json()) as {
      plan: unknown;
      problems: unknown[];
      measures: { id: string }[];
    };
    expect(Plan.parse(body.plan)).toEqual({ ...DEMO_PLAN, version: 1 });
    expect(body.problems).toHaveLength(4);
    expect(body.measures.map((m) => m.id)).toEqual(DEMO_PLAN.measures.map((m) => m.id));
    expect(body.measures).toHaveLength(13);
  });

  it('serves the units seeded by migration, identical to the demo data file', async () => {
    const body = (await (await call('/units', { token: sup.token })).json()) as { units: unknown[] };
    expect(body.units).toEqual(DEMO_UNITS);
  });
});

describe('CORS', () => {
  it('allows a listed origin, including preflight', async () => {
    const pre = await call('/summary', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://allowed.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('https://allowed.example');
    expect(pre.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
    const get = await call('/health', { headers: { Origin: 'https://also.example' } });
    expect(get.headers.get('Access-Control-Allow-Origin')).toBe('https://also.example');
  });

  it('gives an unlisted origin no CORS headers', async () => {
    const res = await call('/health', { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('clock override', () => {
  it('is ignored unless ALLOW_CLOCK_OVERRIDE is "1"', async () => {
    const res = await app.request(
      `${ORIGIN}/api/v1/health`,
      { headers: { 'X-Rectify-Now': '2001-01-01T00:00:00Z' } },
      { ...env, ALLOW_CLOCK_OVERRIDE: undefined },
    );
    const body = (await res.json()) as { time: string };
    expect(new Date(body.time).getFullYear()).toBeGreaterThan(2001);
  });

  it('rejects an unreadable instant with 400 naming the header', async () => {
    const res = await call('/health', { now: 'tomorrow' });
    expect(res.status).toBe(400);
    expect(ApiErrorBody.parse(await res.json()).error.issues?.[0]?.path).toBe('X-Rectify-Now');
  });
});

describe('error mapping', () => {
  it('answers an unknown API path with a JSON 404', async () => {
    const res = await call('/nowhere');
    expect(res.status).toBe(404);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('not_found');
  });

  it('logs an unexpected failure and answers a plain 500 without internals', async () => {
    const broken = { ...env, DB: undefined as unknown as D1Database };
    const res = await app.request(`${ORIGIN}/api/v1/me`, { headers: { Authorization: 'Bearer rt_x' } }, broken);
    expect(res.status).toBe(500);
    const body = ApiErrorBody.parse(await res.json());
    expect(body.error).toEqual({
      code: 'internal',
      message: '服务器内部错误',
      messageEn: 'internal error',
      issues: [],
    });
  });
});

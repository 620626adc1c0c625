// One D1 round trip per submission: a unit token names its unit (`<unit id>.rt_…`), so POST /reports needs no
// lookup before its one batch, which itself checks the token's hash, unit and revocation. The Worker runs with the
// real local D1, wrapped only to count the calls that cross to the database.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, Receipt } from '../../core/schemas/submission.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { forgetPlans } from '../../worker/lib/plan-snapshot.ts';
import { app } from '../../worker/app.ts';
import { insertReport } from '../../worker/db/reports/index.ts';
import { revokeToken } from '../../worker/db/tokens.ts';
import { aroundDeadline, errorOf, makeToken, ORIGIN, submissionFor, type TestToken } from './helpers.ts';

const UNIT = 'v-manlai';
const HOUR = 3_600_000;

/** The real D1 binding, counting every call that reaches the database (first/all/run/raw on a statement, batch, exec). */
function countingDb(db: D1Database) {
  const counter = { calls: 0 };
  const wrapStatement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrapStatement(target.bind(...args));
        if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
          return (...args: unknown[]) => (
            counter.calls++,
            (target[prop] as (...a: unknown[]) => unknown).apply(target, args)
          );
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  const unwrap = new WeakMap<object, D1PreparedStatement>();
  const wrapped = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const raw = target.prepare(sql);
          const w = wrapStatement(raw);
          unwrap.set(w, raw);
          return w;
        };
      }
      if (prop === 'batch')
        return (stmts: D1PreparedStatement[]) => (counter.calls++, target.batch(stmts.map((s) => unwrap.get(s) ?? s)));
      if (prop === 'exec') return (sql: string) => (counter.calls++, target.exec(sql));
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: wrapped, counter };
}

async function post(token: string, body: unknown, o: { key?: string; now?: string } = {}) {
  const { db, counter } = countingDb(env.DB);
  const res = await app.request(
    `${ORIGIN}/api/v1/reports`,
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': o.key ?? crypto.randomUUID(),
        ...(o.now ? { 'X-Rectify-Now': o.now } : {}),
      },
      body: JSON.stringify(body),
    },
    { ...env, DB: db, RATE_LIMITS: 'off' },
  );
  return { res, calls: counter.calls };
}

const count = async (period: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM reports WHERE unit_id = ? AND period = ?')
    .bind(UNIT, period)
    .first<{ n: number }>())!.n;

let unit: TestToken;

describe('one D1 round trip per submission', () => {
  beforeAll(async () => {
    unit = await makeToken('unit', UNIT);
  });

  it('stores a submission with a unit-named token in exactly one D1 call once the isolate holds the plans, two when cold', async () => {
    expect(unit.token.startsWith(`${UNIT}.rt_`)).toBe(true);
    const period = '2023-09-H1';
    forgetPlans();
    const cold = await post(unit.token, submissionFor(UNIT, period), { now: aroundDeadline(period, -HOUR) });
    expect(cold.res.status).toBe(201);
    expect(cold.calls).toBe(2);
    const { res, calls } = await post(unit.token, submissionFor(UNIT, period, '李四'), {
      now: aroundDeadline(period, -HOUR),
    });
    expect(res.status).toBe(201);
    expect(Receipt.parse(await res.json())).toMatchObject({ unitId: UNIT, revision: 2 });
    expect(calls).toBe(1);
  });

  it('still accepts an older unit token without the prefix, at the cost of a lookup first', async () => {
    const legacy = await makeToken('unit', UNIT, { legacy: true });
    const period = '2023-09-H2';
    const { res, calls } = await post(legacy.token, submissionFor(UNIT, period), {
      now: aroundDeadline(period, -HOUR),
    });
    expect(res.status).toBe(201);
    expect(calls).toBe(2);
  });

  it('refuses a revoked unit-named token at once with token_revoked, storing nothing', async () => {
    const t = await makeToken('unit', UNIT);
    await revokeToken(env.DB, t.id, '2023-10-01T00:00:00.000Z');
    const period = '2023-10-H1';
    const { res } = await post(t.token, submissionFor(UNIT, period), { now: aroundDeadline(period, -HOUR) });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('token_revoked');
    expect(await count(period)).toBe(0);
  });

  it('refuses a forged token that names a real unit with 401, also when the body is bad, storing nothing', async () => {
    const forged = `${UNIT}.rt_${'A'.repeat(43)}`;
    const period = '2023-10-H2';
    const good = await post(forged, submissionFor(UNIT, period), { now: aroundDeadline(period, -HOUR) });
    expect(good.res.status).toBe(401);
    expect((await errorOf(good.res)).code).toBe('invalid_token');
    const bad = await post(forged, { period }, { now: aroundDeadline(period, -HOUR) });
    expect(bad.res.status).toBe(401);
    // A token naming another unit than its own is as good as forged: the hash covers the prefix.
    const swapped = unit.token.replace(`${UNIT}.`, 'v-gongsa.');
    expect(
      (await post(swapped, submissionFor('v-gongsa', period), { now: aroundDeadline(period, -HOUR) })).res.status,
    ).toBe(401);
    expect(await count(period)).toBe(0);
  });

  it(`answers 409 revision_limit once the period holds ${LIMITS.revisionsPerPeriod} revisions`, async () => {
    const period = '2023-08-H1';
    const sub = submissionFor(UNIT, period);
    for (let i = 0; i < LIMITS.revisionsPerPeriod; i++) {
      await insertReport(env.DB, {
        id: crypto.randomUUID(),
        planId: DEMO_PLAN_ID,
        planVersion: 1,
        soleActive: false,
        unitId: UNIT,
        token: { id: unit.id },
        idempotencyKey: crypto.randomUUID(),
        bodyHash: 'h',
        receivedAt: aroundDeadline(period, -HOUR),
        arrival: 'on_time',
        submission: sub,
        warnings: [],
      });
    }
    const { res } = await post(unit.token, sub, { now: aroundDeadline(period, -HOUR) });
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('revision_limit');
    expect(err.issues?.[0]?.path).toBe('period');
    expect(await count(period)).toBe(LIMITS.revisionsPerPeriod);
  });

  it('has a bare baseline route, GET /health/db, that makes exactly one D1 query', async () => {
    const { db, counter } = countingDb(env.DB);
    const res = await app.request(`${ORIGIN}/api/v1/health/db`, {}, { ...env, DB: db });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, units: 22 });
    expect(counter.calls).toBe(1);
  });
  it('judges again, against the current plan, a submission judged on a plan edited since (no stale verdict)', async () => {
    const period = '2023-10-H2';
    await post(unit.token, submissionFor(UNIT, '2023-09-H2'), { now: aroundDeadline(period, -HOUR) });
    // Another isolate closes the plan: this isolate's snapshot still says active.
    await env.DB.prepare(`UPDATE plans SET status = 'closed', version = version + 1 WHERE id = ?`)
      .bind(DEMO_PLAN_ID)
      .run();
    try {
      const { res } = await post(
        unit.token,
        { ...submissionFor(UNIT, period), planId: DEMO_PLAN_ID },
        { now: aroundDeadline(period, -HOUR) },
      );
      expect(res.status).toBe(422);
      expect((await res.json()) as { error: { issues: { path: string; code: string }[] } }).toMatchObject({
        error: { issues: [{ path: 'planId', code: 'plan_closed' }] },
      });
    } finally {
      await env.DB.prepare(`UPDATE plans SET status = 'active', version = 1 WHERE id = ?`).bind(DEMO_PLAN_ID).run();
      forgetPlans();
    }
  });
});

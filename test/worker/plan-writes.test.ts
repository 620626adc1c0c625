// Writes to a published plan inside workerd with the real D1: each edit and close carries the version it read (a stale
// one is refused, nothing written); closing is idempotent and logged once; the first period cannot move past a
// stored report (it would vanish from /matrix and could not be filed again). The same races with real concurrency
// against wrangler dev: test/reliability/plan-race.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import { listPlanChanges } from '../../worker/db/plans.ts';
import { env } from 'cloudflare:workers';
import { call, errorOf, makeToken, submit, type TestToken } from './helpers.ts';

const NOW = '2024-02-20T04:00:00Z';
const PLAN = {
  title: '月报方案',
  schedule: { kind: 'monthly', day: 25 },
  firstPeriod: '2024-01',
  problems: [{ id: '1', title: '问题' }],
  measures: [
    { id: '1-1', problemId: '1', title: '措施', lead: '赵勇', responsibleUnits: '丁来村', deadline: '2024年3月底前' },
  ],
};

let supervisor: TestToken;
let dinglai: TestToken;

async function publish(): Promise<Plan> {
  const res = await call('/plans', { token: supervisor.token, body: PLAN, now: NOW });
  expect(res.status).toBe(201);
  return (await res.json()) as Plan;
}

describe('plan writes', () => {
  beforeAll(async () => {
    supervisor = await makeToken('supervisor');
    dinglai = await makeToken('unit', 'v-dinglai');
  });

  it('refuses to move firstPeriod past an existing report with 409 naming firstPeriod, and keeps the plan', async () => {
    const plan = await publish();
    const report = {
      plan: plan.id,
      period: '2024-01',
      signer: '岩块',
      rows: [{ measureId: '1-1', status: 'ongoing', progress: '建立台账1本。' }],
    };
    expect((await submit(dinglai.token, report, { now: NOW })).status).toBe(201);

    const res = await call(`/plans/${plan.id}`, {
      method: 'PUT',
      token: supervisor.token,
      now: NOW,
      body: { ...PLAN, firstPeriod: '2024-02', version: plan.version },
    });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('first_period_after_reports');
    expect(error.issues?.map((i) => i.path)).toEqual(['firstPeriod']);
    expect(((await (await call(`/plans/${plan.id}`, { token: supervisor.token })).json()) as Plan).firstPeriod).toBe(
      '2024-01',
    );
  });

  it('lets firstPeriod move earlier, or stay, once reports exist', async () => {
    const plan = await publish();
    const report = {
      plan: plan.id,
      period: '2024-02',
      signer: '岩块',
      rows: [{ measureId: '1-1', status: 'ongoing', progress: '建立台账1本。' }],
    };
    expect((await submit(dinglai.token, report, { now: NOW })).status).toBe(201);
    const res = await call(`/plans/${plan.id}`, {
      method: 'PUT',
      token: supervisor.token,
      now: NOW,
      body: { ...PLAN, firstPeriod: '2024-02', version: plan.version },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Plan).firstPeriod).toBe('2024-02');
  });

  it('answers every plan with its version, 1 when published', async () => {
    const plan = await publish();
    expect(plan.version).toBe(1);
    expect(((await (await call(`/plans/${plan.id}`, { token: supervisor.token })).json()) as Plan).version).toBe(1);
  });

  it('refuses a PUT without the version it read, naming version', async () => {
    const plan = await publish();
    const res = await call(`/plans/${plan.id}`, {
      method: 'PUT',
      token: supervisor.token,
      now: NOW,
      body: { ...PLAN, title: '新标题' },
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['version']);
  });

  it('refuses a PUT on a stale version with 409 stale_version naming version, and stores and logs nothing', async () => {
    const plan = await publish();
    const first = await call(`/plans/${plan.id}`, {
      method: 'PUT',
      token: supervisor.token,
      now: NOW,
      body: { ...PLAN, title: '第一次修改', version: 1 },
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as Plan).version).toBe(2);
    const stale = await call(`/plans/${plan.id}`, {
      method: 'PUT',
      token: supervisor.token,
      now: NOW,
      body: { ...PLAN, title: '基于旧版本的修改', version: 1 },
    });
    expect(stale.status).toBe(409);
    const error = await errorOf(stale);
    expect(error.code).toBe('stale_version');
    expect(error.issues?.map((i) => i.path)).toEqual(['version']);
    const stored = (await (await call(`/plans/${plan.id}`, { token: supervisor.token })).json()) as Plan;
    expect([stored.title, stored.version]).toEqual(['第一次修改', 2]);
    expect((await listPlanChanges(env.DB, plan.id)).map((c) => c.kind)).toEqual(['published', 'replaced']);
  });

  it('closes once: a second close answers closed again and the log says closed once', async () => {
    const plan = await publish();
    const one = await call(`/plans/${plan.id}/close`, { token: supervisor.token, now: NOW, body: { version: 1 } });
    const two = await call(`/plans/${plan.id}/close`, { token: supervisor.token, now: NOW, body: { version: 1 } });
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(((await two.json()) as Plan).status).toBe('closed');
    expect((await listPlanChanges(env.DB, plan.id)).map((c) => c.kind)).toEqual(['published', 'closed']);
  });

  it('never re-activates a closed plan: a PUT on the version read before the close is refused', async () => {
    const plan = await publish();
    expect(
      (await call(`/plans/${plan.id}/close`, { token: supervisor.token, now: NOW, body: { version: 1 } })).status,
    ).toBe(200);
    const res = await call(`/plans/${plan.id}`, {
      method: 'PUT',
      token: supervisor.token,
      now: NOW,
      body: { ...PLAN, title: '迟到的修改', version: 1 },
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('stale_version');
    const stored = (await (await call(`/plans/${plan.id}`, { token: supervisor.token })).json()) as Plan;
    expect([stored.status, stored.title]).toEqual(['closed', PLAN.title]);
  });

  it('refuses a close on a version an edit has replaced, keeping the plan active', async () => {
    const plan = await publish();
    expect(
      (
        await call(`/plans/${plan.id}`, {
          method: 'PUT',
          token: supervisor.token,
          now: NOW,
          body: { ...PLAN, version: 1 },
        })
      ).status,
    ).toBe(200);
    const res = await call(`/plans/${plan.id}/close`, { token: supervisor.token, now: NOW, body: { version: 1 } });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['version']);
    expect(((await (await call(`/plans/${plan.id}`, { token: supervisor.token })).json()) as Plan).status).toBe(
      'active',
    );
  });

  it('refuses a plan title with a lone surrogate (sent as a JSON escape) naming title, and stores no plan', async () => {
    const before = ((await (await call('/plans', { token: supervisor.token })).json()) as { plans: Plan[] }).plans
      .length;
    const rawBody = JSON.stringify({ ...PLAN, title: 'TITLE' }).replace('TITLE', 'x\\ud800y');
    const res = await call('/plans', {
      token: supervisor.token,
      now: NOW,
      rawBody,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['title']);
    expect(
      ((await (await call('/plans', { token: supervisor.token })).json()) as { plans: Plan[] }).plans,
    ).toHaveLength(before);
  });
});

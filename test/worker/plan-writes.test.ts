// Writes to a published plan once reports exist, inside workerd with the real D1: the first period cannot move past
// a stored report (it would vanish from /matrix and could not be filed again).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../core/index.ts';
import { call, errorOf, makeToken, submit, type TestToken } from './helpers.ts';

const NOW = '2024-02-20T04:00:00Z';
const PLAN = {
  title: '月报方案', schedule: { kind: 'monthly', day: 25 }, firstPeriod: '2024-01',
  problems: [{ id: '1', title: '问题' }],
  measures: [{ id: '1-1', problemId: '1', title: '措施', lead: '赵勇', responsibleUnits: '丁来村', deadline: '2024年3月底前' }],
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
    const report = { plan: plan.id, period: '2024-01', signer: '岩块', rows: [{ measureId: '1-1', status: 'ongoing', progress: '建立台账1本。' }] };
    expect((await submit(dinglai.token, report, { now: NOW })).status).toBe(201);

    const res = await call(`/plans/${plan.id}`, { method: 'PUT', token: supervisor.token, now: NOW, body: { ...PLAN, firstPeriod: '2024-02' } });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('first_period_after_reports');
    expect(error.issues?.map((i) => i.path)).toEqual(['firstPeriod']);
    expect(((await (await call(`/plans/${plan.id}`, { token: supervisor.token })).json()) as Plan).firstPeriod).toBe('2024-01');
  });

  it('lets firstPeriod move earlier, or stay, once reports exist', async () => {
    const plan = await publish();
    const report = { plan: plan.id, period: '2024-02', signer: '岩块', rows: [{ measureId: '1-1', status: 'ongoing', progress: '建立台账1本。' }] };
    expect((await submit(dinglai.token, report, { now: NOW })).status).toBe(201);
    const res = await call(`/plans/${plan.id}`, { method: 'PUT', token: supervisor.token, now: NOW, body: { ...PLAN, firstPeriod: '2024-02' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Plan).firstPeriod).toBe('2024-02');
  });
});

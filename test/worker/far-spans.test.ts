// Periods far in the future (year 9999) on the supervisor's span views: a clear 400 naming the field, never a 500
// from a calendar stepping past year 9999.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import { call, errorOf, makeToken, type TestToken } from './helpers.ts';

const NOW = '2024-02-20T04:00:00Z';
let supervisor: TestToken;
let monthly: Plan;

describe('far spans on /matrix and /trends', () => {
  beforeAll(async () => {
    supervisor = await makeToken('supervisor');
    const res = await call('/plans', {
      token: supervisor.token,
      now: NOW,
      body: {
        title: '月报方案',
        schedule: { kind: 'monthly', day: 25 },
        firstPeriod: '2024-01',
        problems: [{ id: '1', title: '问题' }],
        measures: [
          {
            id: '1-1',
            problemId: '1',
            title: '措施',
            lead: '赵勇',
            responsibleUnits: '丁来村',
            deadline: '2024年3月底前',
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    monthly = (await res.json()) as Plan;
  });

  for (const route of ['/matrix', '/trends']) {
    it(`answers 400 naming to for ${route}?to=9999-12-H2 on the half-monthly plan`, async () => {
      const res = await call(`${route}?plan=mlx-2023-85&to=9999-12-H2`, { token: supervisor.token, now: NOW });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['to']);
    });

    it(`answers 400 naming to for ${route}?to=9999-12 on a monthly plan`, async () => {
      const res = await call(`${route}?plan=${monthly.id}&to=9999-12`, { token: supervisor.token, now: NOW });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['to']);
    });

    it(`answers 400 naming from for ${route}?from=9999-12-H1 with the default to`, async () => {
      const res = await call(`${route}?plan=mlx-2023-85&from=9999-12-H1`, { token: supervisor.token, now: NOW });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['from']);
    });
  }

  it('still shows a span that ends a few periods after the open one (not due yet)', async () => {
    const res = await call('/matrix?plan=mlx-2023-85&from=2024-02-H1&to=2024-04-H2', {
      token: supervisor.token,
      now: NOW,
    });
    expect(res.status).toBe(200);
  });

  it('answers 400 naming period for /summary?period=9999-12-H2', async () => {
    const res = await call('/summary?plan=mlx-2023-85&period=9999-12-H2', { token: supervisor.token, now: NOW });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['period']);
  });
});

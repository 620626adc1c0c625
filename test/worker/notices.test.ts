// 督办单 inside workerd: numbered per plan, seen by its unit, answered once by that unit only, never for a closed pair.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, makeToken, type TestToken } from './helpers.ts';

const A = 'v-manlai';
const B = 'v-banlie';
const NOW = '2023-11-30T02:00:00Z';
let a: TestToken;
let b: TestToken;
let sup: TestToken;

const issue = (body: Record<string, unknown>) =>
  call('/notices', {
    token: sup.token,
    now: NOW,
    body: { measureId: '2-2', unitId: A, requirement: '12月10日前报送一户一策台账', dueDate: '2023-12-10', ...body },
  });

describe('督办单 (supervision notices)', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
  });

  it('numbers notices per plan and shows each unit only its own', async () => {
    const first = await issue({});
    const second = await issue({ unitId: B, measureId: '3-1' });
    expect(first.status).toBe(201);
    const n1 = (await first.json()) as { number: number; state: string };
    const n2 = (await second.json()) as { number: number };
    expect(n2.number).toBe(n1.number + 1);
    expect(n1.state).toBe('open');
    const mine = (await (await call('/notices', { token: a.token, now: NOW })).json()) as {
      notices: { unitId: string }[];
    };
    expect(mine.notices.length).toBeGreaterThan(0);
    expect(mine.notices.every((n) => n.unitId === A)).toBe(true);
  });

  it('refuses a due date before today and a unit that is not responsible, naming the field', async () => {
    const past = await issue({ dueDate: '2023-11-29' });
    expect(past.status).toBe(422);
    expect((await errorOf(past)).issues?.[0]?.path).toBe('dueDate');
    const foreign = await issue({ unitId: 'o-school', measureId: '1-2' });
    expect(foreign.status).toBe(422);
    expect((await errorOf(foreign)).issues?.[0]?.path).toBe('unitId');
    expect(
      (
        await call('/notices', {
          token: a.token,
          now: NOW,
          body: { measureId: '2-2', unitId: A, requirement: 'x', dueDate: '2023-12-10' },
        })
      ).status,
    ).toBe(403);
  });

  it("lets only the notice's unit answer, once, and counts it as answered", async () => {
    const n = (await (await issue({ requirement: '说明进度滞后原因' })).json()) as { id: string };
    const other = await call(`/notices/${n.id}/answer`, { token: b.token, now: NOW, body: { text: '不是我们的' } });
    expect(other.status).toBe(404);
    const res = await call(`/notices/${n.id}/answer`, {
      token: a.token,
      now: NOW,
      body: { text: '已召开专题会议，12月5日前完成。' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'answered', answer: { text: '已召开专题会议，12月5日前完成。' } });
    const again = await call(`/notices/${n.id}/answer`, { token: a.token, now: NOW, body: { text: '再答' } });
    expect(again.status).toBe(409);
    const list = (await (await call(`/notices?unit=${A}`, { token: sup.token, now: NOW })).json()) as {
      byUnit: Record<string, { answered: number; open: number }>;
    };
    expect(list.byUnit[A]!.answered).toBeGreaterThanOrEqual(1);
  });

  it('shows an unanswered notice past its due date as overdue', async () => {
    const res = await call('/notices', { token: a.token, now: '2023-12-12T02:00:00Z' });
    const notices = ((await res.json()) as { notices: { requirement: string; state: string }[] }).notices;
    expect(notices.find((n) => n.requirement === '12月10日前报送一户一策台账')?.state).toBe('overdue');
  });
});

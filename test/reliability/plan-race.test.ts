// Plan writes under real concurrency, against the real local Worker (wrangler dev + local D1): an edit (PUT) and a
// close fired together on the same version — exactly one wins and a closed plan is never silently re-activated; two
// closes fired together — both answer closed (or one 409), and the change log says "closed" once. Every plan made
// here is closed again, since other files on the same server count on the seeded plan being the only active one.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import { call, supervisorToken, type ApiError } from './client.ts';

const ROUNDS = 12;
const PLAN = {
  title: '并发测试方案',
  schedule: { kind: 'monthly', day: 25 },
  firstPeriod: '2024-01',
  problems: [{ id: '1', title: '问题' }],
  measures: [
    { id: '1-1', problemId: '1', title: '措施', lead: '赵勇', responsibleUnits: '丁来村', deadline: '2024年3月底前' },
  ],
};

async function publish(): Promise<Plan> {
  const res = await call('/plans', { token: supervisorToken(), body: JSON.stringify(PLAN) });
  expect(res.status).toBe(201);
  return (await res.json()) as Plan;
}

const read = async (id: string) => (await (await call(`/plans/${id}`, { token: supervisorToken() })).json()) as Plan;
const changeKinds = async (id: string) =>
  (
    (await (await call(`/plans/${id}/changes`, { token: supervisorToken() })).json()) as { changes: { kind: string }[] }
  ).changes.map((c) => c.kind);

async function answer(res: Response): Promise<{ status: number; code?: string }> {
  const body = (await res.json()) as Partial<ApiError>;
  return { status: res.status, code: body.error?.code };
}

describe('plan writes under real concurrency', () => {
  it(`lets exactly one of an edit and a close fired together win, ${ROUNDS} times, never re-activating a closed plan`, async () => {
    const winners = { edit: 0, close: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const plan = await publish();
      const [edit, close] = await Promise.all([
        call(`/plans/${plan.id}`, {
          token: supervisorToken(),
          method: 'PUT',
          body: JSON.stringify({ ...PLAN, title: `修改 ${round}`, version: plan.version }),
        }).then(answer),
        call(`/plans/${plan.id}/close`, {
          token: supervisorToken(),
          body: JSON.stringify({ version: plan.version }),
        }).then(answer),
      ]);
      const statuses = [edit.status, close.status].sort();
      expect(statuses, JSON.stringify({ edit, close })).toEqual([200, 409]);
      const loser = edit.status === 409 ? edit : close;
      expect(loser.code).toBe('stale_version');
      const stored = await read(plan.id);
      if (close.status === 200) {
        winners.close++;
        expect([stored.status, stored.title]).toEqual(['closed', PLAN.title]);
        expect(await changeKinds(plan.id)).toEqual(['published', 'closed']);
      } else {
        winners.edit++;
        expect([stored.status, stored.title]).toEqual(['active', `修改 ${round}`]);
        expect(await changeKinds(plan.id)).toEqual(['published', 'replaced']);
        // Other files on this server omit `plan` while only the seeded plan is active: close this one again.
        expect(
          (await call(`/plans/${plan.id}/close`, { token: supervisorToken(), body: JSON.stringify({ version: 2 }) }))
            .status,
        ).toBe(200);
      }
      expect(stored.version).toBe(2);
    }
    console.log(`plan race: edit won ${winners.edit}, close won ${winners.close} of ${ROUNDS}`);
  });

  it(`records two closes fired together once, ${ROUNDS} times, each answered as closed or 409`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const plan = await publish();
      const replies = await Promise.all(
        [1, 2].map(() =>
          call(`/plans/${plan.id}/close`, {
            token: supervisorToken(),
            body: JSON.stringify({ version: plan.version }),
          }).then(answer),
        ),
      );
      for (const r of replies) expect([200, 409], JSON.stringify(replies)).toContain(r.status);
      expect(replies.some((r) => r.status === 200)).toBe(true);
      expect((await read(plan.id)).status).toBe('closed');
      expect(await changeKinds(plan.id)).toEqual(['published', 'closed']);
    }
  });
});

// POST /reports/:id/unreturn: withdrawing a 退回 while the unit has not filed again.
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportDetail, Summary } from '../../core/schemas/api.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'v-minliang';
const HOUR = 3_600_000;
let a: TestToken;
let sup: TestToken;

async function filed(period: string, now: string): Promise<string> {
  const res = await submit(a.token, submissionFor(A, period), { now });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reportId: string }).reportId;
}

async function timelinessOf(period: string): Promise<string> {
  const res = await call(`/summary?period=${period}`, { token: sup.token, now: '2025-12-01T00:00:00Z' });
  return Summary.parse(await res.json()).units.find((u) => u.unitId === A)!.timeliness;
}

describe('POST /reports/:id/unreturn', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    sup = await makeToken('supervisor');
  });

  it('withdraws a return: the report is current and unreturned again, and the summary shows its first timeliness', async () => {
    const period = '2024-03-H1';
    const id = await filed(period, aroundDeadline(period, -HOUR));
    expect((await call(`/reports/${id}/return`, { token: sup.token, body: { reason: '数据不实' } })).status).toBe(200);
    expect(await timelinessOf(period)).toBe('returned');

    const res = await call(`/reports/${id}/unreturn`, { token: sup.token, method: 'POST' });
    expect(res.status).toBe(200);
    const detail = ReportDetail.parse(await res.json());
    expect(detail).toMatchObject({ reportId: id, current: true, returned: null });
    expect(await timelinessOf(period)).toBe('on_time');
    // And it can be returned again afterwards.
    expect((await call(`/reports/${id}/return`, { token: sup.token, body: { reason: '再次核实' } })).status).toBe(200);
  });

  it('refuses once the unit has filed again: the return did its work and stays on record', async () => {
    const period = '2024-03-H2';
    const id = await filed(period, aroundDeadline(period, -HOUR));
    await call(`/reports/${id}/return`, { token: sup.token, body: { reason: '请补充' } });
    await filed(period, aroundDeadline(period, HOUR));
    const res = await call(`/reports/${id}/unreturn`, { token: sup.token, method: 'POST' });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'not_current_revision' });
    const old = ReportDetail.parse(await (await call(`/reports/${id}`, { token: sup.token })).json());
    expect(old.returned?.reason).toBe('请补充');
  });

  it('answers 409 for a report that is not returned, 404 for an unknown id, and 403 to a unit', async () => {
    const period = '2024-04-H1';
    const id = await filed(period, aroundDeadline(period, -HOUR));
    const notReturned = await call(`/reports/${id}/unreturn`, { token: sup.token, method: 'POST' });
    expect(notReturned.status).toBe(409);
    expect((await errorOf(notReturned)).code).toBe('not_returned');
    expect((await call(`/reports/${crypto.randomUUID()}/unreturn`, { token: sup.token, method: 'POST' })).status).toBe(
      404,
    );
    expect((await call(`/reports/${id}/unreturn`, { token: a.token, method: 'POST' })).status).toBe(403);
  });
});

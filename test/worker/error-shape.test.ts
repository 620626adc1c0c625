// Every error answer of the API has one shape, {error:{code,message,messageEn,issues}}, whatever the status, and a
// 4xx names in `issues` the field, header or path parameter at fault.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../core/schemas/api.ts';
import { aroundDeadline, call, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const UNIT = 'v-gongsa';
let unit: TestToken;
let sup: TestToken;

/** The error body, checked to hold exactly the four fields and at least one issue. */
async function errorBody(res: Response) {
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'issues', 'message', 'messageEn']);
  const { error } = ApiErrorBody.parse(body);
  expect(error.issues!.length).toBeGreaterThan(0);
  return error;
}

describe('error answers', () => {
  beforeAll(async () => {
    unit = await makeToken('unit', UNIT);
    sup = await makeToken('supervisor');
  });

  it('answers a 403 for the wrong role with an issue naming the Authorization header and the token’s role', async () => {
    const res = await call('/admin/tokens', { token: unit.token });
    expect(res.status).toBe(403);
    const error = await errorBody(res);
    expect(error.code).toBe('forbidden');
    expect(error.issues![0]).toMatchObject({ path: 'Authorization', code: 'forbidden' });
    expect(error.issues![0]!.message).toContain('填报单位');
  });

  it('answers a 401 without a token with an issue naming the Authorization header', async () => {
    const res = await call('/me');
    expect(res.status).toBe(401);
    expect((await errorBody(res)).issues![0]!.path).toBe('Authorization');
  });

  it('answers a 404 for an unknown report with an issue naming the id', async () => {
    const res = await call('/reports/rp_missing', { token: sup.token });
    expect(res.status).toBe(404);
    expect((await errorBody(res)).issues![0]).toMatchObject({ path: 'id', code: 'not_found' });
  });

  it('answers a 404 for an unknown endpoint with an issue naming the address', async () => {
    const res = await call('/no-such-endpoint', { token: sup.token });
    expect(res.status).toBe(404);
    expect((await errorBody(res)).issues![0]).toMatchObject({ path: '(url)', code: 'not_found' });
  });

  it('answers a 409 for withdrawing a return that was never made with an issue naming the id', async () => {
    const period = '2024-05-H1';
    const filed = await submit(unit.token, submissionFor(UNIT, period), { now: aroundDeadline(period, -3_600_000) });
    expect(filed.status).toBe(201);
    const { reportId } = (await filed.json()) as { reportId: string };
    const res = await call(`/reports/${reportId}/unreturn`, { token: sup.token, method: 'POST' });
    expect(res.status).toBe(409);
    expect((await errorBody(res)).issues![0]).toMatchObject({ path: 'id', code: 'not_returned' });
  });

  it('answers a 422 for a submission without rows with issues naming the fields', async () => {
    const res = await submit(unit.token, { unitId: UNIT });
    expect(res.status).toBe(422);
    expect((await errorBody(res)).issues!.map((i) => i.path)).toContain('rows');
  });
});

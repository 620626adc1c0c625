// The auth middleware (worker/lib/auth.ts) through the real Worker: requireRole hands handlers a verified caller,
// and claimUnit (POST /reports) answers nothing but success before the token is known good.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aroundDeadline,
  call,
  errorOf,
  makeRevokedToken,
  makeToken,
  submissionFor,
  submit,
  type TestToken,
} from './helpers.ts';

const UNIT = 'v-yingge';
const HOUR = 3_600_000;
let unit: TestToken;

describe('auth middleware', () => {
  beforeAll(async () => {
    unit = await makeToken('unit', UNIT);
  });

  it('gives a unit route the unit its token belongs to', async () => {
    const res = await call('/reports/status', { token: unit.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unitId: UNIT });
  });

  it('refuses the office on a unit-only route with 403 forbidden naming the role', async () => {
    const sup = await makeToken('supervisor');
    const res = await call('/reports/status', { token: sup.token });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({
      code: 'forbidden',
      message: '此操作仅限填报单位',
      messageEn: 'requires role unit',
    });
  });

  it('answers a forged unit-named token with 401 even when its body, key or media type would be refused first', async () => {
    const forged = `${UNIT}.rt_${'B'.repeat(43)}`;
    const period = '2023-12-H1';
    const now = aroundDeadline(period, -HOUR);
    const badKey = await call('/reports', {
      token: forged,
      body: submissionFor(UNIT, period),
      headers: { 'Idempotency-Key': 'nope' },
      now,
    });
    const badType = await call('/reports', {
      token: forged,
      rawBody: 'x',
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': crypto.randomUUID() },
      now,
    });
    const badBody = await submit(forged, { period }, { now });
    const tooOld = await submit(forged, submissionFor(UNIT, '2020-01-H1'), { now });
    for (const res of [badKey, badType, badBody, tooOld]) {
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('invalid_token');
    }
  });

  it('answers a revoked unit-named token with 401 token_revoked, also when its body is bad', async () => {
    const revoked = await makeRevokedToken('unit', UNIT);
    const res = await submit(revoked.token, { period: '2023-12-H1' });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('token_revoked');
  });

  it("tells the token's own unit what is wrong with its body", async () => {
    const res = await submit(unit.token, { period: '2023-12-H1' }, { now: aroundDeadline('2023-12-H1', -HOUR) });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.code).toBe('invalid_submission');
    expect(err.messageEn).toMatch(/^invalid submission: /);
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM reports WHERE unit_id = ?')
      .bind(UNIT)
      .first<{ n: number }>();
    expect(n!.n).toBe(0);
  });
});

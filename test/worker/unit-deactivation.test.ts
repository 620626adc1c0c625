// Issue 18: deactivating a unit (PATCH /admin/units/:id {active:false}) refuses its tokens at once, with 403
// unit_inactive, on every route — including POST /reports with a `<unit id>.rt_…` token, which is checked by the
// insert itself rather than by a look-up first.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const UNIT = 'v-gongnong';
const HOUR = 3_600_000;
let admin: TestToken;
let supervisor: TestToken;
let unit: TestToken;
let legacy: TestToken;

const setActive = (active: boolean) =>
  call(`/admin/units/${UNIT}`, { method: 'PATCH', token: admin.token, body: { active } });
const stored = async (period: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM reports WHERE unit_id = ? AND period = ?')
    .bind(UNIT, period)
    .first<{ n: number }>())!.n;

describe('a deactivated unit', () => {
  beforeAll(async () => {
    admin = await makeToken('admin');
    supervisor = await makeToken('supervisor');
    unit = await makeToken('unit', UNIT);
    legacy = await makeToken('unit', UNIT, { legacy: true });
  });

  it('has its tokens refused on reading routes with 403 unit_inactive as soon as it is deactivated', async () => {
    expect((await call('/me', { token: unit.token })).status).toBe(200);
    expect((await setActive(false)).status).toBe(200);
    for (const path of ['/me', '/reports', '/reports/status', '/catalog']) {
      const res = await call(path, { token: unit.token });
      expect(res.status, path).toBe(403);
      const err = await errorOf(res);
      expect(err.code, path).toBe('unit_inactive');
      expect(err.message).toContain('已停用');
      expect(err.issues?.[0]?.path).toBe('Authorization');
    }
    expect((await call('/me', { token: legacy.token })).status).toBe(403);
    // The office's tokens are not a unit's: they keep working.
    expect((await call('/summary', { token: supervisor.token })).status).toBe(200);
  });

  it('cannot file a report, neither with a unit-named token (checked by the insert) nor an older one, and nothing is stored', async () => {
    await setActive(false);
    const period = '2023-11-H1';
    const now = aroundDeadline(period, -HOUR);
    for (const t of [unit, legacy]) {
      const res = await submit(t.token, submissionFor(UNIT, period), { now });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('unit_inactive');
    }
    // A body the rules refuse still gets the token's verdict, not the rules' (the caller learns nothing more).
    const bad = await submit(unit.token, { period, signer: '', rows: [] }, { now });
    expect(bad.status).toBe(403);
    expect(await stored(period)).toBe(0);
  });

  it('files again once reactivated', async () => {
    await setActive(false);
    await setActive(true);
    const period = '2023-11-H2';
    const res = await submit(unit.token, submissionFor(UNIT, period), { now: aroundDeadline(period, -HOUR) });
    expect(res.status).toBe(201);
    expect(await stored(period)).toBe(1);
  });
});

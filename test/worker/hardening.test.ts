// Defects an outside attack pass found (issue 13, items 1, 3, 5, 6, 8, 9); each test failed on the code before the fix.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Receipt } from '../../core/schemas/submission.ts';
import { TokenInfo } from '../../core/schemas/api.ts';
import { aroundDeadline, call, errorOf, makeToken, ORIGIN, submissionFor, submit, type TestToken } from './helpers.ts';

const UNIT = 'v-menglai';
const HOUR = 3_600_000;
let unit: TestToken;
let sup: TestToken;

const countRevisions = async (period: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM reports WHERE unit_id = ? AND period = ?')
    .bind(UNIT, period)
    .first<{ n: number }>())!.n;

describe('hardening', () => {
  beforeAll(async () => {
    unit = await makeToken('unit', UNIT);
    sup = await makeToken('supervisor');
  });

  it.each(['admin', 'supervisor'])(
    'refuses an empty unitId on a %s token with 422 naming unitId, storing nothing',
    async (role) => {
      const admin = await makeToken('admin');
      const before = (await env.DB.prepare('SELECT COUNT(*) AS n FROM tokens').first<{ n: number }>())!.n;
      const res = await call('/admin/tokens', { token: admin.token, body: { role, unitId: '', label: 'x' } });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).issues?.[0]?.path).toBe('unitId');
      expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM tokens').first<{ n: number }>())!.n).toBe(before);
    },
  );

  it('replays instead of storing a new revision when the same Idempotency-Key comes back in upper case', async () => {
    const period = '2024-05-H1';
    const now = aroundDeadline(period, -HOUR);
    const key = crypto.randomUUID();
    const body = submissionFor(UNIT, period);
    const first = Receipt.parse(await (await submit(unit.token, body, { key, now })).json());
    const again = await submit(unit.token, body, { key: key.toUpperCase(), now });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(Receipt.parse(await again.json()).reportId).toBe(first.reportId);
    expect(await countRevisions(period)).toBe(1);
  });

  it.each([
    ['signer', { signer: '\u200b\u200b' }, 'invisible_only'],
    ['signer', { signer: '张三\u0000' }, 'control_character'],
    ['signer', { signer: '\u202e三张' }, 'bidi_control'],
    ['signer', { signer: '张\ud800' }, 'lone_surrogate'],
  ])('refuses a submission whose %s is %j with 422 naming the field (%s)', async (path, over, code) => {
    const period = '2024-05-H2';
    const res = await submit(
      unit.token,
      { ...submissionFor(UNIT, period), ...over },
      { now: aroundDeadline(period, -HOUR) },
    );
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(await countRevisions(period)).toBe(0);
  });

  it("refuses control characters in a row's progress and names the row", async () => {
    const period = '2024-05-H2';
    const body = submissionFor(UNIT, period);
    body.rows[1]!.progress = '已完成\x1b[2J';
    const res = await submit(unit.token, body, { now: aroundDeadline(period, -HOUR) });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues).toContainEqual(
      expect.objectContaining({ path: 'rows.1.progress', code: 'control_character' }),
    );
  });

  it('answers a re-sent key of a returned report with 409 report_returned instead of the old success receipt', async () => {
    const period = '2024-06-H1';
    const now = aroundDeadline(period, -HOUR);
    const key = crypto.randomUUID();
    const body = submissionFor(UNIT, period);
    const r = Receipt.parse(await (await submit(unit.token, body, { key, now })).json());
    expect(
      (await call(`/reports/${r.reportId}/return`, { token: sup.token, body: { reason: '数据不全' }, now })).status,
    ).toBe(200);
    const res = await submit(unit.token, body, { key, now });
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('report_returned');
    expect(err.message).toContain('数据不全');
    expect(await countRevisions(period)).toBe(1);
  });

  it('says what is wrong with a 退回 reason that is too long or not text, not that it is missing', async () => {
    const period = '2024-06-H2';
    const now = aroundDeadline(period, -HOUR);
    const r = Receipt.parse(await (await submit(unit.token, submissionFor(UNIT, period), { now })).json());
    for (const reason of ['长'.repeat(501), 42]) {
      const res = await call(`/reports/${r.reportId}/return`, { token: sup.token, body: { reason }, now });
      expect(res.status).toBe(422);
      const err = await errorOf(res);
      expect(err.message).not.toContain('required');
      expect(err.issues?.[0]).toMatchObject({
        path: 'reason',
        code: typeof reason === 'number' ? 'invalid_type' : 'too_big',
      });
    }
  });

  it('refuses a /matrix?to= before the plan’s first period, naming to, and never starts the matrix earlier', async () => {
    const res = await call('/matrix?to=1970-01-H1', { token: sup.token });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('to');
    const ok = await call('/matrix?to=2023-08-H2', { token: sup.token });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { from: string }).from).toBe('2023-08-H1');
  });

  it('sends nosniff on API answers and a content security policy on the pane', async () => {
    const api = await call('/health');
    expect(api.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const pane = await SELF.fetch(`${ORIGIN}/`);
    expect(pane.status).toBe(200);
    expect(pane.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(pane.headers.get('Content-Security-Policy')).toContain("object-src 'none'");
    expect(pane.headers.get('Content-Security-Policy')).toContain(
      "script-src 'self' https://appsforoffice.microsoft.com",
    );
  });
});

describe('revoking admin tokens', () => {
  it('refuses to revoke the last active admin token with 409, and allows it once another admin exists', async () => {
    // This file's D1 holds other admins from the tests above; revoke them so exactly one stays.
    const first = await makeToken('admin');
    await env.DB.prepare("UPDATE tokens SET revoked_at = ? WHERE role = 'admin' AND id <> ?")
      .bind(new Date().toISOString(), first.id)
      .run();
    const self = await call(`/admin/tokens/${first.id}/revoke`, { token: first.token, method: 'POST' });
    expect(self.status).toBe(409);
    expect((await errorOf(self)).code).toBe('last_admin_token');
    expect((await call('/admin/tokens', { token: first.token })).status).toBe(200);

    const created = await call('/admin/tokens', { token: first.token, body: { role: 'admin', label: '第二位管理员' } });
    const second = (await created.json()) as TokenInfo & { token: string };
    const res = await call(`/admin/tokens/${first.id}/revoke`, { token: second.token, method: 'POST' });
    expect(res.status).toBe(200);
    expect(TokenInfo.parse(await res.json()).revokedAt).not.toBeNull();
    expect((await call(`/admin/tokens/${second.id}/revoke`, { token: second.token, method: 'POST' })).status).toBe(409);
  });
});

describe('GET /reports listing limits', () => {
  it('says truncated: true when the limit cut the list, and false when it did not', async () => {
    const t = await makeToken('unit', 'v-gongsa');
    for (const period of ['2024-07-H1', '2024-07-H2', '2024-08-H1']) {
      expect(
        (await submit(t.token, submissionFor('v-gongsa', period), { now: aroundDeadline(period, -HOUR) })).status,
      ).toBe(201);
    }
    const cut = (await (await call('/reports?limit=2', { token: t.token })).json()) as {
      reports: unknown[];
      truncated: boolean;
    };
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.reports).toHaveLength(2);
    const all = (await (await call('/reports?limit=3', { token: t.token })).json()) as {
      reports: unknown[];
      truncated: boolean;
    };
    expect(all).toMatchObject({ truncated: false });
    expect(all.reports).toHaveLength(3);
    const bad = await call('/reports?limit=5000', { token: t.token });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toBe('limit');
  });
});

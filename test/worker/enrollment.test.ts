// 连接码 (enrollment codes) inside workerd with a real D1: issued by the office, exchanged once for a unit token,
// refused when used, expired or revoked, rate limited per address, and only supervisor/admin may issue or revoke.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ENROLLMENT_ALPHABET,
  type EnrollResult,
  type IssuedEnrollmentCode,
  type UnitAccess,
} from '../../core/enrollment/enrollment-code.ts';
import { call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

let sup: TestToken;
let admin: TestToken;
const DAY = 86_400_000;

async function issue(
  unitIds: string[],
  o: { token?: string; replace?: boolean; now?: string } = {},
): Promise<IssuedEnrollmentCode[]> {
  const res = await call('/enrollment/codes', {
    token: o.token ?? sup.token,
    body: { unitIds, ...(o.replace ? { replace: true } : {}) },
    now: o.now,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { codes: IssuedEnrollmentCode[] }).codes;
}

const enroll = (code: string, o: { now?: string; ip?: string } = {}) =>
  call('/enroll', { body: { code }, now: o.now, headers: o.ip ? { 'CF-Connecting-IP': o.ip } : {} });

async function access(unitId: string): Promise<UnitAccess> {
  const res = await call('/enrollment/units', { token: sup.token });
  return ((await res.json()) as { units: UnitAccess[] }).units.find((u) => u.unitId === unitId)!;
}

describe('enrollment codes', () => {
  beforeAll(async () => {
    sup = await makeToken('supervisor');
    admin = await makeToken('admin');
  });

  it('issues an 8-character code from the unambiguous alphabet, valid for 7 days, stored only as a hash', async () => {
    const now = '2024-03-01T02:00:00.000Z';
    const [issued] = await issue(['v-dinglai'], { now });
    expect(issued!.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    for (const ch of issued!.code.replace('-', '')) expect(ENROLLMENT_ALPHABET).toContain(ch);
    expect(issued!.expiresAt).toBe(new Date(Date.parse(now) + 7 * DAY).toISOString());
    const { results } = await env.DB.prepare('SELECT * FROM enrollment_codes WHERE unit_id = ?')
      .bind('v-dinglai')
      .all();
    expect(JSON.stringify(results)).not.toContain(issued!.code.replace('-', ''));
    expect(results[0]).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('exchanges a code once for a working unit token in the <unit id>.rt_ format, typed in any case and spacing', async () => {
    const [issued] = await issue(['v-yongan']);
    const typed = ` ${issued!.code.replace('-', ' ').toLowerCase()} `;
    const res = await enroll(typed);
    expect(res.status).toBe(201);
    const body = (await res.json()) as EnrollResult;
    expect(body).toMatchObject({ unitId: 'v-yongan', unitName: '永安村' });
    expect(body.token).toMatch(/^v-yongan\.rt_[A-Za-z0-9_-]{43}$/);
    const me = await call('/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { unit: { id: string } }).unit.id).toBe('v-yongan');
    expect(
      (await submit(body.token, submissionFor('v-yongan', '2023-09-H1'), { now: '2023-09-10T00:00:00Z' })).status,
    ).toBe(201);
    expect(await access('v-yongan')).toMatchObject({ activeTokens: 1, lastCode: { state: 'used' } });
  });

  it('refuses a second use of a code with a Chinese message saying it was used', async () => {
    const [issued] = await issue(['v-gongnong']);
    expect((await enroll(issued!.code)).status).toBe(201);
    const again = await enroll(issued!.code);
    expect(again.status).toBe(410);
    const err = await errorOf(again);
    expect(err.code).toBe('enrollment_code_used');
    expect(err.message).toMatch(/^该连接码已于 .* 使用过，每个连接码只能使用一次；请联系乡村振兴办重新发放连接码/);
    expect(err.issues?.[0]?.path).toBe('code');
  });

  it('hands out one token when the same code is exchanged twice at the same moment', async () => {
    const [issued] = await issue(['v-yingge']);
    const results = await Promise.all([enroll(issued!.code), enroll(issued!.code)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 410]);
    expect((await access('v-yingge')).activeTokens).toBe(1);
  });

  it('refuses an expired code, naming when it expired', async () => {
    const [issued] = await issue(['v-banlie'], { now: '2024-01-01T00:00:00.000Z' });
    const late = await enroll(issued!.code, { now: '2024-01-08T00:00:01.000Z' });
    expect(late.status).toBe(410);
    const err = await errorOf(late);
    expect(err.code).toBe('enrollment_code_expired');
    expect(err.message).toContain('该连接码已于 2024-01-08 08:00 过期（有效期 7 天）');
    expect((await enroll(issued!.code, { now: '2024-01-07T23:59:00.000Z' })).status).toBe(201);
  });

  it('tells an unknown code from a malformed one', async () => {
    const unknown = await errorOf(await enroll('ZZZZ-ZZZZ'));
    expect(unknown.code).toBe('enrollment_code_unknown');
    expect(unknown.message).toMatch(/^连接码不正确/);
    const malformed = await errorOf(await enroll('12345'));
    expect(malformed.code).toBe('enrollment_code_malformed');
    expect(malformed.message).toContain('应为 8 位字母和数字');
    expect((await enroll('')).status).toBe(422);
  });

  it("reissue revokes the unit's tokens and earlier code and gives a new code; revoke ends access in one call", async () => {
    const [first] = await issue(['v-menglai']);
    const token = ((await (await enroll(first!.code)).json()) as EnrollResult).token;
    const [unused] = await issue(['v-menglai']);
    expect((await call('/me', { token })).status).toBe(200); // a plain new code keeps the token working
    const [second] = await issue(['v-menglai'], { replace: true });
    expect((await call('/me', { token })).status).toBe(401);
    expect((await errorOf(await enroll(unused!.code))).code).toBe('enrollment_code_revoked');
    const fresh = ((await (await enroll(second!.code)).json()) as EnrollResult).token;
    expect((await call('/me', { token: fresh })).status).toBe(200);
    const revoked = await call('/enrollment/units/v-menglai/revoke', { token: sup.token, body: {} });
    expect(await revoked.json()).toEqual({ unitId: 'v-menglai', revokedTokens: 1 });
    expect((await call('/me', { token: fresh })).status).toBe(401);
    expect(await access('v-menglai')).toMatchObject({ activeTokens: 0, lastCode: { state: 'used' } });
  });

  it('issues codes for many units in one call, and refuses unknown or deactivated units without writing any', async () => {
    const codes = await issue(['o-water', 'o-school', 'o-water'], { token: admin.token });
    expect(codes.map((c) => c.unitId)).toEqual(['o-water', 'o-school']);
    expect(new Set(codes.map((c) => c.code)).size).toBe(2);
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM enrollment_codes').first<{ n: number }>();
    const res = await call('/enrollment/codes', { token: sup.token, body: { unitIds: ['o-forestry', 'x-nowhere'] } });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.message).toContain('x-nowhere');
    expect(err.issues).toEqual([expect.objectContaining({ path: 'unitIds.1', code: 'unknown_unit' })]);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM enrollment_codes').first<{ n: number }>()).toEqual(before);
  });

  it('lists every unit with its contact and token state for the supervisor', async () => {
    const res = await call('/enrollment/units', { token: sup.token });
    const { units } = (await res.json()) as { units: UnitAccess[] };
    expect(units).toHaveLength(22);
    expect(units.find((u) => u.unitId === 'o-rural-revitalization')).toMatchObject({
      contactName: '罗正强',
      contactPhone: '18088387949',
    });
    expect(JSON.stringify(units)).not.toMatch(/rt_|hash/);
  });

  it('lets only the supervisor and admin issue, list and revoke', async () => {
    const unit = await makeToken('unit', 'v-dinglai');
    for (const [path, body] of [
      ['/enrollment/codes', { unitIds: ['v-dinglai'] }],
      ['/enrollment/units', undefined],
      ['/enrollment/units/v-dinglai/revoke', {}],
    ] as const) {
      expect((await call(path, { token: unit.token, body })).status).toBe(403);
      expect((await call(path, { body })).status).toBe(401);
    }
  });

  it(
    'answers 429 after 10 attempts from one address within a minute, right or wrong',
    { timeout: 60_000 },
    async () => {
      const left = 60_000 - (Date.now() % 60_000);
      if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50));
      const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const [issued] = await issue(['o-finance']);
      for (let i = 0; i < 10; i++) expect((await enroll('ABCD-EFGH', { ip })).status).toBe(404);
      const limited = await enroll(issued!.code, { ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('Retry-After')).toBe('60');
      expect((await errorOf(limited)).message).toMatch(/^连接码尝试过于频繁/);
      expect((await enroll(issued!.code, { ip: '203.0.113.77' })).status).toBe(201);
    },
  );
});

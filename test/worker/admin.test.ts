// Token administration: create (plain token shown once, stored hashed), list, revoke.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Me, TokenInfo } from '../../core/schemas/api.ts';
import { sha256Hex } from '../../worker/lib/crypto.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { call, errorOf, makeToken, type TestToken } from './helpers.ts';

let admin: TestToken;

describe('admin tokens', () => {
  beforeAll(async () => {
    admin = await makeToken('admin');
  });

  it('creates a unit token that works once and is stored only as its hash', async () => {
    const res = await call('/admin/tokens', {
      token: admin.token,
      body: { role: 'unit', unitId: 'v-gongsa', label: '公撒村填报员' },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as TokenInfo & { token: string };
    expect(TokenInfo.parse(created)).toMatchObject({ role: 'unit', unitId: 'v-gongsa', revokedAt: null });
    expect(created.token).toMatch(/^v-gongsa\.rt_[A-Za-z0-9_-]{43}$/);
    const me = Me.parse(await (await call('/me', { token: created.token, now: '2023-09-03T00:00:00Z' })).json());
    expect(me).toMatchObject({
      role: 'unit',
      label: '公撒村填报员',
      unit: { id: 'v-gongsa', name: '公撒村', kind: 'village' },
      openPeriod: '2023-09-H1',
    });
    expect(me.plans.map((p) => p.id)).toEqual([DEMO_PLAN_ID]);
    expect(me.units).toHaveLength(22);
    const row = await env.DB.prepare('SELECT hash FROM tokens WHERE id = ?').bind(created.id).first<{ hash: string }>();
    expect(row!.hash).toBe(await sha256Hex(created.token));

    const list = (await (await call('/admin/tokens', { token: admin.token })).json()) as {
      tokens: Record<string, unknown>[];
    };
    const listed = list.tokens.find((t) => t.id === created.id)!;
    expect(TokenInfo.parse(listed)).toMatchObject({ label: '公撒村填报员' });
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(Object.keys(listed)).not.toContain('hash');
  });

  it('revokes a token so it is refused with token_revoked', async () => {
    const res = await call('/admin/tokens', { token: admin.token, body: { role: 'supervisor', label: '乡村振兴办' } });
    const created = (await res.json()) as TokenInfo & { token: string };
    expect((await call('/summary', { token: created.token })).status).toBe(200);
    const rev = await call(`/admin/tokens/${created.id}/revoke`, { token: admin.token, method: 'POST' });
    expect(rev.status).toBe(200);
    expect(TokenInfo.parse(await rev.json()).revokedAt).not.toBeNull();
    const after = await call('/summary', { token: created.token });
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('token_revoked');
    expect(
      (await call(`/admin/tokens/${crypto.randomUUID()}/revoke`, { token: admin.token, method: 'POST' })).status,
    ).toBe(404);
  });

  it.each([
    [{ role: 'unit', label: '无单位' }, 'unitId'],
    [{ role: 'unit', unitId: 'v-nowhere', label: '未知单位' }, 'unitId'],
    [{ role: 'supervisor', unitId: 'v-gongsa', label: '多余单位' }, 'unitId'],
    [{ role: 'owner', label: 'x' }, 'role'],
    [{ role: 'admin', label: '' }, 'label'],
    [{ role: 'admin', label: 'x', extra: 1 }, 'extra'],
  ])('rejects %j with 422 naming %s', async (body, path) => {
    const res = await call('/admin/tokens', { token: admin.token, body });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.issues?.[0]?.path).toBe(path);
  });
});

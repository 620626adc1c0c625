// Units as data: the admin adds a unit, renames it, gives it aliases and a contact, deactivates it; ids are never
// reused; a new unit named in a plan resolves by its alias.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import { call, errorOf, makeToken, type TestToken } from './helpers.ts';

let admin: TestToken;

describe('units admin', () => {
  beforeAll(async () => {
    admin = await makeToken('admin');
  });

  it('lists the 22 seeded units with aliases and contacts', async () => {
    const { units } = (await (await call('/admin/units', { token: admin.token })).json()) as { units: Unit[] };
    expect(units).toHaveLength(22);
    expect(units.find((u) => u.id === 'o-rural-revitalization')).toMatchObject({
      contactName: '罗正强',
      contactPhone: '18088387949',
      active: true,
    });
    expect(units.find((u) => u.id === 'o-planning')?.aliases).toContain('村镇规划服务中心');
  });

  it('adds a unit that plans can then name by an alias', async () => {
    const res = await call('/admin/units', {
      token: admin.token,
      body: {
        id: 'o-emergency',
        name: '应急管理办',
        kind: 'office',
        aliases: ['应急办'],
        contactName: '王芳',
        contactPhone: '0883-1234567',
      },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      id: 'o-emergency',
      name: '应急管理办',
      active: true,
      aliases: ['应急办'],
    });
    const supervisor = await makeToken('supervisor');
    const plan = await call('/plans', {
      token: supervisor.token,
      body: {
        title: '应急专项整改',
        schedule: { kind: 'monthly', day: 'last' },
        problems: [{ id: '1', title: '预案不全' }],
        measures: [
          {
            id: '1-1',
            problemId: '1',
            title: '修订预案',
            lead: '王芳',
            responsibleUnits: '应急办',
            deadline: '2024年底前',
          },
        ],
      },
      now: '2024-01-05T00:00:00Z',
    });
    expect(plan.status).toBe(201);
    expect(((await plan.json()) as Plan).measures[0]!.responsibleUnitIds).toEqual(['o-emergency']);
  });

  it('never reuses a unit id, even of a deactivated unit', async () => {
    await call('/admin/units', { token: admin.token, body: { id: 'o-old-office', name: '旧办公室', kind: 'office' } });
    await call('/admin/units/o-old-office', { method: 'PATCH', token: admin.token, body: { active: false } });
    const again = await call('/admin/units', {
      token: admin.token,
      body: { id: 'o-old-office', name: '新办公室', kind: 'office' },
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).issues?.[0]?.path).toBe('id');
  });

  it('renames, re-aliases, changes the contact and deactivates a unit', async () => {
    const res = await call('/admin/units/v-manlai', {
      method: 'PATCH',
      token: admin.token,
      body: { name: '曼来村委会', aliases: ['曼来村'], contactName: '岩温', contactPhone: '13800000000' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: 'v-manlai',
      name: '曼来村委会',
      aliases: ['曼来村'],
      contactName: '岩温',
      kind: 'village',
    });
    const off = await call('/admin/units/v-manlai', { method: 'PATCH', token: admin.token, body: { active: false } });
    expect(((await off.json()) as Unit).active).toBe(false);
  });

  it('answers 422 naming the field for a bad unit, 404 for an unknown one, 403 for a supervisor', async () => {
    const bad = await call('/admin/units', { token: admin.token, body: { id: 'Bad Id', name: '', kind: 'town' } });
    expect(bad.status).toBe(422);
    expect(((await errorOf(bad)).issues ?? []).map((i) => i.path).sort()).toEqual(['id', 'kind', 'name']);
    expect(
      (await call('/admin/units/v-nowhere', { method: 'PATCH', token: admin.token, body: { active: false } })).status,
    ).toBe(404);
    expect((await call('/admin/units/v-yongan', { method: 'PATCH', token: admin.token, body: {} })).status).toBe(422);
    const supervisor = await makeToken('supervisor');
    expect((await call('/admin/units', { token: supervisor.token })).status).toBe(403);
  });
});

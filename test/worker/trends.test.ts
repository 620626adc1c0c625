// GET /trends inside workerd with a real D1: three units over four periods of the demo plan (half-monthly, first
// period 2023-08-H1, 22 responsible units), checked to the exact count and sum; then the span rules and the plans.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trends } from '../../core/schemas/trends.ts';
import { type Status } from '../../core/schemas/status.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { TRENDS_SQL } from '../../worker/db/trends.ts';
import { DEMO_PLAN_ID, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, errorOf, makeToken, submit, type TestToken } from './helpers.ts';

const HOUR = 3_600_000;
const NOW = '2023-10-05T10:00:00+08:00'; // open period 2023-10-H1, not yet due
let sup: TestToken;

/** The unit's first measure gets `status` and funds 10 planned / `paid` paid; its other measures are 推进中. */
function report(unitId: string, period: string, status: Status, paid: number): Submission {
  return {
    period,
    signer: '张三',
    rows: demoMeasuresFor(unitId).map((m, k) => ({
      measureId: m.id,
      status: k === 0 ? status : 'ongoing',
      progress: `${m.title}：入户走访 ${k + 3} 户。`,
      evidence: '走访台账',
      ...(k === 0 ? { fundsPlanned: 10, fundsPaid: paid } : {}),
    })),
  };
}

async function file(unitId: string, period: string, status: Status, paid: number, late = false): Promise<string> {
  const t = await makeToken('unit', unitId);
  const res = await submit(t.token, report(unitId, period, status, paid), {
    now: aroundDeadline(period, (late ? 2 : -2) * HOUR),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { reportId: string }).reportId;
}

async function trends(query = ''): Promise<Trends> {
  const res = await call(`/trends${query}`, { token: sup.token, now: NOW });
  expect(res.status, await res.clone().text()).toBe(200);
  return Trends.parse(await res.json());
}

describe('GET /trends', () => {
  beforeAll(async () => {
    sup = await makeToken('supervisor');
    // 共农村 (measure 1-1 first): on time every period, 推进中 → 阶段性成效 → 阶段性成效 → 已完成, then 退回 in 09-H2.
    await file('v-gongnong', '2023-08-H1', 'ongoing', 1);
    await file('v-gongnong', '2023-08-H2', 'phased', 2);
    await file('v-gongnong', '2023-09-H1', 'phased', 4);
    const returned = await file('v-gongnong', '2023-09-H2', 'done', 10);
    expect(
      (await call(`/reports/${returned}/return`, { token: sup.token, body: { reason: '数据不全' }, now: NOW })).status,
    ).toBe(200);
    // 财政所 (measure 3-2 first): late in 08-H2, on time in 09-H1.
    await file('o-finance', '2023-08-H2', 'ongoing', 3, true);
    await file('o-finance', '2023-09-H1', 'done', 8);
    // 学校 (measure 1-1 first): once, on time, in 08-H1.
    await file('o-school', '2023-08-H1', 'phased', 0.5);
  });

  it("counts each period's 22 responsible units as on time, late, missing, returned or not due, from the plan's first period to the open one", async () => {
    const t = await trends();
    expect([t.from, t.to]).toEqual(['2023-08-H1', '2023-10-H1']);
    const pick = (p: Trends['periods'][number]) => [
      p.period,
      p.units,
      p.on_time,
      p.late,
      p.missing,
      p.returned,
      p.not_due,
    ];
    expect(t.periods.map(pick)).toEqual([
      ['2023-08-H1', 22, 2, 0, 20, 0, 0],
      ['2023-08-H2', 22, 1, 1, 20, 0, 0],
      ['2023-09-H1', 22, 2, 0, 20, 0, 0],
      ['2023-09-H2', 22, 0, 0, 21, 1, 0],
      ['2023-10-H1', 22, 0, 0, 0, 0, 22],
    ]);
  });

  it('sums funds planned and paid over the filed current rows of each period (the returned 09-H2 report adds nothing)', async () => {
    const t = await trends();
    expect(t.periods.map((p) => [p.fundsPlanned, p.fundsPaid])).toEqual([
      [20, 1.5],
      [20, 5],
      [20, 12],
      [0, 0],
      [0, 0],
    ]);
  });

  it("follows each measure's statuses over the periods, counting only its responsible units' filed reports", async () => {
    const t = await trends();
    const m = (id: string) => t.measures.find((x) => x.measureId === id)!.counts;
    const z = { done: 0, phased: 0, ongoing: 0, not_started: 0 };
    expect(m('1-1')).toEqual([
      { ...z, ongoing: 1, phased: 1 },
      { ...z, phased: 1 },
      { ...z, phased: 1 },
      z, // 共农村's 已完成 of 09-H2 was returned (退回): not filed, not counted
      z,
    ]);
    // 3-2: 共农村 reports it 推进中 every period (09-H2 returned), 财政所 推进中 then 已完成.
    expect(m('3-2')).toEqual([{ ...z, ongoing: 1 }, { ...z, ongoing: 2 }, { ...z, ongoing: 1, done: 1 }, z, z]);
    expect(t.measures).toHaveLength(13);
  });

  it("keeps to an explicit span and never starts before the plan's first period", async () => {
    const t = await trends('?from=2023-01-H1&to=2023-08-H2');
    expect(t.periods.map((p) => p.period)).toEqual(['2023-08-H1', '2023-08-H2']);
  });

  it('keeps the latest 72 periods by default and refuses an explicit span longer than that', async () => {
    // Seen from January 2027 (a span may not end more than a year after today).
    const jan2027 = '2027-01-05T10:00:00+08:00';
    const t = Trends.parse(await (await call('/trends?to=2027-01-H1', { token: sup.token, now: jan2027 })).json());
    expect(t.periods).toHaveLength(72);
    expect([t.from, t.to]).toEqual(['2024-01-H2', '2027-01-H1']);
    const res = await call('/trends?from=2023-08-H1&to=2027-01-H1', { token: sup.token, now: jan2027 });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('range_too_large');
  });

  it("refuses a span ending before the plan's first period and a unit's token", async () => {
    const early = await call('/trends?to=2023-07-H2', { token: sup.token, now: NOW });
    expect(early.status).toBe(400);
    expect((await errorOf(early)).code).toBe('invalid_range');
    const unit = await makeToken('unit', 'v-gongnong');
    expect((await call('/trends', { token: unit.token, now: NOW })).status).toBe(403);
  });

  it.each(Object.entries(TRENDS_SQL))('reads the report tables through indexes (%s)', async (_name, sql) => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(DEMO_PLAN_ID, '2023-08-H1', '2023-09-H2')
      .all<{ detail: string }>();
    const detail = results.map((r) => r.detail);
    expect(
      detail.some((d) => /SEARCH h\b/.test(d)),
      detail.join(' | '),
    ).toBe(true);
    for (const d of detail) expect(d, detail.join(' | ')).not.toMatch(/\bSCAN (h|r|rr)\b(?! USING)/);
  });
});

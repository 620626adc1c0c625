// On time vs late at the UTC+8 boundary, February deadlines, the first-revision rule, and /summary + /matrix, on the
// demo plan (half-monthly, first period 2023-08-H1).
import { beforeAll, describe, expect, it } from 'vitest';
import { Matrix, Summary } from '../../core/schemas/api.ts';
import { Receipt } from '../../core/schemas/submission.ts';
import { DEMO_PLAN, DEMO_UNITS as UNITS, demoMeasuresFor as measuresFor } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const U1 = 'v-gongnong';
const U2 = 'o-finance';
const U3 = 'o-school';
let t1: TestToken;
let t2: TestToken;
let t3: TestToken;
let sup: TestToken;

async function timelinessAt(token: TestToken, unitId: string, period: string, at: string): Promise<string> {
  const res = await submit(token.token, submissionFor(unitId, period), { now: at });
  expect(res.status).toBe(201);
  return Receipt.parse(await res.json()).timeliness;
}

async function summary(period: string, now: string): Promise<Summary> {
  const res = await call(`/summary?period=${period}`, { token: sup.token, now });
  expect(res.status).toBe(200);
  return Summary.parse(await res.json());
}

describe('timeliness', () => {
  beforeAll(async () => {
    [t1, t2, t3, sup] = await Promise.all([
      makeToken('unit', U1),
      makeToken('unit', U2),
      makeToken('unit', U3),
      makeToken('supervisor'),
    ]);
  });

  it('is on time until 24:00 of the 14th in Beijing time and late from then on', async () => {
    // 2023-12-14 23:59:59.999 CST = 15:59:59.999Z; 2023-12-15 00:00 CST = 16:00Z.
    expect(await timelinessAt(t1, U1, '2023-12-H1', '2023-12-14T15:59:59.999Z')).toBe('on_time');
    expect(await timelinessAt(t2, U2, '2023-12-H1', '2023-12-14T16:00:00.000Z')).toBe('late');
    // Still the 14th in UTC, already the 15th in Beijing.
    expect(await timelinessAt(t3, U3, '2023-12-H1', '2023-12-14T20:00:00.000Z')).toBe('late');
  });

  it('uses the 28th as the H2 deadline in a common February and the 29th in a leap year', async () => {
    expect(await timelinessAt(t1, U1, '2025-02-H2', '2025-02-28T15:59:59Z')).toBe('on_time');
    expect(await timelinessAt(t2, U2, '2025-02-H2', '2025-02-28T16:00:00Z')).toBe('late');
    expect(await timelinessAt(t1, U1, '2024-02-H2', '2024-02-28T20:00:00Z')).toBe('on_time');
    expect(await timelinessAt(t2, U2, '2024-02-H2', '2024-02-29T15:59:59Z')).toBe('on_time');
    expect(await timelinessAt(t3, U3, '2024-02-H2', '2024-02-29T16:00:00Z')).toBe('late');
    const s = await summary('2025-02-H2', '2025-03-01T00:00:00Z');
    expect(s.deadline).toBe('2025-02-28T16:00:00.000Z');
  });

  it("keeps the first revision's timeliness: a late report stays late, an on-time one stays on time", async () => {
    const period = '2023-11-H1';
    expect(await timelinessAt(t1, U1, period, aroundDeadline(period, 1000))).toBe('late');
    expect(await timelinessAt(t1, U1, period, aroundDeadline(period, 2000))).toBe('late');
    expect(await timelinessAt(t2, U2, period, aroundDeadline(period, -1000))).toBe('on_time');
    expect(await timelinessAt(t2, U2, period, aroundDeadline(period, 86_400_000))).toBe('on_time');
    const s = await summary(period, aroundDeadline(period, 2 * 86_400_000));
    const of = (id: string) => s.units.find((u) => u.unitId === id)!;
    expect([of(U1).timeliness, of(U1).revision, of(U2).timeliness, of(U2).revision]).toEqual(['late', 2, 'on_time', 2]);
    // The summary shows what the verdict rests on (the first arrival) beside the current revision's arrival.
    expect([of(U2).firstReceivedAt, of(U2).receivedAt]).toEqual([
      aroundDeadline(period, -1000),
      aroundDeadline(period, 86_400_000),
    ]);
  });
});

describe('GET /summary', () => {
  it('reports not_due before the deadline and missing after it for units without a report', async () => {
    const period = '2023-10-H1';
    await timelinessAt(t1, U1, period, aroundDeadline(period, -5000));
    const before = await summary(period, aroundDeadline(period, -1));
    expect(before.totals).toMatchObject({ units: UNITS.length, on_time: 1, not_due: UNITS.length - 1, missing: 0 });
    const after = await summary(period, aroundDeadline(period, 0));
    expect(after.totals).toMatchObject({ on_time: 1, missing: UNITS.length - 1, not_due: 0 });
    expect(after.units.map((u) => u.unitId)).toEqual(UNITS.map((u) => u.id));
  });

  it('counts rows by status per unit and per measure, and a returned report as returned, adding no rows or counts', async () => {
    const period = '2023-10-H2';
    const now = aroundDeadline(period, -60_000);
    const sub = submissionFor(U1, period);
    const r1 = Receipt.parse(await (await submit(t1.token, sub, { now })).json());
    const sub2 = submissionFor(U2, period);
    await submit(t2.token, sub2, { now });
    const ret = await call(`/reports/${r1.reportId}/return`, { token: sup.token, body: { reason: '请补充数据' }, now });
    expect(ret.status).toBe(200);

    const s = await summary(period, now);
    const u1 = s.units.find((u) => u.unitId === U1)!;
    // A returned report is not filed (docs/api.md, Timeliness): shown as 退回 with its revision, counted nowhere.
    expect(u1).toMatchObject({
      timeliness: 'returned',
      returnedReason: '请补充数据',
      rowCount: 0,
      revision: 1,
      signer: '张三',
    });
    expect(u1.statusCounts).toEqual({ done: 0, phased: 0, ongoing: 0, not_started: 0 });
    const u2 = s.units.find((u) => u.unitId === U2)!;
    const expectedStatus = { done: 0, phased: 0, ongoing: 0, not_started: 0 };
    for (const r of sub2.rows) expectedStatus[r.status] += 1;
    expect(u2).toMatchObject({ timeliness: 'on_time', rowCount: sub2.rows.length, statusCounts: expectedStatus });
    expect(s.totals).toMatchObject({ returned: 1, on_time: 1, rows: measuresFor(U2).length });

    for (const m of DEMO_PLAN.measures) {
      const ms = s.measures.find((x) => x.measureId === m.id)!;
      const reporters = measuresFor(U2).some((x) => x.id === m.id) ? 1 : 0;
      expect(ms.reportedUnits).toBe(reporters);
      expect(ms.expectedUnits).toBe(m.responsibleUnitIds.length);
      expect(Object.values(ms.statusCounts).reduce((a, b) => a + b, 0)).toBe(reporters);
    }
  });

  it('defaults to the open period', async () => {
    const s = await summary('2025-05-H2', '2025-05-20T00:00:00Z');
    const d = Summary.parse(await (await call('/summary', { token: sup.token, now: '2025-05-20T00:00:00Z' })).json());
    expect(d.period).toBe(s.period);
  });
});

describe('GET /matrix', () => {
  it('defaults to the last six periods up to the open one with a cell per unit and period', async () => {
    const res = await call('/matrix', { token: sup.token, now: '2023-12-20T00:00:00Z' });
    const m = Matrix.parse(await res.json());
    expect(m.planId).toBe(DEMO_PLAN.id);
    expect(m.periods).toEqual(['2023-10-H1', '2023-10-H2', '2023-11-H1', '2023-11-H2', '2023-12-H1', '2023-12-H2']);
    const row = m.units.find((u) => u.unitId === U1)!;
    expect(row.cells).toEqual(['on_time', 'returned', 'late', 'missing', 'on_time', 'not_due']);
    expect(m.units).toHaveLength(UNITS.length);
  });

  it("starts at the plan's first period when the last six periods reach back before it", async () => {
    const m = Matrix.parse(await (await call('/matrix', { token: sup.token, now: '2023-09-20T00:00:00Z' })).json());
    expect(m.periods).toEqual(['2023-08-H1', '2023-08-H2', '2023-09-H1', '2023-09-H2']);
    const early = Matrix.parse(
      await (
        await call('/matrix?from=2023-01-H1&to=2023-08-H2', { token: sup.token, now: '2023-09-20T00:00:00Z' })
      ).json(),
    );
    expect(early.periods).toEqual(['2023-08-H1', '2023-08-H2']);
  });

  it('answers an explicit range and rejects reversed, oversized and malformed ones naming the field', async () => {
    const ok = Matrix.parse(
      await (
        await call('/matrix?from=2025-02-H2&to=2025-03-H1', { token: sup.token, now: '2025-03-20T00:00:00Z' })
      ).json(),
    );
    expect(ok.periods).toEqual(['2025-02-H2', '2025-03-H1']);
    expect(ok.units.find((u) => u.unitId === U2)!.cells).toEqual(['late', 'missing']);
    for (const [q, code, path] of [
      ['from=2023-09-H1&to=2023-08-H1', 'invalid_range', 'from'],
      ['from=2023-08-H1&to=2027-01-H1', 'range_too_large', 'from'],
      ['from=2023-01-H1&to=2023-07-H2', 'invalid_range', 'to'],
      ['from=2023-9-H1', 'invalid_query', 'from'],
      ['to=yesterday', 'invalid_query', 'to'],
    ] as const) {
      const res = await call(`/matrix?${q}`, { token: sup.token });
      expect(res.status, q).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe(code);
      expect(err.issues?.[0]?.path).toBe(path);
    }
  });
});

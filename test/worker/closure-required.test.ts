// After 销号: a unit whose every pair is closed owes nothing for later periods — 已销号 instead of 未报 in /summary,
// /matrix, /trends and /reports/status, no missing flag, no reminder — and a closed measure's row may be left out of a
// report. A reopened pair is owed again. Inside workerd with the real D1 and R2.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClosureList } from '../../core/closure/index.ts';
import { Matrix, Summary } from '../../core/schemas/api.ts';
import { Trends } from '../../core/schemas/trends.ts';
import { UnitStatus } from '../../core/reports/unit-status.ts';
import { listMissingFlags } from '../../worker/db/reminders.ts';
import { runScheduledJob } from '../../worker/lib/reminders.ts';
import { DEMO_PLAN_ID, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { uploadEvidence } from './evidence-helpers.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

// 文旅中心 answers for three measures (2-2, 2-3, 2-4); 公撒村 for all thirteen.
const CLOSER = 'o-culture-tourism';
const PARTLY = 'v-gongsa';
const FILED = '2023-11-H2';
const NEXT = '2023-12-H1';
const CLOSED_AT = '2023-11-30T02:00:00Z';
const AFTER_NEXT = '2023-12-16T02:00:00Z';
const PDF = (tag: string) => new TextEncoder().encode(`%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
let closer: TestToken;
let partly: TestToken;
let sup: TestToken;

/** Reports 已完成 for every measure of the unit, then applies for and gets 销号 of `measures`. */
async function closeAll(t: TestToken, unitId: string, measures: readonly string[]) {
  const s = submissionFor(unitId, FILED);
  s.rows = s.rows.map((r) => ({ ...r, status: 'done' as const }));
  expect((await submit(t.token, s, { now: aroundDeadline(FILED, -3_600_000) })).status).toBe(201);
  for (const measureId of measures) {
    const up = await uploadEvidence(t.token, unitId, PDF(`${unitId} ${measureId}`), {
      measure: measureId,
      period: FILED,
      name: `${measureId}验收材料.pdf`,
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const applied = await call('/closures/apply', {
      token: t.token,
      now: CLOSED_AT,
      body: { measureId, summary: '已全部完成并验收。', evidenceIds: [id] },
    });
    expect(applied.status).toBe(201);
    const closed = await call(`/closures/${measureId}/${unitId}/verdict`, {
      token: sup.token,
      now: CLOSED_AT,
      body: { decision: 'close', opinion: '现场核查属实', verifiedOn: '2023-11-30' },
    });
    expect(closed.status).toBe(200);
  }
}

const json = async <T>(path: string, token: string, now: string, schema: { parse(v: unknown): T }) => {
  const res = await call(path, { token, now });
  expect(res.status).toBe(200);
  return schema.parse(await res.json());
};

describe('after 销号', () => {
  beforeAll(async () => {
    closer = await makeToken('unit', CLOSER);
    partly = await makeToken('unit', PARTLY);
    sup = await makeToken('supervisor');
    await closeAll(
      closer,
      CLOSER,
      demoMeasuresFor(CLOSER).map((m) => m.id),
    );
    await closeAll(partly, PARTLY, ['1-1']);
  });

  it('shows a unit with every pair closed as 已销号, not 未报, in /summary for the next period', async () => {
    const s = await json(`/summary?period=${NEXT}`, sup.token, AFTER_NEXT, Summary);
    expect(s.units.find((u) => u.unitId === CLOSER)?.timeliness).toBe('closed');
    expect(s.units.find((u) => u.unitId === PARTLY)?.timeliness).toBe('missing');
    expect(s.totals.closed).toBe(1);
    expect(s.measures.find((m) => m.measureId === '2-2')!.expectedUnits).toBe(
      s.measures.find((m) => m.measureId === '2-3')!.expectedUnits,
    );
    // The period it filed stays as filed.
    const filed = await json(`/summary?period=${FILED}`, sup.token, AFTER_NEXT, Summary);
    expect(filed.units.find((u) => u.unitId === CLOSER)?.timeliness).toBe('on_time');
  });

  it("says the same in /matrix, /trends and the unit's own /reports/status", async () => {
    const m = await json(`/matrix?from=${FILED}&to=${NEXT}`, sup.token, AFTER_NEXT, Matrix);
    expect(m.units.find((u) => u.unitId === CLOSER)?.cells).toEqual(['on_time', 'closed']);
    const t = await json(`/trends?from=${FILED}&to=${NEXT}`, sup.token, AFTER_NEXT, Trends);
    expect(t.periods.at(-1)).toMatchObject({ period: NEXT, closed: 1 });
    const s = await json('/reports/status', closer.token, AFTER_NEXT, UnitStatus);
    expect(s.periods.find((p) => p.period === NEXT)?.state).toBe('closed');
  });

  it("counts the 整改完成率 in /trends as it stood at each period's deadline, as /closures counts it now", async () => {
    const t = await json(`/trends?from=${FILED}&to=${NEXT}`, sup.token, AFTER_NEXT, Trends);
    const now = await json('/closures', sup.token, AFTER_NEXT, ClosureList);
    expect(now.rates.pairs.closed).toBe(4);
    // The four 销号 came on 11-30, after 11-H2's deadline and before 12-H1's.
    expect(t.periods[0]!.closure!.pairs).toEqual({ closed: 0, total: now.rates.pairs.total, rate: 0 });
    expect(t.periods[1]!.closure).toEqual({ pairs: now.rates.pairs, measures: now.rates.measures });
  });

  it("gives the whole 整改完成率 — per problem and per unit — at the last period's due day for 整改进展汇总表", async () => {
    const now = await json('/closures', sup.token, AFTER_NEXT, ClosureList);
    // 11-H2 ended before the four 销号: nothing closed at its due day, while /closures counts them today.
    const filed = await json(`/trends?from=${FILED}&to=${FILED}`, sup.token, AFTER_NEXT, Trends);
    expect(filed.closureAtEnd).toMatchObject({ asOf: '2023-11-29', deadline: '2023-11-29' });
    expect(filed.closureAtEnd!.rates.pairs).toEqual({ closed: 0, total: now.rates.pairs.total, rate: 0 });
    expect(filed.closureAtEnd!.rates.byUnit[CLOSER]).toEqual({ closed: 0, total: 3, rate: 0 });
    // 12-H1 ended after them: the breakdown equals /closures'.
    const next = await json(`/trends?from=${FILED}&to=${NEXT}`, sup.token, AFTER_NEXT, Trends);
    expect(next.closureAtEnd).toEqual({ asOf: '2023-12-14', deadline: '2023-12-14', rates: now.rates });
    // While 12-H1 is still open the day counted is today, not its due day.
    const open = await json(`/trends?from=${FILED}&to=${NEXT}`, sup.token, '2023-12-05T02:00:00Z', Trends);
    expect(open.closureAtEnd).toMatchObject({ asOf: '2023-12-05', deadline: '2023-12-14' });
    expect(open.closureAtEnd!.rates.byUnit[CLOSER]).toEqual({ closed: 3, total: 3, rate: 1 });
  });

  it('flags no missing report and sends no reminder for the closed unit', async () => {
    await runScheduledJob(env, new Date(AFTER_NEXT));
    const flagged = (await listMissingFlags(env.DB, DEMO_PLAN_ID, NEXT)).map((f) => f.unitId);
    expect(flagged).toContain(PARTLY);
    expect(flagged).not.toContain(CLOSER);
  });

  it('accepts a report that leaves out a closed measure, and still refuses one that leaves out an open one', async () => {
    const without = (drop: string) => {
      const s = submissionFor(PARTLY, NEXT);
      s.rows = s.rows.filter((r) => r.measureId !== drop);
      return s;
    };
    const open = await submit(partly.token, without('1-2'), { now: aroundDeadline(NEXT, -3_600_000) });
    expect(open.status).toBe(422);
    expect((await errorOf(open)).issues?.some((i) => i.code === 'measure_missing')).toBe(true);
    expect((await submit(partly.token, without('1-1'), { now: aroundDeadline(NEXT, -3_600_000) })).status).toBe(201);
  });

  it('owes reports again once a pair is reopened', async () => {
    const reopened = await call(`/closures/2-2/${CLOSER}/reopen`, {
      token: sup.token,
      now: '2023-12-20T02:00:00Z',
      body: { reason: '复查发现问题反弹' },
    });
    expect(reopened.status).toBe(200);
    const s = await json('/summary?period=2023-12-H2', sup.token, '2024-01-02T02:00:00Z', Summary);
    expect(s.units.find((u) => u.unitId === CLOSER)?.timeliness).toBe('missing');
    // The period closed before the reopening stays 已销号.
    const earlier = await json(`/summary?period=${NEXT}`, sup.token, '2024-01-02T02:00:00Z', Summary);
    expect(earlier.units.find((u) => u.unitId === CLOSER)?.timeliness).toBe('closed');
  });
});

// GET /details (报送明细): the current revision's rows of every unit for a period, read through report_heads.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Details } from '../../core/schemas/api.ts';
import { measureById } from '../../core/plan/plan-lookup.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { DETAILS_SQL } from '../../worker/db/details.ts';
import { DEMO_PLAN, DEMO_PLAN_ID, DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'o-water';
const B = 'v-dinglai';
const HOUR = 3_600_000;
let a: TestToken;
let b: TestToken;
let sup: TestToken;

async function details(query: string, now = '2025-12-01T00:00:00Z'): Promise<Details> {
  const res = await call(`/details${query}`, { token: sup.token, now });
  expect(res.status).toBe(200);
  return Details.parse(await res.json());
}

async function accepted(res: Response): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(201);
}

describe('GET /details', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
  });

  it("lists only the current revision's rows of every reporting unit, in unit order then row order", async () => {
    const period = '2024-03-H1';
    const now = aroundDeadline(period, -HOUR);
    await accepted(await submit(a.token, submissionFor(A, period, '旧签字人'), { now }));
    const second: Submission = {
      ...submissionFor(A, period, '新签字人'),
      rows: submissionFor(A, period).rows.map((r) => ({ ...r, progress: `第二版：${r.progress}` })),
    };
    await accepted(await submit(a.token, second, { now }));
    await accepted(await submit(b.token, submissionFor(B, period), { now }));

    const d = await details(`?period=${period}`);
    expect(d.period).toBe(period);
    const order = (id: string) => DEMO_UNITS.findIndex((u) => u.id === id);
    const [first, later] = order(A) < order(B) ? [A, B] : [B, A];
    const expectedIds = [...demoMeasuresFor(first), ...demoMeasuresFor(later)].map((m) => m.id);
    expect(d.rows.map((r) => r.measureId)).toEqual(expectedIds);
    const rowsA = d.rows.filter((r) => r.unitId === A);
    expect(rowsA).toHaveLength(second.rows.length);
    expect(rowsA.every((r) => r.revision === 2 && r.signer === '新签字人' && r.progress.startsWith('第二版：'))).toBe(
      true,
    );
    expect(rowsA[0]).toMatchObject({
      unitName: DEMO_UNITS.find((u) => u.id === A)!.name,
      measureTitle: measureById(DEMO_PLAN, second.rows[0]!.measureId)!.title,
      status: second.rows[0]!.status,
      evidence: '会议记录、走访台账',
    });
    expect(rowsA[0]!.receivedAt).toBe(now);
    // Fields the unit left empty are absent, not null.
    expect(Object.keys(rowsA[0]!)).not.toContain('rate');
    expect(Object.keys(rowsA[0]!)).not.toContain('note');
  });

  it('keeps numbers, funds and notes of a row as submitted', async () => {
    const period = '2024-03-H2';
    const base = submissionFor(B, period);
    const sub: Submission = {
      ...base,
      rows: base.rows.map((r, i) =>
        i === 0
          ? {
              ...r,
              target: 10,
              actual: 4,
              rate: 40,
              fundsPlanned: 12.5,
              fundsPaid: 3,
              note: '=HYPERLINK("http://x","y")',
            }
          : r,
      ),
    };
    await accepted(await submit(b.token, sub, { now: aroundDeadline(period, -HOUR) }));
    const d = await details(`?period=${period}`);
    expect(d.rows[0]).toMatchObject({
      unitId: B,
      target: 10,
      actual: 4,
      rate: 40,
      fundsPlanned: 12.5,
      fundsPaid: 3,
      note: '=HYPERLINK("http://x","y")',
    });
  });

  it('defaults to the open period and answers an empty list when nobody reported', async () => {
    const d = await details('', '2031-05-03T00:00:00Z');
    expect(d).toEqual({ planId: DEMO_PLAN_ID, period: '2031-05-H1', rows: [] });
  });

  it('rejects a malformed period with a 400 naming the parameter', async () => {
    const res = await call('/details?period=2024-3-H1', { token: sup.token });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('invalid_query');
    expect(err.issues?.map((i) => i.path)).toEqual(['period']);
  });

  it('reads the report tables through indexes in one statement', async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${DETAILS_SQL}`)
      .bind(DEMO_PLAN_ID, '2024-03-H1')
      .all<{ detail: string }>();
    const detail = results.map((r) => r.detail);
    expect(
      detail.some((d) => /SEARCH h\b/.test(d)),
      detail.join(' | '),
    ).toBe(true);
    for (const d of detail) expect(d, detail.join(' | ')).not.toMatch(/\bSCAN (h|r|rr)\b(?! USING)/);
  });
});

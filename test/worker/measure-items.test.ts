// 子项 in the Worker: several rows of one measure stored with their items, a repeated item refused (422), and the
// summary counting the measure once per unit with its figures added up and its least advanced status.
import { beforeAll, describe, expect, it } from 'vitest';
import { Details, ReportDetail, Summary } from '../../core/schemas/api.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'v-dinglai';
const B = 'v-yongan';
const PERIOD = '2023-10-H1';
const NOW = aroundDeadline(PERIOD, -3_600_000);
let a: TestToken;
let b: TestToken;
let sup: TestToken;

/** The unit's usual submission with measure `id` split into two items. */
function withItems(unitId: string, id: string, items: [string, string]): Submission {
  const base = submissionFor(unitId, PERIOD);
  const i = base.rows.findIndex((r) => r.measureId === id);
  const row = base.rows[i]!;
  const split = [
    {
      ...row,
      item: items[0],
      status: 'done' as const,
      progress: '道路硬化1.2公里，完成投资40万元',
      target: 10,
      actual: 10,
      rate: 100,
      fundsPlanned: 40,
      fundsPaid: 40,
      evidence: '验收单',
    },
    {
      ...row,
      item: items[1],
      status: 'ongoing' as const,
      progress: '饮水管网铺设3公里，完成投资12.5万元',
      target: 20,
      actual: 5,
      rate: 25,
      fundsPlanned: 30,
      fundsPaid: 12.5,
    },
  ];
  return { ...base, rows: [...base.rows.slice(0, i), ...split, ...base.rows.slice(i + 1)] };
}

describe('items (子项) in reports', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
  });

  it('stores two rows of one measure with their items and gives them back in order', async () => {
    const body = withItems(A, '3-1', ['曼来组道路硬化', '南楞组饮水工程']);
    const res = await submit(a.token, body, { now: NOW });
    expect(res.status).toBe(201);
    const { reportId } = (await res.json()) as { reportId: string };
    const detail = ReportDetail.parse(await (await call(`/reports/${reportId}`, { token: a.token })).json());
    expect(detail.rows).toEqual(body.rows);
    expect(detail.rows.filter((r) => r.measureId === '3-1').map((r) => r.item)).toEqual([
      '曼来组道路硬化',
      '南楞组饮水工程',
    ]);
  });

  it('refuses a repeated item of one measure and names the row and field', async () => {
    const res = await submit(b.token, withItems(B, '3-1', ['道路硬化', '道路硬化']), { now: NOW });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.issues!.filter((i) => i.code === 'duplicate_measure').map((i) => i.path)).toHaveLength(1);
    expect(err.issues!.find((i) => i.code === 'duplicate_measure')!.path).toMatch(/^rows\.\d+\.item$/);
  });

  it('counts the measure once per unit in the summary, adds up its figures and takes the least advanced status', async () => {
    expect((await submit(b.token, withItems(B, '3-1', ['一组', '二组']), { now: NOW })).status).toBe(201);
    const res = await call(`/summary?period=${PERIOD}`, { token: sup.token, now: NOW });
    const summary = Summary.parse(await res.json());
    const m = summary.measures.find((x) => x.measureId === '3-1')!;
    expect(m.reportedUnits).toBe(2);
    // Each unit: 已完成 + 推进中 → 推进中 (not done until every item is).
    expect(m.statusCounts).toMatchObject({ done: 0, ongoing: 2 });
    expect(m.figures).toEqual({ target: 60, actual: 30, fundsPlanned: 140, fundsPaid: 105 });
    const unit = summary.units.find((u) => u.unitId === A)!;
    expect(unit.rowCount).toBe(submissionFor(A, PERIOD).rows.length + 1);
    const details = Details.parse(
      await (await call(`/details?period=${PERIOD}`, { token: sup.token, now: NOW })).json(),
    );
    expect(details.rows.filter((r) => r.unitId === A && r.measureId === '3-1').map((r) => r.item)).toEqual([
      '曼来组道路硬化',
      '南楞组饮水工程',
    ]);
  });
});

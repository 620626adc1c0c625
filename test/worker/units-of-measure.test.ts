// 计量单位 in the Worker: stored with each row, given back by the report, /details and the CSV, and /summary adds
// 目标值/完成值 only within one unit of measure — 17 户 and 5 个 are never added, so no single 完成率 can be made.
import { beforeAll, describe, expect, it } from 'vitest';
import { Details, ReportDetail, Summary } from '../../core/schemas/api.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { parseCsv } from '../../addin/files/csv.ts';
import { SELF } from 'cloudflare:test';
import { aroundDeadline, call, makeToken, ORIGIN, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'v-dinglai';
const B = 'v-yongan';
const PERIOD = '2023-10-H2';
const NOW = aroundDeadline(PERIOD, -3_600_000);
let a: TestToken;
let b: TestToken;
let sup: TestToken;

/** The unit's usual submission with 3-1's figures counted in `unit`. */
function counting(unitId: string, unitOfMeasure: string, target: number, actual: number): Submission {
  const base = submissionFor(unitId, PERIOD);
  return {
    ...base,
    rows: base.rows.map((r) =>
      r.measureId === '3-1'
        ? {
            ...r,
            target,
            actual,
            rate: Math.round((actual / target) * 1000) / 10,
            unitOfMeasure,
            fundsPlanned: 10,
            fundsPaid: 5,
          }
        : r,
    ),
  };
}

describe('计量单位 in reports and the summary', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
  });

  it('stores the unit of measure with its row and gives it back', async () => {
    const res = await submit(a.token, counting(A, '户', 20, 17), { now: NOW });
    expect(res.status).toBe(201);
    const { reportId } = (await res.json()) as { reportId: string };
    const detail = ReportDetail.parse(await (await call(`/reports/${reportId}`, { token: a.token })).json());
    expect(detail.rows.find((r) => r.measureId === '3-1')).toMatchObject({
      target: 20,
      actual: 17,
      unitOfMeasure: '户',
    });
    // The 报送单 prints it in its own column beside 完成值.
    const link = (await (
      await call(`/reports/${reportId}/print-link`, { method: 'POST', token: a.token, now: NOW })
    ).json()) as { url: string };
    const html = await (
      await SELF.fetch(link.url.replace(/^https?:\/\/[^/]+/, ORIGIN), { headers: { 'X-Rectify-Now': NOW } })
    ).text();
    expect(html).toMatch(/<th[^>]*>完成值<\/th><th[^>]*>计量单位<\/th>/);
    expect(html).toContain('<td class="n">17</td><td class="c">户</td>');
  });

  it('never adds 17 户 and 5 个 in /summary: one sum per unit of measure, funds still added', async () => {
    expect((await submit(b.token, counting(B, '个', 8, 5), { now: NOW })).status).toBe(201);
    const summary = Summary.parse(
      await (await call(`/summary?period=${PERIOD}`, { token: sup.token, now: NOW })).json(),
    );
    const m = summary.measures.find((x) => x.measureId === '3-1')!;
    const { quantities, ...rest } = m.figures!;
    expect(rest).toEqual({ fundsPlanned: 20, fundsPaid: 10 });
    expect(quantities).toHaveLength(2);
    expect(quantities).toEqual(
      expect.arrayContaining([
        { unitOfMeasure: '户', target: 20, actual: 17 },
        { unitOfMeasure: '个', target: 8, actual: 5 },
      ]),
    );
    const details = Details.parse(
      await (await call(`/details?period=${PERIOD}`, { token: sup.token, now: NOW })).json(),
    );
    const rows = details.rows.filter((r) => r.measureId === '3-1').map((r) => [r.unitId, r.actual, r.unitOfMeasure]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        [A, 17, '户'],
        [B, 5, '个'],
      ]),
    );
  });

  it('prints the unit of measure beside the figures in the CSV export', async () => {
    const csv = await (await call(`/export.csv?period=${PERIOD}`, { token: sup.token, now: NOW })).text();
    const [header, ...lines] = parseCsv(csv.replace(/^\uFEFF/, ''));
    const at = header!.indexOf('计量单位');
    expect(at).toBe(header!.indexOf('完成值') + 1);
    expect(
      lines
        .filter((l) => l.includes('3-1'))
        .map((l) => l[at])
        .sort(),
    ).toEqual(['个', '户'].sort());
  });
});

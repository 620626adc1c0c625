// One rule for a returned (退回) report, seen through every view: it is counted as 退回 and NOT as filed, and its rows
// add nothing to any count or sum — in /summary, /matrix, /trends, /details, the CSV and every supervisor sheet built
// from them (整改进展汇总表, 汇总-按单位, 未报单位, 汇总-按措施, 报送矩阵, 报送明细). Two villages report the same measures;
// 丁来村's report is returned.
import { beforeAll, describe, expect, it } from 'vitest';
import { Details, Matrix, Summary } from '../../core/schemas/api.ts';
import { Trends } from '../../core/schemas/trends.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { periodSheets } from '../../addin/sheets/period-sheets.ts';
import type { SheetSpec } from '../../addin/sheets/summary-sheets.ts';
import { DEMO_PLAN, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { parseCsv } from '../../addin/files/csv.ts';
import { aroundDeadline, call, makeToken, submit, type TestToken } from './helpers.ts';

const PERIOD = '2023-11-H1';
const NOW = aroundDeadline(PERIOD, 3_600_000);
const RETURNED = 'v-dinglai';
const FILED = 'v-minliang';
let sup: TestToken;

/** Every measure 已完成 with funds 10 planned / 4 paid, so a counted report shows in every figure. */
function report(unitId: string): Submission {
  return {
    period: PERIOD,
    signer: '张三',
    rows: demoMeasuresFor(unitId).map((m) => ({
      measureId: m.id,
      status: 'done',
      progress: `${m.title}：完成入户走访 12 户。`,
      target: 12,
      actual: 12,
      fundsPlanned: 10,
      fundsPaid: 4,
      evidence: '走访台账',
    })),
  };
}

async function get<T>(path: string, schema: { parse(v: unknown): T }): Promise<T> {
  const res = await call(path, { token: sup.token, now: NOW });
  expect(res.status, await res.clone().text()).toBe(200);
  return schema.parse(await res.json());
}

const sheet = (specs: SheetSpec[], name: string) => specs.find((s) => s.name.startsWith(name))!;
const cell = (spec: SheetSpec, row: readonly unknown[], header: string) => row[spec.header.indexOf(header)];

describe('a returned report', () => {
  let summary: Summary;
  let matrix: Matrix;
  let trends: Trends;
  let details: Details;
  let csv: string[][];
  let specs: SheetSpec[];
  const shared = demoMeasuresFor(RETURNED).find((m) => m.responsibleUnitIds.includes(FILED))!;
  const filedRows = demoMeasuresFor(FILED).length;

  beforeAll(async () => {
    sup = await makeToken('supervisor');
    for (const unitId of [RETURNED, FILED]) {
      const t = await makeToken('unit', unitId);
      const res = await submit(t.token, report(unitId), { now: aroundDeadline(PERIOD, -3_600_000) });
      expect(res.status, await res.clone().text()).toBe(201);
      if (unitId !== RETURNED) continue;
      const { reportId } = (await res.json()) as { reportId: string };
      expect(
        (await call(`/reports/${reportId}/return`, { token: sup.token, body: { reason: '缺少佐证材料' }, now: NOW }))
          .status,
      ).toBe(200);
    }
    summary = await get(`/summary?period=${PERIOD}`, Summary);
    matrix = await get(`/matrix?from=${PERIOD}&to=${PERIOD}`, Matrix);
    trends = await get(`/trends?from=${PERIOD}&to=${PERIOD}`, Trends);
    details = await get(`/details?period=${PERIOD}`, Details);
    const exp = await call(`/export.csv?period=${PERIOD}`, { token: sup.token, now: NOW });
    csv = parseCsv((await exp.text()).replace(/^\uFEFF/, ''));
    specs = periodSheets({ plan: DEMO_PLAN, summary, matrix, details });
  });

  it('is 退回 in /summary, adding no rows, statuses or figures, and only the filed unit reports the shared measure', () => {
    const unit = summary.units.find((u) => u.unitId === RETURNED)!;
    expect(unit).toMatchObject({
      timeliness: 'returned',
      rowCount: 0,
      statusCounts: { done: 0, phased: 0, ongoing: 0, not_started: 0 },
      returnedReason: '缺少佐证材料',
    });
    expect(summary.totals).toMatchObject({ on_time: 1, returned: 1, rows: filedRows });
    const measure = summary.measures.find((m) => m.measureId === shared.id)!;
    expect(measure).toMatchObject({
      reportedUnits: 1,
      statusCounts: { done: 1, phased: 0, ongoing: 0, not_started: 0 },
      figures: { target: 12, actual: 12, fundsPlanned: 10, fundsPaid: 4 },
    });
  });

  it('is 退回 in /matrix and in /trends, whose counts and funds leave it out', () => {
    expect(matrix.units.find((u) => u.unitId === RETURNED)!.cells).toEqual(['returned']);
    const [p] = trends.periods;
    expect(p).toMatchObject({
      period: PERIOD,
      on_time: 1,
      returned: 1,
      fundsPlanned: 10 * filedRows,
      fundsPaid: 4 * filedRows,
    });
    expect(trends.measures.find((m) => m.measureId === shared.id)!.counts).toEqual([
      { done: 1, phased: 0, ongoing: 0, not_started: 0 },
    ]);
  });

  it('has no rows in /details and one 退回 line without rows in the CSV', () => {
    expect(details.rows.some((r) => r.unitId === RETURNED)).toBe(false);
    expect(details.rows.filter((r) => r.unitId === FILED)).toHaveLength(filedRows);
    const [header, ...lines] = csv;
    const mine = lines.filter((l) => l[header!.indexOf('填报单位')] === '丁来村');
    expect(mine).toHaveLength(1);
    expect(mine[0]![header!.indexOf('报送情况')]).toBe('退回');
    // Every row column (措施编号 onwards) is empty.
    expect(mine[0]!.slice(header!.indexOf('措施编号')).every((c) => c === '')).toBe(true);
  });

  it('counts the same in every supervisor sheet: owing in 整改进展汇总表, not reported in 汇总-按措施, no rows in 汇总-按单位 and 报送明细', () => {
    const progress = sheet(specs, '整改进展汇总表');
    const progressRow = progress.rows.find((r) => r[0] === shared.id)!;
    expect(cell(progress, progressRow, '已报单位数')).toBe(1);
    expect(cell(progress, progressRow, '已完成')).toBe(1);
    expect(String(cell(progress, progressRow, '未报单位'))).toContain('丁来村（退回）');

    const byMeasure = sheet(specs, '汇总-按措施');
    const measureRow = byMeasure.rows.find((r) => r[0] === shared.id)!;
    expect([cell(byMeasure, measureRow, '已报单位数'), cell(byMeasure, measureRow, '已完成')]).toEqual([1, 1]);

    const byUnit = sheet(specs, '汇总-按单位');
    const unitRow = byUnit.rows.find((r) => r[1] === '丁来村')!;
    expect([cell(byUnit, unitRow, '报送情况'), cell(byUnit, unitRow, '行数'), cell(byUnit, unitRow, '已完成')]).toEqual(
      ['退回', 0, 0],
    );

    const missing = sheet(specs, '未报单位');
    expect(missing.rows.find((r) => r[1] === '丁来村')).toEqual(
      expect.arrayContaining(['退回', '退回原因：缺少佐证材料']),
    );
    expect(sheet(specs, '报送矩阵').rows.find((r) => r[0] === '丁来村')).toEqual(['丁来村', '退回']);
    expect(sheet(specs, '报送明细').rows.some((r) => r[1] === '丁来村')).toBe(false);
  });
});

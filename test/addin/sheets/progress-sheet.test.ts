import { describe, expect, it } from 'vitest';
import type { DetailRow, Details, Summary, UnitSummary } from '../../../core/schemas/api.ts';
import { PROBLEM_FILL, progressSheet } from '../../../addin/sheets/progress-sheet.ts';
import { DEMO_PLAN, DEMO_UNITS } from '../../fixtures/demo-plan.ts';
import { unitSummaryOf } from '../../fixtures/unit-summary.ts';

// Plants, for 2023-11-H2: 丁来村 and 民良村 report 4-1 with figures (丁来村 in two 子项 rows), 永安村's report was
// returned (退回) so it must not count, every other unit has not reported.
const PERIOD = '2023-11-H2';
const timeliness: Record<string, UnitSummary['timeliness']> = {
  'v-dinglai': 'on_time',
  'v-minliang': 'late',
  'v-yongan': 'returned',
};
const summary: Summary = {
  planId: DEMO_PLAN.id,
  period: PERIOD,
  deadline: '2023-11-29T16:00:00.000Z',
  generatedAt: '2023-11-30T02:00:00.000Z',
  units: DEMO_UNITS.map((u) => unitSummaryOf(u, { timeliness: timeliness[u.id] ?? 'missing' })),
  measures: [],
  totals: { units: 22, on_time: 1, late: 1, missing: 19, not_due: 0, returned: 1, rows: 4 },
};
const row = (unitId: string, unitName: string, r: Partial<DetailRow>): DetailRow => ({
  unitId,
  unitName,
  revision: 1,
  signer: '李四',
  receivedAt: '2023-11-28T02:00:00.000Z',
  measureId: '4-1',
  measureTitle: '',
  status: 'ongoing',
  progress: '',
  ...r,
});
const details: Details = {
  planId: DEMO_PLAN.id,
  period: PERIOD,
  rows: [
    row('v-dinglai', '丁来村', {
      progress: '完成公示3项',
      status: 'done',
      target: 10,
      actual: 4,
      fundsPlanned: 20,
      fundsPaid: 5,
    }),
    row('v-dinglai', '丁来村', { progress: '入户核查12户', status: 'done', target: 2, actual: 2 }),
    row('v-minliang', '民良村', {
      progress: '拨付资金8万元',
      status: 'phased',
      target: 8,
      actual: 6,
      fundsPlanned: 30,
      fundsPaid: 8.1,
    }),
    row('v-yongan', '永安村', {
      progress: '=HYPERLINK("x")',
      status: 'done',
      target: 100,
      actual: 100,
      fundsPlanned: 100,
      fundsPaid: 100,
    }),
  ],
};

const sheet = progressSheet({ plan: DEMO_PLAN, summary, details });
const col = (name: string) => sheet.header.indexOf(name);
const measureRow = (id: string) => sheet.rows.find((r) => r[0] === id)!;

describe('progressSheet', () => {
  it('groups measures under a heading row per problem, in plan order, merged and filled across the table', () => {
    expect(sheet.rows.map((r) => r[0])).toEqual([
      '一、',
      '1-1',
      '1-2',
      '1-3',
      '二、',
      '2-1',
      '2-2',
      '2-3',
      '2-4',
      '三、',
      '3-1',
      '3-2',
      '3-3',
      '四、',
      '4-1',
      '4-2',
      '4-3',
    ]);
    expect(sheet.merges).toContain('B3:S3');
    expect(sheet.fills[PROBLEM_FILL]).toHaveLength(4 * sheet.header.length);
    expect(sheet.rows[0]![1]).toContain(DEMO_PLAN.problems[0]!.title);
  });

  it("joins the progress of every counted unit as 单位：进展, a unit's 子项 within its own part", () => {
    expect(measureRow('4-1')[col('各单位整改进展')]).toBe('丁来村：完成公示3项；入户核查12户；\n民良村：拨付资金8万元');
    expect(measureRow('1-1')[col('各单位整改进展')]).toBe('（本期尚无单位报送）');
  });

  it("counts and names a row's 佐证材料 after its progress, in both layouts", () => {
    const photo = {
      id: `ev_${'1'.repeat(26)}`,
      name: '现场照片.jpg',
      size: 1000,
      sha256: 'a'.repeat(64),
      type: 'jpeg' as const,
    };
    const minutes = {
      id: `ev_${'2'.repeat(26)}`,
      name: '会议纪要.pdf',
      size: 2000,
      sha256: 'b'.repeat(64),
      type: 'pdf' as const,
    };
    const withFiles: Details = {
      ...details,
      rows: details.rows.map((r, i) =>
        i === 0 ? { ...r, evidenceIds: [photo.id, minutes.id], evidenceFiles: [photo, minutes] } : r,
      ),
    };
    const joined = progressSheet({ plan: DEMO_PLAN, summary, details: withFiles });
    expect(joined.rows.find((r) => r[0] === '4-1')![col('各单位整改进展')]).toBe(
      '丁来村：完成公示3项（佐证材料 2 个：现场照片.jpg、会议纪要.pdf）；入户核查12户；\n民良村：拨付资金8万元',
    );
    const perUnit = progressSheet({ plan: DEMO_PLAN, summary, details: withFiles, layout: 'per-unit' });
    expect(perUnit.rows.some((r) => r.includes('完成公示3项（佐证材料 2 个：现场照片.jpg、会议纪要.pdf）'))).toBe(true);
  });

  it('sums the figures over the units and recomputes 完成率 and 资金拨付率 from the sums', () => {
    const r = measureRow('4-1');
    expect(r[col('目标值合计')]).toBe(20);
    expect(r[col('完成值合计')]).toBe(12);
    expect(r[col('完成率(%)')]).toBe(60);
    expect(r[col('计划资金(万元)合计')]).toBe(50);
    expect(r[col('已拨付(万元)合计')]).toBe(13.1);
    expect(r[col('资金拨付率(%)')]).toBe(26.2);
    expect(measureRow('1-1')[col('完成率(%)')]).toBe('');
  });

  it('counts units per status and lists the responsible units that owe the measure, a returned one marked', () => {
    const r = measureRow('4-1');
    expect([r[col('已完成')], r[col('阶段性成效')], r[col('推进中')], r[col('未启动')]]).toEqual([1, 1, 0, 0]);
    expect(r[col('应报单位数')]).toBe(11);
    expect(r[col('已报单位数')]).toBe(2);
    const owing = String(r[col('未报单位')]).split('、');
    expect(owing).toContain('永安村（退回）');
    expect(owing).toContain('财政所');
    expect(owing).not.toContain('丁来村');
    expect(owing).toHaveLength(9);
  });

  it("keeps the returned report's text out of the table", () => {
    expect(JSON.stringify(sheet.rows)).not.toContain('HYPERLINK');
  });

  it('names the period and the generation time in the title and asks for A4 landscape, fit to width, repeated titles', () => {
    expect(sheet.title).toContain('2023年11月下半月');
    expect(sheet.title).toContain('生成于 2023-11-30 10:00');
    expect(sheet.print).toEqual({ orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: 2 });
    expect(sheet.text).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, col('未报单位')]));
  });

  it('in the per-unit layout gives each unit row its own figures and closes each measure with a 合计 row', () => {
    const perUnit = progressSheet({ plan: DEMO_PLAN, summary, details, layout: 'per-unit' });
    const start = perUnit.rows.findIndex((r) => r[0] === '4-1');
    const rows = perUnit.rows.slice(start, start + 4);
    expect(rows.map((r) => r[4])).toEqual(['丁来村', '丁来村', '民良村', '合计']);
    expect(rows[3]![perUnit.header.indexOf('完成率(%)')]).toBe(60);
    expect(perUnit.merges).toContain(`B${start + 3}:B${start + 6}`);
  });

  it('never adds 17 户 and 5 个: one line per unit of measure under the measure, each with its own 完成率', () => {
    const mixed: Details = {
      ...details,
      rows: [
        row('v-dinglai', '丁来村', {
          measureId: '3-1',
          progress: '入户17户',
          target: 20,
          actual: 17,
          unitOfMeasure: '户',
          fundsPlanned: 10,
        }),
        row('v-minliang', '民良村', {
          measureId: '3-1',
          progress: '建成5个',
          target: 8,
          actual: 5,
          unitOfMeasure: '个',
          fundsPlanned: 6,
        }),
      ],
    };
    const mixedSheet = progressSheet({ plan: DEMO_PLAN, summary, details: mixed });
    const c = (name: string) => mixedSheet.header.indexOf(name);
    const at = mixedSheet.rows.findIndex((r) => r[0] === '3-1');
    const [first, second] = [mixedSheet.rows[at]!, mixedSheet.rows[at + 1]!];
    const figures = (r: (string | number)[]) => [
      r[c('目标值合计')],
      r[c('完成值合计')],
      r[c('计量单位')],
      r[c('完成率(%)')],
    ];
    expect(figures(first)).toEqual([20, 17, '户', 85]);
    expect(figures(second)).toEqual([8, 5, '个', 62.5]);
    expect(first[c('计划资金(万元)合计')]).toBe(16);
    expect(second[0]).toBe('');
    expect(mixedSheet.merges).toContain(`A${at + 3}:A${at + 4}`);
  });
});

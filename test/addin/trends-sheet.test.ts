import { describe, expect, it } from 'vitest';
import { SHEET_NAME_MAX } from '../../addin/sheets/period-sheets.ts';
import { trendsLayout, trendsSheetName } from '../../addin/excel/trends-sheet.ts';
import type { Trends } from '../../core/index.ts';
import { DEMO_PLAN } from '../fixtures/demo-plan.ts';
import { sheetNameProblem } from '../e2e/excel-entry.ts';

const zero = { done: 0, phased: 0, ongoing: 0, not_started: 0 };
/** Three periods of the demo plan; 1-1 gets one 已完成 unit in the last period. */
const TRENDS: Trends = {
  planId: DEMO_PLAN.id,
  from: '2023-08-H1',
  to: '2023-09-H1',
  periods: ['2023-08-H1', '2023-08-H2', '2023-09-H1'].map((period, i) => ({
    period,
    units: 22,
    on_time: i,
    late: 1,
    missing: 21 - i,
    not_due: 0,
    returned: 0,
    fundsPlanned: 10 * (i + 1),
    fundsPaid: i,
  })),
  measures: DEMO_PLAN.measures.map((m) => ({
    measureId: m.id,
    title: m.title,
    counts: [zero, zero, m.id === '1-1' ? { ...zero, done: 1 } : zero],
  })),
};

describe('trendsSheetName', () => {
  it("names the sheet for the plan's document number, legal and within 31 characters", () => {
    expect(trendsSheetName({ ...DEMO_PLAN, docNumber: '勐发〔2023〕85号' })).toBe('趋势 勐发〔2023〕85号');
    const long = trendsSheetName({ ...DEMO_PLAN, docNumber: '勐发/[2023]:85号 一个非常非常长的文号还要更长更长更长' });
    expect(long.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
    expect(sheetNameProblem(long)).toBeFalsy();
    expect(trendsSheetName({ ...DEMO_PLAN, docNumber: undefined })).toBe(`趋势 ${DEMO_PLAN.id}`);
  });
});

describe('trendsLayout', () => {
  const layout = trendsLayout(DEMO_PLAN, TRENDS, new Date('2023-09-20T02:00:00Z'));

  it('puts each chart over its own table: header row and label column included', () => {
    expect(layout.charts.map((c) => [c.type, c.source, c.seriesBy])).toEqual([
      ['ColumnStacked100', 'A3:F6', 'Columns'],
      ['Line', 'I3:K6', 'Columns'],
      ['Line', 'A9:D22', 'Rows'],
    ]);
    const block = (at: string) => layout.blocks.find((b) => b.at === at)!.rows;
    expect(block('A3')[0]).toEqual(['期次', '按时', '逾期', '退回', '未报', '待报', '应报单位']);
    expect(block('A3')[3]).toEqual(['2023年9月上', 2, 1, 0, 19, 0, 22]);
    expect(block('I3')[2]).toEqual(['2023年8月下', 20, 1]);
    expect(block('A9')[1]).toEqual(['1-1', 0, 0, 1]);
    expect(block('A9')).toHaveLength(14);
  });

  it('formats period labels and measure ids as text, so Excel never reads 1-1 as a date', () => {
    expect(layout.text).toEqual(['A4:A6', 'I4:I6', 'B9:D9', 'A10:A22']);
  });

  it('titles the sheet with its span and generation time in Beijing time', () => {
    expect(layout.blocks[0]!.rows[0]![0]).toMatch(
      /^趋势：.*（2023年8月上 至 2023年9月上），生成于 2023\/9\/20 10:00:00$/,
    );
  });
});

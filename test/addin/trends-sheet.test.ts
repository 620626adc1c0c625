import { afterEach, describe, expect, it } from 'vitest';
import { SHEET_NAME_MAX } from '../../addin/sheets/period-sheets.ts';
import { BESIDE_MAX_COLUMNS, chartSlots } from '../../addin/sheets/chart-slots.ts';
import { tablesArea, trendsLayout, trendsSheet, trendsSheetName } from '../../addin/excel/trends-sheet.ts';
import { writeSheets } from '../../addin/excel/write-summary.ts';
import { columnIndex } from '../../addin/excel/address-chunks.ts';
import { nextHalfMonth } from '../../core/calendar/half-month.ts';
import { type Trends } from '../../core/schemas/trends.ts';
import { installExcel, uninstallExcel } from './excel-harness.ts';
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

/** `n` half-month periods from the plan's first, every measure with a count per period. */
function trendsOver(n: number): Trends {
  const periods: string[] = [];
  for (let p = '2023-08-H1'; periods.length < n; p = nextHalfMonth(p)) periods.push(p);
  return {
    ...TRENDS,
    to: periods[n - 1]!,
    periods: periods.map((period) => ({ ...TRENDS.periods[0]!, period })),
    measures: TRENDS.measures.map((m) => ({ ...m, counts: periods.map(() => zero) })),
  };
}

/** "B3:D9" → its rows and columns, 0-based. */
function box(area: string) {
  const [a, b = a] = area.split(':') as [string, string?];
  const cell = (c: string) => ({ col: columnIndex(/^[A-Z]+/.exec(c)![0]), row: Number(/\d+$/.exec(c)![0]) - 1 });
  const [p, q] = [cell(a), cell(b!)];
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}
const overlaps = (x: string, y: string) => {
  const [a, b] = [box(x), box(y)];
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
};

describe('the 趋势 charts in the Excel double', () => {
  afterEach(uninstallExcel);

  it.each([3, 8, 12, 24, 72])(
    'places the charts beside or below the tables at %i periods, never over a written cell',
    async (n) => {
      const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
      const trends = trendsOver(n);
      const name = trendsSheetName(DEMO_PLAN);
      await writeSheets([], [trendsSheet(DEMO_PLAN, trends, new Date('2023-09-20T02:00:00Z'))]);
      const tables = h.writes(name).filter((w) => w.target !== 'A1:A1');
      const charts = h.charts(name);
      expect(charts).toHaveLength(3);
      expect(tables.length).toBeGreaterThan(0);
      for (const chart of charts) {
        for (const t of tables)
          expect(overlaps(chart.position!, t.target), `${chart.position} over ${t.target}`).toBe(false);
        // Every chart draws cells that were written.
        expect(tables.some((t) => overlaps(chart.source, t.target))).toBe(true);
      }
      const [p, q, r] = charts.map((c) => c.position!);
      expect([overlaps(p!, q!), overlaps(q!, r!), overlaps(p!, r!)]).toEqual([false, false, false]);
      const used = tablesArea(trendsLayout(DEMO_PLAN, trends, new Date()).blocks.slice(1));
      const first = box(p!);
      // Beside while the tables are narrow (right of the last used column), below once they are wide.
      if (used.columns <= BESIDE_MAX_COLUMNS) expect(first.left).toBeGreaterThan(used.columns - 1);
      else expect(first.top).toBeGreaterThan(used.rows - 1);
    },
  );

  it('keeps the first chart in view beside the tables up to 12 periods and moves all three below them from 24', () => {
    const at = (n: number) => trendsLayout(DEMO_PLAN, trendsOver(n), new Date()).charts.map((c) => c.at.join(':'));
    expect(at(8)).toEqual(['M3:U18', 'M20:U35', 'M37:U52']);
    expect(at(12)).toEqual(['O3:W18', 'O20:W35', 'O37:W52']);
    const rowsAt24 = 24 + 3 + 3 + DEMO_PLAN.measures.length;
    expect(at(24)).toEqual([
      `A${rowsAt24 + 2}:I${rowsAt24 + 17}`,
      `K${rowsAt24 + 2}:S${rowsAt24 + 17}`,
      `U${rowsAt24 + 2}:AC${rowsAt24 + 17}`,
    ]);
  });
});

describe('trendsLayout with the 整改完成率', () => {
  const rate = (closed: number, total: number) => ({ closed, total, rate: total ? closed / total : null });
  const withRates = (t: Trends): Trends => ({
    ...t,
    periods: t.periods.map((p, i) => ({ ...p, closure: { pairs: rate(i * 3, 40), measures: rate(i, 13) } })),
  });
  const layout = trendsLayout(DEMO_PLAN, withRates(TRENDS), new Date('2023-09-20T02:00:00Z'));
  const block = (at: string) => layout.blocks.find((b) => b.at === at)?.rows;

  it('adds a 整改完成率 table in percent below the measures table, and a line chart of it in the next slot', () => {
    expect(block('A24')).toEqual([['整改完成率（各期截止时，已销号 ÷ 应销号）']]);
    expect(block('A25')).toEqual([
      ['期次', '单位·措施（%）', '措施（%）'],
      ['2023年8月上', 0, 0],
      ['2023年8月下', 7.5, 7.7],
      ['2023年9月上', 15, 15.4],
    ]);
    expect(layout.charts).toHaveLength(4);
    expect(layout.charts[3]).toEqual({
      type: 'Line',
      source: 'A25:C28',
      seriesBy: 'Columns',
      title: '整改完成率（%）',
      at: chartSlots(tablesArea(layout.blocks.slice(1)), 4)[3],
    });
    expect(layout.text).toContain('A26:A28');
    expect(layout.headers).toContain('A25:C25');
  });

  it('leaves the table and its chart out when the Worker sent no rates', () => {
    expect(trendsLayout(DEMO_PLAN, TRENDS, new Date()).charts).toHaveLength(3);
  });

  afterEach(uninstallExcel);

  it.each([3, 24])('writes the four charts in the Excel double at %i periods, none over a written cell', async (n) => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const name = trendsSheetName(DEMO_PLAN);
    await writeSheets([], [trendsSheet(DEMO_PLAN, withRates(trendsOver(n)), new Date('2023-09-20T02:00:00Z'))]);
    const tables = h.writes(name).filter((w) => w.target !== 'A1:A1');
    const charts = h.charts(name);
    expect(charts.map((c) => c.title)).toContain('整改完成率（%）');
    expect(charts).toHaveLength(4);
    for (const chart of charts)
      for (const t of tables)
        expect(overlaps(chart.position!, t.target), `${chart.position} over ${t.target}`).toBe(false);
  });
});

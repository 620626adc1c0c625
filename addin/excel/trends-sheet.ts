// The 趋势 sheet of a plan: three tables (timeliness per period, funds per period, 已完成 units per measure and
// period), a fourth with the 整改完成率 per period when the Worker sends it, and a native chart of each (chartSlots).
// One sheet per plan, rebuilt whole on every 生成汇总表 inside writeSheets' batch (one Excel.run per click): an existing
// one is deleted and added again, because clearing cells leaves old charts behind.
// Requirement sets: Worksheet.delete, worksheet.charts.add, Chart.title.text, Chart.setPosition (all ExcelApi 1.1).
import { columnLetter } from '../../core/checklist/columns.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { TIMELINESS_LABELS } from '../../core/schemas/submission.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type Trends } from '../../core/schemas/trends.ts';
import { chartSlots, type UsedArea } from '../sheets/chart-slots.ts';
import { SHEET_NAME_MAX } from '../sheets/period-sheets.ts';
import { columnIndex } from './address-chunks.ts';
import type { RebuiltSheet } from './write-summary.ts';
import { A4_WIDE } from '../sheets/print-setup.ts';

const ILLEGAL = /[\\/?*[\]:]/g;
const SHARES = ['on_time', 'late', 'returned', 'missing', 'not_due'] as const;

/** "趋势 勐发〔2023〕85号": one per plan, legal and within Excel's 31 characters. */
export function trendsSheetName(plan: Plan): string {
  return `趋势 ${plan.docNumber || plan.id}`
    .replace(ILLEGAL, '-')
    .slice(0, SHEET_NAME_MAX)
    .replace(/^'+|'+$/g, '')
    .trim();
}

export interface ChartSpec {
  type: 'ColumnStacked100' | 'Line';
  /** The table the chart draws, header row and period / measure column included. */
  source: string;
  seriesBy: 'Columns' | 'Rows';
  title: string;
  /** Top-left and bottom-right cells the chart covers: beside or below the tables (chartSlots), never over them. */
  at: [string, string];
}

export interface TrendsLayout {
  /** Blocks of cells to write: top-left address and the rows. */
  blocks: { at: string; rows: (string | number)[][] }[];
  /** Cells holding text (period labels, measure ids): formatted '@' before values arrive. */
  text: string[];
  headers: string[];
  charts: ChartSpec[];
}

/** A rate as a percentage with one decimal (a number the chart can draw), or '' when there is nothing to close. */
const percent = (r: { rate: number | null } | undefined): string | number =>
  r && r.rate !== null ? Math.round(r.rate * 1000) / 10 : '';

/** Where every table and chart goes. Pure, so the layout is tested without Excel. */
export function trendsLayout(plan: Plan, trends: Trends, generatedAt: Date): TrendsLayout {
  const n = trends.periods.length;
  const labels = trends.periods.map((p) => periodLabel(p.period, { form: 'short' }));
  const when = generatedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const title = `趋势：${plan.title.slice(0, 40)}（${labels[0]} 至 ${labels[n - 1]}），生成于 ${when}`;
  const last = n + 3;
  const mTop = last + 3; // measures table header row
  const mLast = mTop + trends.measures.length;
  const mEnd = columnLetter(n);
  const tables: TrendsLayout['blocks'] = [
    {
      at: 'A3',
      rows: [
        ['期次', ...SHARES.map((k) => TIMELINESS_LABELS[k].zh), '应报单位'],
        ...trends.periods.map((p, i) => [labels[i]!, ...SHARES.map((k) => p[k]), p.units]),
      ],
    },
    {
      at: 'I3',
      rows: [
        ['期次', '计划资金（万元）', '已拨付（万元）'],
        ...trends.periods.map((p, i) => [labels[i]!, p.fundsPlanned, p.fundsPaid]),
      ],
    },
    { at: `A${mTop - 1}`, rows: [['各措施“已完成”的单位数']] },
    {
      at: `A${mTop}`,
      rows: [['措施', ...labels], ...trends.measures.map((m) => [m.measureId, ...m.counts.map((c) => c.done)])],
    },
  ];
  const charts: Omit<ChartSpec, 'at'>[] = [
    { type: 'ColumnStacked100', source: `A3:F${last}`, seriesBy: 'Columns', title: '各期报送情况（占应报单位）' },
    { type: 'Line', source: `I3:K${last}`, seriesBy: 'Columns', title: '资金：计划与已拨付（万元）' },
    { type: 'Line', source: `A${mTop}:${mEnd}${mLast}`, seriesBy: 'Rows', title: '各措施“已完成”的单位数' },
  ];
  const text = [`A4:A${last}`, `I4:I${last}`, `B${mTop}:${mEnd}${mTop}`, `A${mTop + 1}:A${mLast}`];
  const headers = ['A3:G3', 'I3:K3', `A${mTop}:${mEnd}${mTop}`];
  // 整改完成率 per period, below the measures table, when the Worker sent it.
  if (trends.periods.some((p) => p.closure)) {
    const cTop = mLast + 3;
    const cLast = cTop + n;
    tables.push(
      { at: `A${cTop - 1}`, rows: [['整改完成率（各期截止时，已销号 ÷ 应销号）']] },
      {
        at: `A${cTop}`,
        rows: [
          ['期次', '单位·措施（%）', '措施（%）'],
          ...trends.periods.map((p, i) => [labels[i]!, percent(p.closure?.pairs), percent(p.closure?.measures)]),
        ],
      },
    );
    charts.push({ type: 'Line', source: `A${cTop}:C${cLast}`, seriesBy: 'Columns', title: '整改完成率（%）' });
    text.push(`A${cTop + 1}:A${cLast}`);
    headers.push(`A${cTop}:C${cTop}`);
  }
  // The title (one text in A1, above the charts' first row) is not part of the area the charts keep clear of.
  const slots = chartSlots(tablesArea(tables), charts.length);
  return {
    blocks: [{ at: 'A1', rows: [[title]] }, ...tables],
    text,
    headers,
    charts: charts.map((c, i) => ({ ...c, at: slots[i]! })),
  };
}

/** The last row and column the blocks write to. */
export function tablesArea(blocks: TrendsLayout['blocks']): UsedArea {
  let rows = 0;
  let columns = 0;
  for (const b of blocks) {
    rows = Math.max(rows, rowOf(b.at) + b.rows.length - 1);
    columns = Math.max(columns, colOf(b.at) + Math.max(...b.rows.map((r) => r.length)));
  }
  return { rows, columns };
}

/** The plan's 趋势 sheet for writeSheets, which deletes an existing one and adds it again in its one write sync. */
export function trendsSheet(plan: Plan, trends: Trends, generatedAt = new Date()): RebuiltSheet {
  const layout = trendsLayout(plan, trends, generatedAt);
  return {
    name: trendsSheetName(plan),
    // Tables and charts on one A4 landscape page width; the title row repeated.
    print: { ...A4_WIDE, titleRows: 1 },
    write(sheet) {
      for (const area of layout.text) sheet.getRange(area).numberFormat = '@' as unknown as string[][]; // one format for every cell of the area
      for (const b of layout.blocks) {
        const width = Math.max(...b.rows.map((r) => r.length));
        const end = `${columnLetter(colOf(b.at) + width - 1)}${rowOf(b.at) + b.rows.length - 1}`;
        sheet.getRange(`${b.at}:${end}`).values = b.rows.map((r) =>
          Array.from({ length: width }, (_, i) => r[i] ?? ''),
        );
      }
      sheet.getRange('A1').format.font.bold = true;
      for (const area of layout.headers) {
        sheet.getRange(area).format.font.bold = true;
        sheet.getRange(area).format.fill.color = '#DCE9F7';
      }
      for (const c of layout.charts) {
        const chart = sheet.charts.add(c.type, sheet.getRange(c.source), c.seriesBy);
        chart.title.text = c.title;
        chart.setPosition(c.at[0], c.at[1]);
      }
    },
  };
}

const rowOf = (cell: string) => Number(/\d+/.exec(cell)![0]);
const colOf = (cell: string) => columnIndex(/^[A-Z]+/.exec(cell)![0]);

// Pure part of the supervisor's summary: turns core Summary + Matrix + Details into sheet specs (values, fills,
// widths, wrapped columns). Every string that came from users or the server lands in a
// text-formatted column (`text`); numbers stay numbers.
// One file: the four timeliness sheets and 报送明细 share their row order, fills and text columns (整改进展汇总表 is
// progress-sheet.ts).
import { formatCst } from '../../core/calendar/half-month.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { columnByKey, columnLetter } from '../../core/checklist/columns.ts';
import { isFiled } from '../../core/reports/period-state.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import { REPORT_ROW_COLUMNS, reportRowCell } from '../../core/reports/report-row-cells.ts';
import type { Details, Matrix, Summary } from '../../core/schemas/api.ts';
import { A4_WIDE, type PrintSetup } from './print-setup.ts';
import { STATUS_LABELS, Status } from '../../core/schemas/status.ts';
import { TIMELINESS_LABELS, type ReportTimeliness } from '../../core/schemas/submission.ts';
import type { RowFiles, SheetLink } from './evidence-links.ts';

export type Cell = string | number;

export interface SheetSpec {
  name: string;
  title: string;
  header: string[];
  rows: Cell[][];
  /** Column widths in characters. */
  widths: number[];
  /** Cells to fill, by colour: each a sheet row (1-based) and column letter, e.g. { row: 3, column: 'D' }. */
  fills: Record<string, { row: number; column: string }[]>;
  /** 0-based columns whose data cells wrap (long text); those rows are also aligned to the top. */
  wrap?: number[];
  /**
   * 0-based columns holding text: their data cells get the text format '@' before the values arrive, or Excel would
   * turn a measure id "1-1" or "4-3" into a date, "2023-09-14 23:59" into a date-time and a signer "001" into 1.
   * Every other column holds numbers (or '').
   */
  text: number[];
  /** Optional: areas to merge (e.g. "B3:S3"), written after the values. */
  merges?: string[];
  /** Optional: print setup (Worksheet.pageLayout, ExcelApi 1.9; skipped on hosts without it). */
  print?: PrintSetup;
  /** Optional: the 佐证材料 files of sheet rows, made into link cells by evidence-links.ts (linkEvidence). */
  evidence?: RowFiles[];
  /** Optional: hyperlink cells (their text is in `rows`), written after the values. */
  links?: SheetLink[];
}

/** The print setup a sheet gets: its own, else A4_WIDE. */
export const printSetupOf = (spec: SheetSpec): PrintSetup => spec.print ?? A4_WIDE;

export const SUMMARY_SHEETS = {
  byUnit: '汇总-按单位',
  missing: '未报单位',
  byMeasure: '汇总-按措施',
  matrix: '报送矩阵',
} as const;
/** The 5th sheet, written after the four aggregates whenever the caller has the period's details. */
export const DETAILS_SHEET = '报送明细';

export const TIMELINESS_COLORS: Readonly<Record<ReportTimeliness, string>> = {
  on_time: '#DFF6DD',
  late: '#FED9CC',
  missing: '#FDE7E9',
  not_due: '#F3F2F1',
  returned: '#FFF4CE',
  closed: '#DEECF9',
};

const STATUSES = Status.options;
/**
 * User-derived text goes into text-formatted ('@') columns only (every string column is listed in `text`), where
 * Excel takes input literally: "=…" stays inert text, and a neutralising apostrophe would stay in the cell as a
 * visible character. So the text is written as it came.
 */
const kindLabel = (k: 'village' | 'office') => (k === 'village' ? '村' : '机关/站所');
/** First data row: row 1 is the title, row 2 the header. */
const FIRST = 3;

function addFill(spec: SheetSpec, t: ReportTimeliness, row: number, col: number): void {
  const color = TIMELINESS_COLORS[t];
  (spec.fills[color] ??= []).push({ row, column: columnLetter(col) });
}

/** The four aggregate sheets, plus 报送明细 when `details` is given (the pane always fetches it). */
export function summarySheets(summary: Summary, matrix: Matrix, details?: Details): SheetSpec[] {
  const period = periodLabel(summary.period);
  const generated = `生成于 ${formatCst(summary.generatedAt)}（北京时间）`;

  const byUnit: SheetSpec = {
    name: SUMMARY_SHEETS.byUnit,
    title: `整改进展报送汇总（按单位）— ${period}，${generated}`,
    // On time / late rests on the first revision's arrival; the current revision's arrival is shown beside it.
    header: [
      '序号',
      '填报单位',
      '类型',
      '报送情况',
      '首次报送时间(北京时间)',
      '版本',
      '报送编号',
      '本版本报送时间(北京时间)',
      '主要负责人',
      '行数',
      ...STATUSES.map((s) => STATUS_LABELS[s].zh),
      '校验提示数',
      '退回原因',
    ],
    rows: [],
    widths: [6, 28, 10, 10, 18, 6, 16, 18, 12, 6, 8, 10, 8, 8, 8, 30],
    fills: {},
    text: [1, 2, 3, 4, 6, 7, 8, 15],
  };
  summary.units.forEach((u, i) => {
    byUnit.rows.push([
      i + 1,
      u.unitName,
      kindLabel(u.kind),
      TIMELINESS_LABELS[u.timeliness].zh,
      u.firstReceivedAt ? formatCst(u.firstReceivedAt) : '',
      u.revision ?? '',
      u.revision ? reportNumber(summary.period, u.unitName, u.revision) : '',
      u.receivedAt ? formatCst(u.receivedAt) : '',
      u.signer ?? '',
      u.rowCount,
      ...STATUSES.map((s) => u.statusCounts[s] ?? 0),
      u.warningCount,
      u.returnedReason ?? '',
    ]);
    addFill(byUnit, u.timeliness, FIRST + i, 3);
  });
  const t = summary.totals;
  byUnit.rows.push([
    '',
    '合计',
    `${t.units} 个单位`,
    `按时 ${t.on_time} / 逾期 ${t.late} / 未报 ${t.missing} / 待报 ${t.not_due} / 退回 ${t.returned}`,
    '',
    '',
    '',
    '',
    '',
    t.rows,
    ...STATUSES.map((s) => summary.units.reduce((n, u) => n + (u.statusCounts[s] ?? 0), 0)),
    summary.units.reduce((n, u) => n + u.warningCount, 0),
  ]);
  // 校验提示数 counts warnings: findings the rules let through (e.g. 已完成 without a figure) that are worth a look.
  byUnit.rows.push([
    '',
    '说明：“校验提示数”为提交时校验发现、不阻止报送但建议核实的问题条数（如“已完成”但未写具体数据）。',
  ]);

  const missing: SheetSpec = {
    name: SUMMARY_SHEETS.missing,
    title: `未报（含退回待重报）单位 — ${period}，截止 ${formatCst(summary.deadline)}，${generated}`,
    header: ['序号', '填报单位', '类型', '状态', '说明', '联系人', '联系电话'],
    rows: [],
    widths: [6, 28, 10, 10, 40, 10, 16],
    fills: {},
    text: [1, 2, 3, 4, 5, 6],
  };
  summary.units
    .filter((u) => !isFiled(u.timeliness))
    .forEach((u, i) => {
      const note =
        u.timeliness === 'returned'
          ? `退回原因：${u.returnedReason ?? ''}`
          : u.timeliness === 'missing'
            ? '已过截止时间未报送'
            : '尚未报送（未到截止时间）';
      missing.rows.push([
        i + 1,
        u.unitName,
        kindLabel(u.kind),
        TIMELINESS_LABELS[u.timeliness].zh,
        note,
        u.contactName ?? '',
        u.contactPhone ?? '',
      ]);
      addFill(missing, u.timeliness, FIRST + i, 3);
    });

  const byMeasure: SheetSpec = {
    name: SUMMARY_SHEETS.byMeasure,
    title: `整改进展汇总（按措施）— ${period}，${generated}`,
    header: ['措施编号', '整改措施', '应报单位数', '已报单位数', ...STATUSES.map((s) => STATUS_LABELS[s].zh)],
    rows: summary.measures.map((m) => [
      m.measureId,
      m.title,
      m.expectedUnits,
      m.reportedUnits,
      ...STATUSES.map((s) => m.statusCounts[s] ?? 0),
    ]),
    widths: [10, 30, 10, 10, 8, 10, 8, 8],
    fills: {},
    text: [0, 1],
  };
  const measureTotal = (f: (m: Summary['measures'][number]) => number) =>
    summary.measures.reduce((n, m) => n + f(m), 0);
  byMeasure.rows.push([
    '',
    '合计',
    measureTotal((m) => m.expectedUnits),
    measureTotal((m) => m.reportedUnits),
    ...STATUSES.map((s) => measureTotal((m) => m.statusCounts[s] ?? 0)),
  ]);

  const grid: SheetSpec = {
    name: SUMMARY_SHEETS.matrix,
    title: `报送矩阵（${periodLabel(matrix.from, { form: 'short' })} 至 ${periodLabel(matrix.to, { form: 'short' })}）：按时 / 逾期 / 未报 / 待报 / 退回，${generated}`,
    header: ['填报单位', ...matrix.periods.map((p) => periodLabel(p, { form: 'short' }))],
    rows: [],
    widths: [28, ...matrix.periods.map(() => 10)],
    fills: {},
    text: [0, ...matrix.periods.map((_, i) => i + 1)],
  };
  matrix.units.forEach((u, i) => {
    grid.rows.push([u.unitName, ...u.cells.map((c) => TIMELINESS_LABELS[c].zh)]);
    u.cells.forEach((c, j) => addFill(grid, c, FIRST + i, j + 1));
  });

  return details
    ? [byUnit, missing, byMeasure, grid, detailsSheet(details, generated)]
    : [byUnit, missing, byMeasure, grid];
}

/** 报送明细: one line per unit × row of its current revision, with the progress text itself; the row's cells are read
 * as the CSV and 查看 read them (core/reports/report-row-cells.ts), under the checklist's own headers. */
export function detailsSheet(details: Details, generated: string): SheetSpec {
  const lead = ['序号', '填报单位', '报送编号', '版本', '报送时间(北京时间)', '主要负责人'];
  const columns = REPORT_ROW_COLUMNS.map(columnByKey);
  const at = (key: string) => lead.length + REPORT_ROW_COLUMNS.findIndex((k) => k === key);
  const spec: SheetSpec = {
    name: DETAILS_SHEET,
    title: `整改进展报送明细（各单位当前版本）— ${periodLabel(details.period)}，${generated}`,
    header: [...lead, ...columns.map((c) => c.header)],
    rows: details.rows.map((r, i) => [
      i + 1,
      r.unitName,
      reportNumber(details.period, r.unitName, r.revision),
      r.revision,
      formatCst(r.receivedAt),
      r.signer,
      ...REPORT_ROW_COLUMNS.map((k) => reportRowCell(r, k) ?? ''),
    ]),
    widths: [6, 16, 16, 6, 17, 10, ...columns.map((c) => c.width)],
    fills: {},
    wrap: [1, at('measure'), at('item'), at('progress'), at('evidence'), at('note')],
    // Numbers stay numbers; every other column (ids, names, times, labels, user text) is text.
    text: [
      1,
      2,
      4,
      5,
      ...columns.flatMap((c, i) => (c.kind === 'number' || c.kind === 'percent' ? [] : [lead.length + i])),
    ],
    evidence: details.rows.map((r, i) => ({ row: FIRST + i, files: r.evidenceFiles ?? [] })),
  };
  if (!spec.rows.length) spec.rows.push(['', '本期尚无单位报送']);
  return spec;
}

// 整改进展汇总表: the table the supervisor sends up to the county. Grouped by problem, then measure: the measure's
// title, lead and responsible units, every reporting unit's progress, the figures summed over the units (目标值/完成值
// only within one 计量单位, one line per unit of measure; 完成率 and 资金拨付率 recomputed from the sums, never
// averaged), status counts, and the responsible units still owing it.
// Pure: plan + summary + details → SheetSpec. Only filed reports count (core isFiled): a returned (退回) one does
// not, and its unit is listed as owing, marked （退回）.
import { STATUS_LABELS, Status } from '../../core/schemas/status.ts';
import { columnByKey, columnLetter as letter } from '../../core/checklist/columns.ts';
import { completionRate, quantitiesOf, sumFigures, type Quantity } from '../../core/reports/measure-rollup.ts';
import { formatCst } from '../../core/calendar/half-month.ts';
import { isFiled } from '../../core/reports/period-state.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type Details, type DetailRow, type Summary } from '../../core/schemas/api.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { A4_WIDE } from './print-setup.ts';
import { DETAILS_SHEET, type Cell, type SheetSpec } from './summary-sheets.ts';
import { fitCell } from './cell-limit.ts';
import type { LinkedList } from './evidence-links.ts';

export const PROGRESS_SHEET = '整改进展汇总表';
/** Fill of a problem's heading row. */
export const PROBLEM_FILL = '#EDEBE9';

export type ProgressLayout = 'joined' | 'per-unit';

const STATUSES = Status.options;
const h = (k: Parameters<typeof columnByKey>[0]) => columnByKey(k).header;
const sum = (xs: (number | undefined)[]) =>
  xs.reduce<number | undefined>((a, x) => (x === undefined ? a : (a ?? 0) + x), undefined);
/** Two decimals at most, so 0.1 + 0.2 prints as 0.3. */
const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (part: number | undefined, whole: number | undefined): Cell =>
  part !== undefined && whole !== undefined && whole > 0 ? Math.round((part / whole) * 1000) / 10 : '';
const blank = (n: number | undefined): Cell => (n === undefined ? '' : round2(n));
/** 目标值合计, 完成值合计, 计量单位, 完成率 of one unit of measure's sums (blank when the measure has none). */
const quantityCells = (q: Quantity | undefined): Cell[] =>
  q ? [blank(q.target), blank(q.actual), q.unitOfMeasure, completionRate(q) ?? ''] : ['', '', '', ''];
const CHINESE_NUMBERS = '一二三四五六七八九十';
const problemNumber = (i: number) => (i < 10 ? CHINESE_NUMBERS[i]! : String(i + 1));

/** A row's progress with its 佐证材料 counted and named: "…（佐证材料 2 个：现场照片.jpg、会议纪要.pdf）". */
export function progressWithEvidence(r: DetailRow): string {
  const files = r.evidenceFiles ?? [];
  return files.length
    ? `${r.progress}（佐证材料 ${files.length} 个：${files.map((f) => f.name).join('、')}）`
    : r.progress;
}

/** "丁来村：…；\n民良村：…" — a unit's several rows (子项) joined within its own part. */
export function joinedProgress(rows: readonly DetailRow[]): string {
  const byUnit = new Map<string, string[]>();
  for (const r of rows)
    (byUnit.get(r.unitName) ?? byUnit.set(r.unitName, []).get(r.unitName)!).push(progressWithEvidence(r));
  return [...byUnit].map(([unit, texts]) => `${unit}：${texts.join('；')}`).join('；\n');
}

/**
 * Each unit's 佐证材料 among `rows` (one measure's), in the order the units first appear: its count and the filter of
 * the 佐证材料查阅 list that shows them; units without a file left out.
 */
export function evidenceLists(
  rows: readonly DetailRow[],
  listOf: (unitId: string) => LinkedList['list'],
  labelled: boolean,
): LinkedList[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const r of rows) {
    const n = r.evidenceFiles?.length ?? 0;
    const seen = counts.get(r.unitId) ?? counts.set(r.unitId, { name: r.unitName, count: 0 }).get(r.unitId)!;
    seen.count += n;
  }
  return [...counts]
    .filter(([, c]) => c.count > 0)
    .map(([unitId, c]) => ({ list: listOf(unitId), count: c.count, ...(labelled ? { label: c.name } : {}) }));
}

export interface ProgressInput {
  plan: Plan;
  summary: Summary;
  details: Details;
  layout?: ProgressLayout;
}

/** The rows of the filed reports for each measure, and who among the responsible units owes it. */
export function measureProgress(plan: Plan, summary: Summary, details: Details) {
  const filed = new Set(summary.units.filter((u) => isFiled(u.timeliness)).map((u) => u.unitId));
  const returned = new Set(summary.units.filter((u) => u.timeliness === 'returned').map((u) => u.unitId));
  const names = new Map(summary.units.map((u) => [u.unitId, u.unitName]));
  const counted = details.rows.filter((r) => filed.has(r.unitId));
  return plan.measures.map((m) => {
    const rows = counted.filter((r) => r.measureId === m.id);
    const reported = new Set(rows.map((r) => r.unitId));
    const owing = m.responsibleUnitIds.filter((id) => !reported.has(id));
    const statusCounts = Object.fromEntries(
      STATUSES.map((s) => [s, new Set(rows.filter((r) => r.status === s).map((r) => r.unitId)).size]),
    );
    return {
      measure: m,
      rows,
      reportedUnits: reported.size,
      expectedUnits: m.responsibleUnitIds.length,
      statusCounts,
      // 目标值/完成值 summed only within one 计量单位, funds over all (core's rollup, as /summary does).
      figures: sumFigures(rows),
      owing: owing.map((id) => `${names.get(id) ?? id}${returned.has(id) ? '（退回）' : ''}`),
    };
  });
}

export function progressSheet({ plan, summary, details, layout = 'joined' }: ProgressInput): SheetSpec {
  const perUnit = layout === 'per-unit';
  const header = [
    '编号',
    h('measure'),
    h('lead'),
    h('responsibleUnits'),
    ...(perUnit ? ['填报单位'] : []),
    perUnit ? h('progress') : '各单位整改进展',
    `${h('target')}合计`,
    `${h('actual')}合计`,
    h('unitOfMeasure'),
    h('rate'),
    `${h('fundsPlanned')}合计`,
    `${h('fundsPaid')}合计`,
    '资金拨付率(%)',
    ...STATUSES.map((s) => STATUS_LABELS[s].zh),
    '应报单位数',
    '已报单位数',
    '未报单位',
  ];
  const shift = perUnit ? 1 : 0;
  const spec: SheetSpec = {
    name: PROGRESS_SHEET,
    title: `${plan.title}整改进展汇总表 — ${periodLabel(summary.period)}，生成于 ${formatCst(summary.generatedAt)}（北京时间）`,
    header,
    rows: [],
    widths: [6, 18, 7, 16, ...(perUnit ? [10] : []), 44, 7, 7, 6, 7, 9, 9, 8, 5, 5, 5, 5, 5, 5, 16],
    fills: {},
    wrap: [1, 2, 3, 4, 4 + shift, header.length - 1],
    text: [0, 1, 2, 3, 4, 4 + shift, 7 + shift, header.length - 1],
    merges: [],
    print: A4_WIDE,
    evidence: [],
  };
  const last = header.length - 1;
  const progress = measureProgress(plan, summary, details);
  const listOf = (measure: string) => (unit: string) => ({ plan: plan.id, unit, measure, period: summary.period });
  plan.problems.forEach((p, i) => {
    const row = spec.rows.length + 3;
    spec.rows.push([`${problemNumber(i)}、`, `${p.title}${p.detail ? `：${p.detail}` : ''}`]);
    spec.merges!.push(`B${row}:${letter(last)}${row}`);
    for (let c = 0; c <= last; c++) (spec.fills[PROBLEM_FILL] ??= []).push({ row, column: letter(c) });
    for (const mp of progress.filter((x) => x.measure.problemId === p.id)) {
      const f = mp.figures;
      // One line per 计量单位: 17 户 and 5 个 are never added, and no 完成率 is computed across them.
      const [firstUnit, ...more] = quantitiesOf(f);
      const totals: Cell[] = [
        ...quantityCells(firstUnit),
        blank(f.fundsPlanned),
        blank(f.fundsPaid),
        ratio(f.fundsPaid, f.fundsPlanned),
        ...STATUSES.map((s) => mp.statusCounts[s] ?? 0),
        mp.expectedUnits,
        mp.reportedUnits,
        mp.owing.join('、'),
      ];
      const unitLines = more.map((q) => [...Array<Cell>(5 + shift).fill(''), ...quantityCells(q)]);
      const m = mp.measure;
      // The measure's title, not its paragraph: a whole paragraph per row made the printed table pages long.
      const lead = [m.id, m.title, m.lead, m.responsibleUnitsText];
      if (!perUnit) {
        const at = spec.rows.length + 3;
        spec.evidence!.push({ row: at, lists: evidenceLists(mp.rows, listOf(m.id), true) });
        spec.rows.push(
          [...lead, fitCell(joinedProgress(mp.rows), DETAILS_SHEET) || '（本期尚无单位报送）', ...totals],
          ...unitLines,
        );
        for (let c = 0; c < 5 && more.length; c++)
          spec.merges!.push(`${letter(c)}${at}:${letter(c)}${at + more.length}`);
        continue;
      }
      // One row per unit's report row, then the measure's 合计 row carrying the sums and counts.
      const first = spec.rows.length + 3;
      const listed = new Set<string>();
      for (const r of mp.rows) {
        // A unit's files for the measure in one cell, on its first row (its 子项 rows share the list).
        const own = mp.rows.filter((x) => x.unitId === r.unitId);
        const lists = listed.has(r.unitId) ? [] : evidenceLists(own, listOf(m.id), false);
        listed.add(r.unitId);
        spec.evidence!.push({ row: spec.rows.length + 3, lists });
        spec.rows.push([
          '',
          '',
          '',
          '',
          r.unitName,
          progressWithEvidence(r),
          blank(r.target),
          blank(r.actual),
          r.unitOfMeasure ?? '',
          blank(r.rate),
          blank(r.fundsPlanned),
          blank(r.fundsPaid),
          '',
          ...STATUSES.map((s) => (r.status === s ? 1 : 0)),
        ]);
      }
      spec.rows.push(['', '', '', '', '合计', mp.rows.length ? '' : '（本期尚无单位报送）', ...totals], ...unitLines);
      const end = spec.rows.length + 2;
      spec.rows[first - 3]!.splice(0, 4, ...lead);
      for (let c = 0; c < 4 && end > first; c++) spec.merges!.push(`${letter(c)}${first}:${letter(c)}${end}`);
    }
  });
  return spec;
}

// 销号台账: every (measure, unit) pair of the plan as one row — state, deadlines, dates, 整改情况, 核查意见, evidence
// count and the 预警 colour (its cell filled). A pure layout: the same spec goes into Excel (excel/write-summary.ts)
// and into the downloaded .xlsx (files/write-xlsx.ts).
import {
  CLOSURE_STATE_LABELS,
  formatRate,
  WARNING_LABELS,
  warningText,
  type ClosureLedger,
  type WarningColour,
} from '../../core/closure/index.ts';
import { columnLetter } from '../../core/checklist/columns.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import { neutraliseFormula } from '../../core/text/formula-safe.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import type { Cell, SheetSpec } from './summary-sheets.ts';

export const CLOSURE_LEDGER_SHEET = '销号台账';

export const WARNING_COLORS: Readonly<Record<WarningColour, string>> = {
  red: '#FFC7CE',
  yellow: '#FFEB9C',
  blue: '#BDD7EE',
};
/** A closed pair's state cell. */
export const CLOSED_COLOR = '#DFF6DD';

const HEADER = [
  '序号',
  '问题',
  '措施',
  '整改措施',
  '完成标准',
  '填报单位',
  '销号状态',
  '整改时限',
  '限期（二次整改）',
  '申请销号日期',
  '销号日期',
  '最新完成情况',
  '整改情况',
  '核查意见',
  '核查日期',
  '佐证材料（份）',
  '预警',
  '预警说明',
];
const STATE_COLUMN = 6;
const WARNING_COLUMN = 16;
/** First data row: row 1 is the title, row 2 the header. */
const FIRST = 3;

const day = (iso: string | null) => (iso ? cstDate(iso) : '');

export function closureLedgerSheet(ledger: ClosureLedger, plan: Plan | undefined): SheetSpec {
  const measures = new Map(plan?.measures.map((m) => [m.id, m]) ?? []);
  const spec: SheetSpec = {
    name: CLOSURE_LEDGER_SHEET,
    title: neutraliseFormula(
      `${plan?.title ?? ledger.planId} 销号台账 — 整改完成率 ${formatRate(ledger.rates.pairs)}（${ledger.rates.pairs.closed}/${ledger.rates.pairs.total} 项），措施 ${formatRate(ledger.rates.measures)}（${ledger.rates.measures.closed}/${ledger.rates.measures.total}），截至 ${ledger.today}`,
    ),
    header: HEADER,
    rows: [],
    widths: [6, 6, 6, 36, 24, 16, 10, 16, 12, 12, 12, 10, 36, 30, 12, 8, 10, 30],
    fills: {},
    wrap: [3, 4, 12, 13, 17],
    // Every string column is text-formatted ('@'): user and plan text goes in as it was typed, as in the summary
    // sheets. Excel takes such a cell literally, so "=1+1" stays inert text, where the formula rule's apostrophe would
    // stay in the cell as a visible character. The title row is not text-formatted: it passes through the rule.
    text: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17],
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: 2 },
  };
  ledger.rows.forEach((r, i) => {
    const m = measures.get(r.measureId);
    const row: Cell[] = [
      i + 1,
      r.problemId,
      r.measureId,
      m?.title ?? '',
      m?.completionStandard ?? '',
      r.unitName,
      CLOSURE_STATE_LABELS[r.state].zh + (r.part === 'dated' ? '（阶段性）' : ''),
      r.deadlineText,
      r.extendedDeadline ?? '',
      day(r.appliedAt),
      day(r.closedAt),
      r.latestStatus ? STATUS_LABELS[r.latestStatus].zh : '',
      r.summary ?? '',
      r.verdict?.opinion ?? '',
      r.verdict?.verifiedOn ?? '',
      r.evidenceCount,
      r.warning ? WARNING_LABELS[r.warning.colour].zh : '',
      r.warning ? warningText(r.warning).zh : '',
    ];
    spec.rows.push(row);
    const sheetRow = FIRST + i;
    if (r.warning)
      (spec.fills[WARNING_COLORS[r.warning.colour]] ??= []).push({
        row: sheetRow,
        column: columnLetter(WARNING_COLUMN),
      });
    if (r.state === 'closed')
      (spec.fills[CLOSED_COLOR] ??= []).push({ row: sheetRow, column: columnLetter(STATE_COLUMN) });
  });
  return spec;
}

// 通报 draft: what the township publishes after a period — the period's 按时/逾期/未报/退回 counts, the 整改完成率,
// the units ranked on timeliness and completion, the red items, the open 督办单 and the units that did not report.
// Pure: data from /summary, /matrix, /closures and /notices in, sections of paragraphs and tables out; the .docx is
// written from these in addin/files/bulletin-docx.ts. Every text here came through the clean-text rule when it was
// stored (users' and the plan's), and a word processor evaluates nothing, so it is used as it came.
import { periodLabel } from '../calendar/period-label.ts';
import type { Matrix, Summary } from '../schemas/api.ts';
import type { Plan } from '../schemas/plan.ts';
import { TIMELINESS_LABELS, type ReportTimeliness } from '../schemas/submission.ts';
import type { ClosureList, NoticeList } from '../schemas/closure-view.ts';
import { NOTICE_STATE_LABELS } from '../schemas/notice.ts';
import { chineseDate, chineseDeadline } from '../text/chinese-date.ts';
import { formatRate, type Rate } from './closure-rate.ts';
import { warningText } from './warning.ts';

export interface BulletinTable {
  header: string[];
  rows: string[][];
}

export interface BulletinSection {
  heading: string;
  paragraphs: string[];
  table?: BulletinTable;
}

export interface Bulletin {
  title: string;
  /** The plan the 通报 is about: its title and 文号. */
  basis: string;
  sections: BulletinSection[];
  /** Signature lines at the end: who issues it (a blank to fill in) and the date. */
  closing: string[];
  fileName: string;
}

export interface BulletinInput {
  plan: Plan;
  summary: Summary;
  /** Timeliness from the plan's first period to this one: what the ranking's 按时率 counts. */
  matrix: Matrix;
  closures: ClosureList;
  notices: NoticeList;
  /** The day the draft is made (YYYY-MM-DD, China time). */
  today: string;
}

const CHINESE_NUMBERS = '一二三四五六七八九十';
const heading = (i: number, text: string) => `${CHINESE_NUMBERS[i] ?? String(i + 1)}、${text}`;
/** Periods that count for the 按时率: those that were due and owed (not 待报, not 已销号). */
const DUE: ReadonlySet<ReportTimeliness> = new Set(['on_time', 'late', 'missing', 'returned']);
const rateOf = (closed: number, total: number): Rate => ({ closed, total, rate: total ? closed / total : null });
const rateCell = (r: Rate) => `${formatRate(r)}（${r.closed}/${r.total}）`;

/**
 * "关于勐来乡2023年整改工作推进情况的通报": the township from the start of the plan's title (up to 乡, 镇 or 街道),
 * the year of the period; a plan titled otherwise is named whole.
 */
export function bulletinTitle(plan: Plan, period: string): string {
  const year = period.slice(0, 4);
  const township = /^(.{1,15}?(?:乡|镇|街道))/.exec(plan.title)?.[1];
  return township ? `关于${township}${year}年整改工作推进情况的通报` : `关于《${plan.title}》整改工作推进情况的通报`;
}

export interface RankedUnit {
  unitId: string;
  unitName: string;
  /** This period's state. */
  timeliness: ReportTimeliness;
  /** On-time periods ÷ periods due so far. */
  onTime: Rate;
  closure: Rate;
  red: number;
  openNotices: number;
}

/** Units by 按时率 (highest first), then 整改完成率, then fewer red items, then name. */
export function rankUnits(input: BulletinInput): RankedUnit[] {
  const cells = new Map(input.matrix.units.map((u) => [u.unitId, u.cells]));
  const red = new Map<string, number>();
  for (const p of input.closures.pairs)
    if (p.warning?.colour === 'red') red.set(p.unitId, (red.get(p.unitId) ?? 0) + 1);
  const ranked = input.summary.units.map((u) => {
    const due = (cells.get(u.unitId) ?? []).filter((c) => DUE.has(c));
    const counts = input.notices.byUnit[u.unitId];
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      timeliness: u.timeliness,
      onTime: rateOf(due.filter((c) => c === 'on_time').length, due.length),
      closure: input.closures.rates.byUnit[u.unitId] ?? rateOf(0, 0),
      red: red.get(u.unitId) ?? 0,
      openNotices: counts ? counts.open + counts.overdue : 0,
    };
  });
  return ranked.sort(
    (a, b) =>
      (b.onTime.rate ?? -1) - (a.onTime.rate ?? -1) ||
      (b.closure.rate ?? -1) - (a.closure.rate ?? -1) ||
      a.red - b.red ||
      a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
}

export function buildBulletin(input: BulletinInput): Bulletin {
  const { plan, summary, closures, notices } = input;
  const t = summary.totals;
  const rates = closures.rates;
  const names = new Map(summary.units.map((u) => [u.unitId, u.unitName]));
  const measures = new Map(plan.measures.map((m) => [m.id, m]));
  const measureName = (id: string) => `${id} ${measures.get(id)?.title ?? ''}`.trim();
  const period = periodLabel(summary.period, { form: 'name' });

  const overview = [
    `${period}整改进展应于${chineseDeadline(summary.deadline)}报送。应报单位 ${t.units} 个，其中按时报送 ${t.on_time} 个、` +
      `逾期报送 ${t.late} 个、未报送 ${t.missing} 个、退回重报 ${t.returned} 个` +
      (t.not_due ? `、尚未到期 ${t.not_due} 个` : '') +
      (t.closed ? `、已全部销号无需报送 ${t.closed} 个` : '') +
      '。',
    `截至${chineseDate(`${closures.today}T12:00:00+08:00`)}，整改完成率（已销号 ÷ 应销号）：按单位·措施计 ${rateCell(rates.pairs)}，` +
      `按措施计 ${rateCell(rates.measures)}。`,
    ...plan.problems.map((p, i) => {
      const r = rates.byProblem[p.id];
      return `（${CHINESE_NUMBERS[i] ?? i + 1}）${p.title}：${r ? `单位·措施 ${rateCell(r.pairs)}，措施 ${rateCell(r.measures)}` : '无应销号事项'}。`;
    }),
  ];

  const ranked = rankUnits(input);
  const ranking: BulletinTable = {
    header: ['名次', '单位', '本期报送', '按时率', '整改完成率', '红色预警', '未办结督办单'],
    rows: ranked.map((u, i) => [
      String(i + 1),
      u.unitName,
      TIMELINESS_LABELS[u.timeliness].zh,
      rateCell(u.onTime),
      rateCell(u.closure),
      String(u.red),
      String(u.openNotices),
    ]),
  };

  const reds = closures.pairs.filter((p) => p.warning?.colour === 'red');
  const redTable: BulletinTable = {
    header: ['序号', '整改措施', '责任单位', '时限', '情况'],
    rows: reds.map((p, i) => [
      String(i + 1),
      measureName(p.measureId),
      p.unitName,
      p.warning!.dueDate ?? p.deadlineText,
      warningText(p.warning!).zh,
    ]),
  };

  const open = notices.notices.filter((n) => n.state !== 'answered');
  const noticeTable: BulletinTable = {
    header: ['编号', '责任单位', '整改措施', '督办要求', '办结时限', '状态'],
    rows: open.map((n) => [
      `第 ${n.number} 号`,
      names.get(n.unitId) ?? n.unitId,
      measureName(n.measureId),
      n.requirement,
      n.dueDate,
      NOTICE_STATE_LABELS[n.state].zh,
    ]),
  };

  const notFiled = summary.units.filter((u) => u.timeliness === 'missing' || u.timeliness === 'returned');
  const notFiledText = notFiled.length
    ? `${notFiled.map((u) => (u.timeliness === 'returned' ? `${u.unitName}（退回后未重报）` : u.unitName)).join('、')}，共 ${notFiled.length} 个单位未报送${period}整改进展，请于收到本通报后立即补报。`
    : `各单位均已报送${period}整改进展。`;

  const sections: BulletinSection[] = [
    { heading: heading(0, '总体情况'), paragraphs: overview },
    {
      heading: heading(1, '各单位报送及整改完成情况'),
      paragraphs: ['按报送按时率（截至本期）排序，按时率相同的按整改完成率排序。'],
      table: ranking,
    },
    {
      heading: heading(2, '红色预警事项'),
      paragraphs: [
        reds.length
          ? `以下 ${reds.length} 项已超过整改时限仍未完成，请责任单位立即整改并说明原因。`
          : '目前没有红色预警事项。',
      ],
      ...(reds.length ? { table: redTable } : {}),
    },
    {
      heading: heading(3, '督办单办理情况'),
      paragraphs: [
        open.length
          ? `已下发督办单 ${notices.notices.length} 份，其中 ${open.length} 份尚未回复（逾期未回复 ${open.filter((n) => n.state === 'overdue').length} 份）。`
          : `已下发督办单 ${notices.notices.length} 份，均已回复。`,
      ],
      ...(open.length ? { table: noticeTable } : {}),
    },
    { heading: heading(4, '未报送单位'), paragraphs: [notFiledText] },
    {
      heading: heading(5, '下步要求'),
      paragraphs: [
        '各单位要对照整改方案明确的整改时限，逐项抓好落实，按时报送整改进展并附佐证材料；已完成的事项及时申请销号，红色预警和督办事项限期办结。',
      ],
    },
  ];

  return {
    title: bulletinTitle(plan, summary.period),
    basis: `依据《${plan.title}》${plan.docNumber ? `（${plan.docNumber}）` : ''}，现将${period}整改工作推进情况通报如下：`,
    sections,
    closing: ['（发文单位）', chineseDate(`${input.today}T12:00:00+08:00`)],
    fileName: `整改工作推进情况通报-${period}.docx`,
  };
}

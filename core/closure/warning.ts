// 红黄蓝 预警 of one (measure, unit) pair: one pure rule from the deadline (or the 限期 of a 驳回), the progress
// history, the closure state and today (a YYYY-MM-DD day in China time).
//   红 overdue: past the deadline and not reached — for a long-term measure "reached" is its dated part
//      (阶段性成效 or 已完成); a pending 申请销号 counts as reached (the verification is the township's to do).
//   黄 within `yellowDays` of the deadline and not reached; or status and figures unchanged over `stallPeriods`
//      periods (not yet done); or a 驳回 the unit has not answered with a new application.
//   蓝 within `blueDays` of the deadline and not reached.
// A closed pair has no warning. Thresholds are the plan's (DEFAULT_WARNING_THRESHOLDS otherwise).
import type { Deadline } from '../deadline/parse-deadline.ts';
import type { WarningThresholds } from '../schemas/closure.ts';
import type { Status } from '../schemas/status.ts';
import type { PairClosure } from './pair-closure.ts';

export type WarningColour = 'red' | 'yellow' | 'blue';
export type WarningReason = 'overdue' | 'due_soon' | 'stalled' | 'rejected' | 'approaching';

/** One filed report's state of the pair: its status and a canonical text of its figures. */
export interface ProgressPoint {
  status: Status;
  figures: string;
}

export interface WarningInput {
  deadline: Deadline;
  closure: PairClosure;
  /** Consecutive periods up to the latest, oldest first; null where the unit filed nothing for the pair. */
  history: readonly (ProgressPoint | null)[];
  today: string;
  thresholds: WarningThresholds;
}

export interface Warning {
  colour: WarningColour;
  /** Every reason that applies, most severe first. */
  reasons: WarningReason[];
  /** The day the pair is due (the 限期 when there is one). */
  dueDate: string | null;
  /** Days from today to dueDate (negative when overdue). */
  daysLeft: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDay: string) =>
  Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / DAY_MS;

export function daysBetween(fromDay: string, toDay: string): number {
  return dayNumber(toDay) - dayNumber(fromDay);
}

/** Whether the pair's dated obligation is met: done (or, for long-term measures, phased) or applied for closure. */
export function deadlineReached(deadline: Deadline, closure: PairClosure, latest: Status | null): boolean {
  if (closure.state !== 'in_progress') return true;
  return latest === 'done' || (deadline.longTerm && latest === 'phased');
}

/** The last `stallPeriods` + 1 periods were all filed with the same status and figures, and not done. */
export function isStalled(history: readonly (ProgressPoint | null)[], stallPeriods: number): boolean {
  const window = history.slice(-(stallPeriods + 1));
  if (window.length < stallPeriods + 1) return false;
  const first = window[0];
  if (!first || first.status === 'done') return false;
  return window.every((p) => p !== null && p.status === first.status && p.figures === first.figures);
}

/**
 * When the pair is 蓝 / 黄 / 红 for a fixed deadline, closure state and history (the days pass, nothing is filed):
 * the colour only escalates, so three dates say it all — the colour is red from `redFrom` on, else yellow from
 * `yellowFrom`, else blue from `blueFrom` (null: never; ALWAYS_DAY: whatever the day). The date-driven reasons keep
 * their own dates so a day's reasons can be told too (warningOn). Stored per pair by the Worker and compared with
 * today in SQL: the rule stays here.
 */
export interface WarningSchedule {
  dueDate: string | null;
  /** Status and figures unchanged over the plan's stall periods (黄 whatever the day). */
  stalled: boolean;
  /** A 驳回 not answered with a new application (黄 whatever the day). */
  rejected: boolean;
  /** First day of 'approaching', 'due_soon' and 'overdue'; null when the deadline is met or there is no date. */
  approachingFrom: string | null;
  dueSoonFrom: string | null;
  overdueFrom: string | null;
  blueFrom: string | null;
  yellowFrom: string | null;
  redFrom: string | null;
}

/** Earlier than any day: a colour that holds whatever the day. */
export const ALWAYS_DAY = '0000-01-01';

export function addDays(isoDay: string, n: number): string {
  return new Date((dayNumber(isoDay) + n) * DAY_MS).toISOString().slice(0, 10);
}

const earliest = (...days: (string | null)[]) =>
  days.reduce<string | null>((a, d) => (d === null ? a : a === null || d < a ? d : a), null);

export function warningScheduleOf(input: Omit<WarningInput, 'today'>): WarningSchedule {
  const { deadline, closure, history, thresholds } = input;
  const latest = [...history].reverse().find((p) => p !== null)?.status ?? null;
  const dueDate = closure.state === 'closed' ? null : (closure.extendedDeadline ?? deadline.date ?? null);
  const dated = dueDate !== null && !deadlineReached(deadline, closure, latest);
  const stalled = closure.state === 'in_progress' && isStalled(history, thresholds.stallPeriods);
  const rejected = closure.state === 'in_progress' && closure.rejectionPending;
  const approachingFrom = dated ? addDays(dueDate, -thresholds.blueDays) : null;
  const dueSoonFrom = dated ? addDays(dueDate, -thresholds.yellowDays) : null;
  const overdueFrom = dated ? addDays(dueDate, 1) : null;
  const yellowFrom = stalled || rejected ? ALWAYS_DAY : dueSoonFrom;
  return {
    dueDate,
    stalled,
    rejected,
    approachingFrom,
    dueSoonFrom,
    overdueFrom,
    blueFrom: earliest(approachingFrom, yellowFrom),
    yellowFrom,
    redFrom: overdueFrom,
  };
}

const reached = (from: string | null, today: string) => from !== null && from <= today;

/** The warning a schedule gives on `today`, or null. */
export function warningOn(s: WarningSchedule, today: string): Warning | null {
  const reasons: WarningReason[] = [];
  if (reached(s.overdueFrom, today)) reasons.push('overdue');
  else if (reached(s.dueSoonFrom, today)) reasons.push('due_soon');
  if (s.stalled) reasons.push('stalled');
  if (s.rejected) reasons.push('rejected');
  if (reached(s.approachingFrom, today) && !reached(s.dueSoonFrom, today)) reasons.push('approaching');
  if (reasons.length === 0) return null;
  const colour: WarningColour = reached(s.redFrom, today) ? 'red' : reached(s.yellowFrom, today) ? 'yellow' : 'blue';
  return { colour, reasons, dueDate: s.dueDate, daysLeft: s.dueDate === null ? null : daysBetween(today, s.dueDate) };
}

export function warningOf(input: WarningInput): Warning | null {
  return warningOn(warningScheduleOf(input), input.today);
}

export const WARNING_LABELS: Readonly<Record<WarningColour, { zh: string; en: string }>> = {
  red: { zh: '红色预警', en: 'Red' },
  yellow: { zh: '黄色预警', en: 'Yellow' },
  blue: { zh: '蓝色预警', en: 'Blue' },
};

/** One line for a sheet cell, a list or a reminder: "已超期 3 天（限期 2023年10月31日）". */
export function warningText(w: Warning): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const r of w.reasons) {
    switch (r) {
      case 'overdue':
        zh.push(`已超期 ${-(w.daysLeft ?? 0)} 天（时限 ${w.dueDate}）`);
        en.push(`overdue by ${-(w.daysLeft ?? 0)} days (due ${w.dueDate})`);
        break;
      case 'due_soon':
      case 'approaching':
        zh.push(`距时限还有 ${w.daysLeft} 天（${w.dueDate}）`);
        en.push(`${w.daysLeft} days left (due ${w.dueDate})`);
        break;
      case 'stalled':
        zh.push('连续多期完成情况和数据无变化');
        en.push('no change in status or figures');
        break;
      case 'rejected':
        zh.push('销号申请被驳回，尚未重新申请');
        en.push('closure rejected, not yet re-applied');
        break;
    }
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

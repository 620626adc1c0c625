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

export function warningOf(input: WarningInput): Warning | null {
  const { deadline, closure, history, today, thresholds } = input;
  if (closure.state === 'closed') return null;
  const latest = [...history].reverse().find((p) => p !== null)?.status ?? null;
  const dueDate = closure.extendedDeadline ?? deadline.date ?? null;
  const daysLeft = dueDate === null ? null : daysBetween(today, dueDate);
  const open = !deadlineReached(deadline, closure, latest);

  const reasons: WarningReason[] = [];
  if (open && daysLeft !== null && daysLeft < 0) reasons.push('overdue');
  if (open && daysLeft !== null && daysLeft >= 0 && daysLeft <= thresholds.yellowDays) reasons.push('due_soon');
  if (closure.state === 'in_progress' && isStalled(history, thresholds.stallPeriods)) reasons.push('stalled');
  if (closure.state === 'in_progress' && closure.rejectionPending) reasons.push('rejected');
  if (open && daysLeft !== null && daysLeft > thresholds.yellowDays && daysLeft <= thresholds.blueDays)
    reasons.push('approaching');
  if (reasons.length === 0) return null;

  const colour: WarningColour = reasons.includes('overdue')
    ? 'red'
    : reasons.some((r) => r !== 'approaching')
      ? 'yellow'
      : 'blue';
  return { colour, reasons, dueDate, daysLeft };
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

// A unit's state for one period (按时 / 逾期 / 未报 / 待报 / 退回): the one rule behind /summary, /matrix, /trends,
// /reports/status, the CSV, the reminders, the supervisor's sheets and the pane.
//   returned        — its current revision was returned (退回) and not yet resubmitted. A returned report is NOT a
//                     filed report: it adds nothing to any count or sum (已报单位数, status counts, 行数, figures, funds);
//   on_time / late  — of its first revision (resubmitting cannot repair lateness);
//   not_due / missing — nothing filed, before / from the deadline; nothing before the plan's first period is due;
//   closed          — nothing filed and nothing owed: every pair of the unit was 已销号 by the deadline.
import type { Calendar } from '../calendar/schedule.ts';
import type { FiledTimeliness, ReportTimeliness } from '../schemas/submission.ts';

/** What is stored of a unit's current revision for the period. */
export interface CurrentReport {
  /** Of its first revision. */
  timeliness: FiledTimeliness;
  /** Whether it stands returned (D1 gives 0 / 1). */
  returned: boolean | number;
}

export interface PeriodFacts {
  cal: Calendar;
  period: string;
  /** The plan's first period; earlier periods are never due. */
  firstPeriod?: string;
  current: CurrentReport | null | undefined;
  now: Date;
  /** Every pair the unit is responsible for was 已销号 by the period's deadline (core/closure/required.ts). */
  closed?: boolean;
}

export function periodStateOf({ cal, period, firstPeriod, current, now, closed }: PeriodFacts): ReportTimeliness {
  if (current) return current.returned ? 'returned' : current.timeliness;
  if (firstPeriod !== undefined && period < firstPeriod) return 'not_due';
  if (closed) return 'closed';
  return cal.timelinessOf(period, null, now);
}

/** Whether a unit in this state has filed for the period, so its report's rows count in figures. */
export function isFiled(state: ReportTimeliness): state is FiledTimeliness {
  return state === 'on_time' || state === 'late';
}

// A unit's standing under one plan, period by period (GET /reports/status): the open period and every period of the
// late window, each on time / late / missing / not due / returned (periodStateOf), and the period a new report is for
// by default. The Worker builds it from its report heads; the pane shows it (退回 banner, 提交记录, the period choice).
import { z } from 'zod';
import type { Calendar } from '../calendar/schedule.ts';
import { periodStateOf } from './period-state.ts';
import { FiledTimeliness, LIMITS, Timeliness } from '../schemas/submission.ts';

export const PeriodState = z.object({
  period: z.string(),
  /** Exclusive deadline (ISO instant). */
  deadline: z.string(),
  state: Timeliness,
  /** The current revision, when one was filed. */
  report: z
    .object({
      reportId: z.string(),
      revision: z.number().int(),
      receivedAt: z.string(),
      signer: z.string(),
      timeliness: FiledTimeliness,
    })
    .nullable(),
  /** Set while the current revision stands returned (退回): why, when and by whom. */
  returned: z.object({ reason: z.string(), at: z.string(), by: z.string() }).nullable(),
});
export type PeriodState = z.infer<typeof PeriodState>;

export const UnitStatus = z.object({
  planId: z.string(),
  unitId: z.string(),
  openPeriod: z.string(),
  /** The period a new report is for unless the unit picks another: the newest returned one (退回, to be filed
   * again), else the open one. Progress is "as of now", so an older missing period is never the default: filing it
   * (补报) is a choice the unit makes on purpose. */
  defaultPeriod: z.string(),
  /** Newest first: the open period, then back to the plan's first period or the late window's end. */
  periods: z.array(PeriodState),
});
export type UnitStatus = z.infer<typeof UnitStatus>;

/** What the Worker knows about the current revision of one period. */
export interface HeadFact {
  period: string;
  reportId: string;
  revision: number;
  receivedAt: string;
  signer: string;
  timeliness: FiledTimeliness;
  returned: { reason: string; at: string; by: string } | null;
}

/** The oldest period a late report may still be filed for: LIMITS.pastPeriods before the open one. */
export function oldestReportable(cal: Calendar, now: Date): string {
  return cal.back(cal.periodOf(now), LIMITS.pastPeriods);
}

/** The periods a unit may still report for: from the late window's end (or the plan's first period) to the open one. */
export function reportablePeriods(cal: Calendar, firstPeriod: string, now: Date): string[] {
  const oldest = oldestReportable(cal, now);
  return cal.between(oldest > firstPeriod ? oldest : firstPeriod, cal.periodOf(now));
}

export function unitStatus(o: {
  planId: string;
  unitId: string;
  cal: Calendar;
  firstPeriod: string;
  now: Date;
  heads: readonly HeadFact[];
  /** Whether every pair of the unit was 已销号 by the period's deadline (nothing owed then). */
  closedIn?: (period: string) => boolean;
}): UnitStatus {
  const byPeriod = new Map(o.heads.map((h) => [h.period, h]));
  const periods = reportablePeriods(o.cal, o.firstPeriod, o.now)
    .reverse()
    .map((period): PeriodState => {
      const head = byPeriod.get(period);
      const deadline = o.cal.deadlineOf(period).toISOString();
      const state = periodStateOf({
        cal: o.cal,
        period,
        firstPeriod: o.firstPeriod,
        current: head && { timeliness: head.timeliness, returned: head.returned !== null },
        now: o.now,
        closed: o.closedIn?.(period),
      });
      if (!head) return { period, deadline, state, report: null, returned: null };
      const { returned, period: _, ...report } = head;
      return { period, deadline, state, report, returned };
    });
  const openPeriod = o.cal.periodOf(o.now);
  const returned = periods.find((p) => p.state === 'returned');
  return { planId: o.planId, unitId: o.unitId, openPeriod, defaultPeriod: returned?.period ?? openPeriod, periods };
}

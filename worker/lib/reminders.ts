// The hourly job (cron "0 * * * *", UTC), run for every active plan on that plan's schedule (a closed plan gets no
// flags and no reminders). Deadlines are computed in UTC+8 by core's calendars:
//  - once the previous period's deadline has passed: flag units with no report by then (idempotent) and send the
//    missing list once;
//  - within REMINDER_HOURS_BEFORE (default 48 h) of the open period's deadline: send one reminder listing units that
//    have not reported yet.
// Each message goes to every configured group robot (reminder-delivery.ts; robots.ts: WeCom or DingTalk, e.g. villages
// and offices apart), naming each unit with its contact and its 红色预警 pairs (reminder-message.ts).
import { cstDate } from '../../core/calendar/half-month.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { responsibleUnitIds } from '../../core/plan/plan-lookup.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { listPlans } from '../db/plans.ts';
import {
  flagMissing,
  periodsReported,
  unitsWithoutReport,
  type DeliveryKind,
  type PendingUnit,
} from '../db/reminders.ts';
import { pairViews } from './closure-pairs.ts';
import { refreshSchedules } from './pair-schedules.ts';
import { deliver, type Delivery, type DeliveryLog, type RobotBudget } from './reminder-delivery.ts';
import type { RedItem } from './reminder-message.ts';
import { closedUnitsOf } from './closed-units.ts';

/**
 * Closed periods whose missing flags each run (re)records, newest first. Flags are idempotent, so this costs only a
 * query per period and lets a job that was down for a while (or a whole half-month) catch up; only the newest closed
 * period is announced, since older lists would be stale news.
 */
export const CATCH_UP_PERIODS = 4;

export interface JobOutcome extends DeliveryLog {
  planId: string;
  missingPeriod: string;
  newFlags: number;
  /** New flags for older closed periods a stopped job had skipped (recorded, not announced). */
  catchUpFlags: number;
}

/** "2023-09-14 24:00": the exclusive deadline shown as the end of the due day, as people say it. */
const endOfDueDay = (deadline: Date) => `${cstDate(deadline.getTime() - 1)} 24:00`;

export async function runScheduledJob(env: Cloudflare.Env, now: Date): Promise<JobOutcome[]> {
  const out: JobOutcome[] = [];
  const budget: RobotBudget = new Map();
  for (const plan of await listPlans(env.DB, 'active')) {
    // The first run of a new period recomputes every pair's 预警 schedule, so the office's first read need not.
    await refreshSchedules(env.DB, plan, now);
    out.push(await runForPlan(env, plan, now, budget));
  }
  return out;
}

async function runForPlan(env: Cloudflare.Env, plan: Plan, now: Date, budget: RobotBudget): Promise<JobOutcome> {
  const cal = calendarFor(plan.schedule);
  const responsible = responsibleUnitIds(plan);
  // A unit whose every pair was 已销号 by a period's deadline owes nothing for it: no flag, no reminder.
  const closedIn = await closedUnitsOf(env.DB, plan);
  const owing = (period: string) => new Set([...responsible].filter((id) => !closedIn(id, period)));
  const open = cal.periodOf(now);
  const closed = cal.previous(open);
  const closedDeadline = cal.deadlineOf(closed);
  const out: JobOutcome = {
    planId: plan.id,
    missingPeriod: closed,
    newFlags: 0,
    catchUpFlags: 0,
    sent: [],
    skipped: [],
    failed: [],
    failedRobots: [],
  };
  const heading = (text: string) => (plan.docNumber ? `${text}（${plan.docNumber}）` : text);
  const delivery = (period: string, kind: DeliveryKind): Delivery => ({
    env,
    planId: plan.id,
    period,
    kind,
    now,
    log: out,
    budget,
  });
  let red: Promise<Map<string, RedItem[]>> | undefined;
  const redItems = () => (red ??= redItemsOf(env.DB, plan, now));

  // Nothing before the plan's first period was ever due.
  if (closed >= plan.firstPeriod) {
    const missing = await unitsWithoutReport(env.DB, plan.id, owing(closed), closed, closedDeadline.toISOString());
    out.newFlags = await flagMissing(
      env.DB,
      plan.id,
      closed,
      missing.map((u) => u.id),
      now.toISOString(),
    );
    for (
      let i = 1, older = cal.previous(closed);
      i < CATCH_UP_PERIODS && older >= plan.firstPeriod;
      i++, older = cal.previous(older)
    ) {
      const late = await unitsWithoutReport(env.DB, plan.id, owing(older), older, cal.deadlineOf(older).toISOString());
      out.catchUpFlags += await flagMissing(
        env.DB,
        plan.id,
        older,
        late.map((u) => u.id),
        now.toISOString(),
      );
    }
    await deliver(delivery(closed, 'missing'), {
      title: heading('整改进度逾期未报'),
      lines: (n) => [
        `> ${plan.title}`,
        `> ${cal.label(closed)}`,
        `截止时间 ${endOfDueDay(closedDeadline)}（北京时间）已过，以下 ${n} 个单位未报送：`,
      ],
      units: missing,
      behind: await periodsBehind(env.DB, plan, closed, missing),
      red: await redItems(),
    });
  }

  const hours = Number(env.REMINDER_HOURS_BEFORE || 48);
  const deadline = cal.deadlineOf(open);
  if (
    open >= plan.firstPeriod &&
    deadline.getTime() - now.getTime() <= (Number.isFinite(hours) ? hours : 48) * 3_600_000
  ) {
    const pending = await unitsWithoutReport(env.DB, plan.id, owing(open), open, deadline.toISOString(), true);
    await deliver(delivery(open, 'reminder'), {
      title: heading('整改进度填报提醒'),
      lines: (n) => [
        `> ${plan.title}`,
        `> ${cal.label(open)}`,
        `请于 ${endOfDueDay(deadline)}（北京时间）前报送。尚未报送（含退回待重报）${n} 个单位：`,
      ],
      units: pending,
      red: await redItems(),
    });
  }
  return out;
}

/** Each unit's red pairs now, in plan order, with the measure's title. */
async function redItemsOf(db: D1Database, plan: Plan, now: Date): Promise<Map<string, RedItem[]>> {
  const titles = new Map(plan.measures.map((m) => [m.id, m.title]));
  const out = new Map<string, RedItem[]>();
  for (const p of await pairViews(db, plan, now)) {
    if (p.warning?.colour !== 'red') continue;
    const items = out.get(p.unitId) ?? [];
    items.push({ measureId: p.measureId, title: titles.get(p.measureId) ?? '' });
    out.set(p.unitId, items);
  }
  return out;
}

/** Periods due so far (the plan's first to `closed`, at most MAX_BEHIND_PERIODS back). */
const MAX_BEHIND_PERIODS = 72;

/** For each missing unit, how many of the plan's due periods it has no report for at all. */
async function periodsBehind(
  db: D1Database,
  plan: Plan,
  closed: string,
  units: PendingUnit[],
): Promise<Map<string, number>> {
  const cal = calendarFor(plan.schedule);
  let due = 1;
  let from = closed;
  while (due < MAX_BEHIND_PERIODS && cal.previous(from) >= plan.firstPeriod) {
    from = cal.previous(from);
    due++;
  }
  const reported = await periodsReported(db, plan.id, from, closed);
  return new Map(units.map((u) => [u.id, due - (reported.get(u.id) ?? 0)]));
}

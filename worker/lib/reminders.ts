// The hourly job (cron "0 * * * *", UTC), run for every active plan on that plan's schedule (a closed plan gets no
// flags and no reminders). Deadlines are computed in UTC+8 by core's calendars:
//  - once the previous period's deadline has passed: flag units with no report by then (idempotent) and send the
//    missing list once;
//  - within REMINDER_HOURS_BEFORE (default 48 h) of the open period's deadline: send one reminder listing units that
//    have not reported yet.
// Each message goes to every configured group robot (worker/lib/robots.ts: WeCom or DingTalk, e.g. villages and
// offices apart), naming each unit with its contact and its 红色预警 pairs (reminder-message.ts). Deliveries are claimed in D1 per robot so
// none goes twice; a refused, timed-out or interrupted one is retried at the next runs, a bounded number of times.
import { cstDate } from '../../core/calendar/half-month.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { responsibleUnitIds } from '../../core/plan/plan-lookup.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { listPlans } from '../db/plans.ts';
import {
  claimDelivery,
  finishDelivery,
  flagMissing,
  periodsReported,
  unitsWithoutReport,
  type DeliveryKind,
  type PendingUnit,
} from '../db/reminders.ts';
import { listUnits } from '../db/units.ts';
import { pairViews } from './closure-pairs.ts';
import { reminderMessage, type RedItem } from './reminder-message.ts';
import { ROBOT_MESSAGES_PER_MINUTE, postUrl, robotAccepted, robotBody, webhooksOf, type Webhook } from './robots.ts';
import { closedUnitsOf } from './closed-units.ts';

/**
 * Closed periods whose missing flags each run (re)records, newest first. Flags are idempotent, so this costs only a
 * query per period and lets a job that was down for a while (or a whole half-month) catch up; only the newest closed
 * period is announced, since older lists would be stale news.
 */
export const CATCH_UP_PERIODS = 4;

export interface JobOutcome {
  planId: string;
  missingPeriod: string;
  newFlags: number;
  /** New flags for older closed periods a stopped job had skipped (recorded, not announced). */
  catchUpFlags: number;
  sent: DeliveryKind[];
  skipped: DeliveryKind[];
  failed: DeliveryKind[];
  /** "missing:villages": which robot refused or could not be reached. */
  failedRobots: string[];
}

/** "2023-09-14 24:00": the exclusive deadline shown as the end of the due day, as people say it. */
const endOfDueDay = (deadline: Date) => `${cstDate(deadline.getTime() - 1)} 24:00`;

interface Announcement {
  title: string;
  /** Header lines, given how many units this robot's group is told about. */
  lines: (count: number) => string[];
  units: PendingUnit[];
  behind?: ReadonlyMap<string, number>;
  /** Each unit's red pairs (预警 红), named under its line. */
  red?: ReadonlyMap<string, readonly RedItem[]>;
}

/** Messages sent to each robot in this run (robots cap 20 a minute; the rest wait for the next hourly run). */
type RobotBudget = Map<string, number>;

/** How long one robot may take to answer (REMINDER_WEBHOOK_TIMEOUT_MS overrides) before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * A claim still 'sending' this long after it was made belongs to a run that stopped mid-delivery (a Worker restart):
 * the next run claims the same record again. Far past the webhook timeout and a cron invocation's 15-minute limit, so
 * a delivery still in flight is never claimed twice.
 */
export const STALE_CLAIM_MS = 15 * 60_000;

function webhookTimeoutMs(env: Cloudflare.Env): number {
  const ms = Number(env.REMINDER_WEBHOOK_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : WEBHOOK_TIMEOUT_MS;
}

/**
 * Sends one announcement to every configured robot, each with the units of its group (villages, offices or all), all
 * robots at once: one that never answers (cut off after the timeout) or fails delays and blocks none of the others.
 * Each (period, kind, robot) is claimed in D1 so none goes twice; a refused, failed or timed-out delivery is retried at
 * the next hourly runs, up to MAX_DELIVERY_ATTEMPTS attempts.
 */
async function deliver(
  env: Cloudflare.Env,
  planId: string,
  period: string,
  kind: DeliveryKind,
  a: Announcement,
  now: Date,
  out: JobOutcome,
  budget: RobotBudget,
): Promise<void> {
  await Promise.all(
    webhooksOf(env).map((hook) =>
      deliverTo(env, hook, planId, period, kind, a, now, out, budget).catch((e: unknown) => {
        console.error('reminder delivery', planId, period, kind, hook.name, String(e));
        out.failed.push(kind);
        out.failedRobots.push(`${kind}:${hook.name}`);
      }),
    ),
  );
}

async function deliverTo(
  env: Cloudflare.Env,
  hook: Webhook,
  planId: string,
  period: string,
  kind: DeliveryKind,
  a: Announcement,
  now: Date,
  out: JobOutcome,
  budget: RobotBudget,
): Promise<void> {
  const units = hook.units === 'all' ? a.units : a.units.filter((u) => u.kind === hook.units);
  const used = budget.get(hook.name) ?? 0;
  if (used >= ROBOT_MESSAGES_PER_MINUTE) return; // not claimed: the next run sends it
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  if (!(await claimDelivery(env.DB, planId, period, kind, units.length, now.toISOString(), hook.name, staleBefore)))
    return;
  const tag = `${kind}:${hook.name}`;
  if (!units.length) {
    await finishDelivery(env.DB, planId, period, kind, 'skipped', null, 'nothing to report', hook.name);
    out.skipped.push(kind);
    return;
  }
  // Robots are served at once, each by its own call, so this robot's count is not touched by another's.
  budget.set(hook.name, used + 1);
  const body = robotBody(hook.robot, reminderMessage(hook.robot, a.title, a.lines, units, a.behind, a.red));
  try {
    const res = await fetch(await postUrl(hook, Date.now()), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      signal: AbortSignal.timeout(webhookTimeoutMs(env)),
    });
    const text = await res.text();
    const ok = robotAccepted(res.status, text);
    await finishDelivery(
      env.DB,
      planId,
      period,
      kind,
      ok ? 'sent' : 'failed',
      res.status,
      text.slice(0, 500),
      hook.name,
    );
    (ok ? out.sent : out.failed).push(kind);
    if (!ok) out.failedRobots.push(tag);
  } catch (e) {
    await finishDelivery(env.DB, planId, period, kind, 'failed', null, String(e).slice(0, 500), hook.name);
    out.failed.push(kind);
    out.failedRobots.push(tag);
  }
}

export async function runScheduledJob(env: Cloudflare.Env, now: Date): Promise<JobOutcome[]> {
  const out: JobOutcome[] = [];
  const budget: RobotBudget = new Map();
  for (const plan of await listPlans(env.DB, 'active')) out.push(await runForPlan(env, plan, now, budget));
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
    await deliver(
      env,
      plan.id,
      closed,
      'missing',
      {
        title: heading('整改进度逾期未报'),
        lines: (n) => [
          `> ${plan.title}`,
          `> ${cal.label(closed)}`,
          `截止时间 ${endOfDueDay(closedDeadline)}（北京时间）已过，以下 ${n} 个单位未报送：`,
        ],
        units: missing,
        behind: await periodsBehind(env.DB, plan, closed, missing),
        red: await redItems(),
      },
      now,
      out,
      budget,
    );
  }

  const hours = Number(env.REMINDER_HOURS_BEFORE || 48);
  const deadline = cal.deadlineOf(open);
  if (
    open >= plan.firstPeriod &&
    deadline.getTime() - now.getTime() <= (Number.isFinite(hours) ? hours : 48) * 3_600_000
  ) {
    const pending = await unitsWithoutReport(env.DB, plan.id, owing(open), open, deadline.toISOString(), true);
    await deliver(
      env,
      plan.id,
      open,
      'reminder',
      {
        title: heading('整改进度填报提醒'),
        lines: (n) => [
          `> ${plan.title}`,
          `> ${cal.label(open)}`,
          `请于 ${endOfDueDay(deadline)}（北京时间）前报送。尚未报送（含退回待重报）${n} 个单位：`,
        ],
        units: pending,
        red: await redItems(),
      },
      now,
      out,
      budget,
    );
  }
  return out;
}

/** Each unit's red pairs now, in plan order, with the measure's title. */
async function redItemsOf(db: D1Database, plan: Plan, now: Date): Promise<Map<string, RedItem[]>> {
  const titles = new Map(plan.measures.map((m) => [m.id, m.title]));
  const out = new Map<string, RedItem[]>();
  for (const p of await pairViews(db, plan, await listUnits(db), now)) {
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

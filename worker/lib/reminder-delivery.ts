// Sends one announcement (逾期未报 list or 填报提醒) to every configured group robot (worker/lib/robots.ts), each with
// the units of its group, all robots at once: one that never answers (cut off after the timeout) or fails delays and
// blocks none of the others. Each (period, kind, robot) is claimed in D1 so none goes twice; a refused, failed or
// timed-out delivery is retried at the next hourly runs, up to MAX_DELIVERY_ATTEMPTS attempts (worker/db/reminders.ts).
import { claimDelivery, finishDelivery, type DeliveryKind, type PendingUnit } from '../db/reminders.ts';
import { reminderMessage, type RedItem } from './reminder-message.ts';
import { ROBOT_MESSAGES_PER_MINUTE, postUrl, robotAccepted, robotBody, webhooksOf, type Webhook } from './robots.ts';

/** How long one robot may take to answer (REMINDER_WEBHOOK_TIMEOUT_MS overrides) before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * A claim still 'sending' this long after it was made belongs to a run that stopped mid-delivery (a Worker restart):
 * the next run claims the same record again. Far past the webhook timeout and a cron invocation's 15-minute limit, so
 * a delivery still in flight is never claimed twice.
 */
export const STALE_CLAIM_MS = 15 * 60_000;

export interface Announcement {
  title: string;
  /** Header lines, given how many units this robot's group is told about. */
  lines: (count: number) => string[];
  units: PendingUnit[];
  behind?: ReadonlyMap<string, number>;
  /** Each unit's red pairs (预警 红), named under its line. */
  red?: ReadonlyMap<string, readonly RedItem[]>;
}

/** What became of this run's deliveries, by kind; `failedRobots` as "missing:villages". */
export interface DeliveryLog {
  sent: DeliveryKind[];
  skipped: DeliveryKind[];
  failed: DeliveryKind[];
  failedRobots: string[];
}

/** Messages sent to each robot in this run (robots cap 20 a minute; the rest wait for the next hourly run). */
export type RobotBudget = Map<string, number>;

/** One announcement's delivery: the plan and period it is about, and where its outcome is recorded. */
export interface Delivery {
  env: Cloudflare.Env;
  planId: string;
  period: string;
  kind: DeliveryKind;
  now: Date;
  log: DeliveryLog;
  budget: RobotBudget;
}

function webhookTimeoutMs(env: Cloudflare.Env): number {
  const ms = Number(env.REMINDER_WEBHOOK_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : WEBHOOK_TIMEOUT_MS;
}

function logFailure(d: Delivery, hook: Webhook): void {
  d.log.failed.push(d.kind);
  d.log.failedRobots.push(`${d.kind}:${hook.name}`);
}

export async function deliver(d: Delivery, a: Announcement): Promise<void> {
  await Promise.all(
    webhooksOf(d.env).map((hook) =>
      deliverTo(d, hook, a).catch((e: unknown) => {
        console.error('reminder delivery', d.planId, d.period, d.kind, hook.name, String(e));
        logFailure(d, hook);
      }),
    ),
  );
}

async function deliverTo(d: Delivery, hook: Webhook, a: Announcement): Promise<void> {
  const units = hook.units === 'all' ? a.units : a.units.filter((u) => u.kind === hook.units);
  const used = d.budget.get(hook.name) ?? 0;
  if (used >= ROBOT_MESSAGES_PER_MINUTE) return; // not claimed: the next run sends it
  const { env, planId, period, kind, now } = d;
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  if (!(await claimDelivery(env.DB, planId, period, kind, units.length, now.toISOString(), hook.name, staleBefore)))
    return;
  const finish = (state: 'sent' | 'failed' | 'skipped', status: number | null, detail: string) =>
    finishDelivery(env.DB, planId, period, kind, state, status, detail, hook.name);
  if (!units.length) {
    await finish('skipped', null, 'nothing to report');
    d.log.skipped.push(kind);
    return;
  }
  // Robots are served at once, each by its own call, so this robot's count is not touched by another's.
  d.budget.set(hook.name, used + 1);
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
    await finish(ok ? 'sent' : 'failed', res.status, text.slice(0, 500));
    if (ok) d.log.sent.push(kind);
    else logFailure(d, hook);
  } catch (e) {
    await finish('failed', null, String(e).slice(0, 500));
    logFailure(d, hook);
  }
}

// The hourly job (cron "0 * * * *", UTC), run for every active plan on that plan's schedule (a closed plan gets no
// flags and no reminders). Deadlines are computed in UTC+8 by core's calendars:
//  - once the previous period's deadline has passed: flag units with no report by then (idempotent) and send the
//    missing list once;
//  - within REMINDER_HOURS_BEFORE (default 48 h) of the open period's deadline: send one reminder listing units that
//    have not reported yet.
// Messages use the WeCom / DingTalk group-robot markdown shape. Deliveries are claimed in D1 so none goes twice.
import { calendarFor, cstDate, type Plan } from '../../core/index.ts';
import { listPlans } from '../db/plans.ts';
import { claimDelivery, finishDelivery, flagMissing, unitsWithoutReport, type DeliveryKind, type PendingUnit } from '../db/reminders.ts';

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
}

/** Group robots cap markdown content at 4096 bytes; keep well under it. */
const MAX_CONTENT_BYTES = 3800;

/** "2023-09-14 24:00": the exclusive deadline shown as the end of the due day, as people say it. */
const endOfDueDay = (deadline: Date) => `${cstDate(deadline.getTime() - 1)} 24:00`;

export function markdownMessage(title: string, lines: string[], units: PendingUnit[]): string {
  let content = `### ${title}\n${lines.join('\n')}\n`;
  const enc = new TextEncoder();
  for (let i = 0; i < units.length; i++) {
    const next = `- ${units[i]!.name}\n`;
    if (enc.encode(content + next).length > MAX_CONTENT_BYTES - 40) {
      content += `- ……等共 ${units.length} 个单位\n`;
      break;
    }
    content += next;
  }
  return JSON.stringify({ msgtype: 'markdown', markdown: { content } });
}

async function deliver(
  env: Cloudflare.Env, planId: string, period: string, kind: DeliveryKind, units: PendingUnit[], body: string, now: Date, out: JobOutcome,
): Promise<void> {
  const url = env.REMINDER_WEBHOOK_URL;
  if (!url) return;
  if (!(await claimDelivery(env.DB, planId, period, kind, units.length, now.toISOString()))) return;
  if (!units.length) {
    await finishDelivery(env.DB, planId, period, kind, 'skipped', null, 'nothing to report');
    out.skipped.push(kind);
    return;
  }
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const text = await res.text();
    // Robots answer 200 with {"errcode":0} on success and a non-zero errcode otherwise.
    let errcode = 0;
    try {
      errcode = Number((JSON.parse(text) as { errcode?: number }).errcode ?? 0);
    } catch {
      /* a non-JSON 2xx body counts as delivered */
    }
    const ok = res.ok && errcode === 0;
    await finishDelivery(env.DB, planId, period, kind, ok ? 'sent' : 'failed', res.status, text.slice(0, 500));
    (ok ? out.sent : out.failed).push(kind);
  } catch (e) {
    await finishDelivery(env.DB, planId, period, kind, 'failed', null, String(e).slice(0, 500));
    out.failed.push(kind);
  }
}

export async function runScheduledJob(env: Cloudflare.Env, now: Date): Promise<JobOutcome[]> {
  const out: JobOutcome[] = [];
  for (const plan of await listPlans(env.DB, 'active')) out.push(await runForPlan(env, plan, now));
  return out;
}

async function runForPlan(env: Cloudflare.Env, plan: Plan, now: Date): Promise<JobOutcome> {
  const cal = calendarFor(plan.schedule);
  const responsible = new Set(plan.measures.flatMap((m) => m.responsibleUnitIds));
  const open = cal.periodOf(now);
  const closed = cal.previous(open);
  const closedDeadline = cal.deadlineOf(closed);
  const out: JobOutcome = { planId: plan.id, missingPeriod: closed, newFlags: 0, catchUpFlags: 0, sent: [], skipped: [], failed: [] };
  const heading = (text: string) => (plan.docNumber ? `${text}（${plan.docNumber}）` : text);

  // Nothing before the plan's first period was ever due.
  if (closed >= plan.firstPeriod) {
    const missing = await unitsWithoutReport(env.DB, plan.id, responsible, closed, closedDeadline.toISOString());
    out.newFlags = await flagMissing(env.DB, plan.id, closed, missing.map((u) => u.id), now.toISOString());
    for (let i = 1, older = cal.previous(closed); i < CATCH_UP_PERIODS && older >= plan.firstPeriod; i++, older = cal.previous(older)) {
      const late = await unitsWithoutReport(env.DB, plan.id, responsible, older, cal.deadlineOf(older).toISOString());
      out.catchUpFlags += await flagMissing(env.DB, plan.id, older, late.map((u) => u.id), now.toISOString());
    }
    await deliver(env, plan.id, closed, 'missing', missing,
      markdownMessage(heading('整改进度逾期未报'), [`> ${plan.title}`, `> ${cal.label(closed)}`, `截止时间 ${endOfDueDay(closedDeadline)}（北京时间）已过，以下 ${missing.length} 个单位未报送：`], missing),
      now, out);
  }

  const hours = Number(env.REMINDER_HOURS_BEFORE || 48);
  const deadline = cal.deadlineOf(open);
  if (open >= plan.firstPeriod && deadline.getTime() - now.getTime() <= (Number.isFinite(hours) ? hours : 48) * 3_600_000) {
    const pending = await unitsWithoutReport(env.DB, plan.id, responsible, open, deadline.toISOString(), true);
    await deliver(env, plan.id, open, 'reminder', pending,
      markdownMessage(heading('整改进度填报提醒'), [`> ${plan.title}`, `> ${cal.label(open)}`, `请于 ${endOfDueDay(deadline)}（北京时间）前报送。尚未报送（含退回待重报）${pending.length} 个单位：`], pending),
      now, out);
  }
  return out;
}

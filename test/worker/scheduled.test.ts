// The hourly job: missing flags after a deadline (idempotent) and webhook messages exactly once, received by the
// real HTTP server of test/worker/webhook-receiver.ts on 127.0.0.1 (started by vitest.worker.config.ts). Periods
// are the demo plan's (from 2023-08-H1); the returned-report and catch-up tests use periods well after the others,
// so no other test's run catches up (flags) them first.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { halfMonthDeadline } from '../../core/calendar/half-month.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { listDeliveries, listMissingFlags } from '../../worker/db/reminders.ts';
import worker from '../../worker/index.ts';
import { runScheduledJob, type JobOutcome } from '../../worker/lib/reminders.ts';
import { DEMO_PLAN_ID, DEMO_UNITS } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const HOUR = 3_600_000;

/** As recorded by webhook-receiver.ts (a Node module, so not imported here). */
interface ReceivedMessage {
  path: string;
  body: string;
}
const UNITS = DEMO_UNITS;
const REPORTER = 'v-banlie';
let reporter: TestToken;

/** Runs the Worker's scheduled handler as the Cron Trigger would at `at`. */
async function cronAt(at: string | number): Promise<void> {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '0 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** The job's outcome for the demo plan, the only plan in this file's D1. */
async function runJob(e: Cloudflare.Env, at: string | number): Promise<JobOutcome> {
  const outcomes = await runScheduledJob(e, new Date(at));
  expect(outcomes.map((o) => o.planId)).toEqual([DEMO_PLAN_ID]);
  return outcomes[0]!;
}

const flagsOf = (period: string) => listMissingFlags(env.DB, DEMO_PLAN_ID, period);
const deliveriesOf = (period: string) => listDeliveries(env.DB, DEMO_PLAN_ID, period);

async function messagesAbout(period: string, title: string): Promise<{ path: string; content: string }[]> {
  const all = (await (await fetch(`${env.WEBHOOK_RECEIVER_URL}/received`)).json()) as ReceivedMessage[];
  return all
    .filter((m) => m.path.startsWith('/hook')) // test/worker/robots.test.ts posts to the same receiver
    .map((m) => ({
      path: m.path,
      content: (JSON.parse(m.body) as { msgtype: string; markdown: { content: string } }).markdown.content,
    }))
    .filter((m) => m.content.includes(periodLabel(period)) && m.content.includes(title));
}

describe('scheduled job', () => {
  beforeAll(async () => {
    reporter = await makeToken('unit', REPORTER);
  });

  it('flags units with no report when the deadline passes, once however often it runs', async () => {
    const period = '2023-09-H1';
    await submit(reporter.token, submissionFor(REPORTER, period), { now: aroundDeadline(period, -HOUR) });
    await cronAt(halfMonthDeadline(period).getTime()); // 16:00 UTC = 00:00 Beijing, the first hourly run after the deadline
    const flags = await flagsOf(period);
    expect(flags.map((f) => f.unitId).sort()).toEqual(
      UNITS.map((u) => u.id)
        .filter((id) => id !== REPORTER)
        .sort(),
    );
    await cronAt(aroundDeadline(period, 0));
    await cronAt(aroundDeadline(period, HOUR));
    expect(await flagsOf(period)).toEqual(flags);
    const second = await runJob(env, aroundDeadline(period, 2 * HOUR));
    expect(second.newFlags).toBe(0);
  });

  it('flags a unit that only reports after the deadline, whose report counts as late', async () => {
    const period = '2023-09-H2';
    const late = await makeToken('unit', 'o-projects');
    await submit(late.token, submissionFor('o-projects', period), { now: aroundDeadline(period, 30 * 60_000) });
    await cronAt(aroundDeadline(period, HOUR));
    expect((await flagsOf(period)).some((f) => f.unitId === 'o-projects')).toBe(true);
  });

  it('posts the missing list once, in group-robot markdown, naming only units that did not report', async () => {
    const period = '2023-09-H1';
    const msgs = await messagesAbout(period, '逾期未报');
    expect(msgs).toHaveLength(1);
    const { content } = msgs[0]!;
    expect(msgs[0]!.path).toBe('/hook');
    expect(content).toContain('2023-09-14 24:00');
    for (const u of UNITS) expect(new RegExp(`^- ${u.name}[（：\\n]`, 'm').test(content)).toBe(u.id !== REPORTER);
    // Each unit with its contact, and how many due periods (2023-08-H1 … 2023-09-H1) it has not reported.
    expect(content).toContain('- 丁来村：累计 3 期未报\n');
    expect(content).toContain('- 乡村振兴办（罗正强 18088387949）：累计 3 期未报\n');
    expect(await deliveriesOf(period)).toEqual([
      expect.objectContaining({ kind: 'missing', status: 'sent', unitCount: UNITS.length - 1, attempts: 1 }),
    ]);
  });

  it('sends one reminder within 48 hours of the deadline listing units not yet reported', async () => {
    const period = '2023-10-H1';
    await cronAt(aroundDeadline(period, -49 * HOUR));
    expect(await messagesAbout(period, '填报提醒')).toHaveLength(0);
    await submit(reporter.token, submissionFor(REPORTER, period), { now: aroundDeadline(period, -48 * HOUR) });
    await cronAt(aroundDeadline(period, -47 * HOUR));
    await cronAt(aroundDeadline(period, -46 * HOUR));
    await cronAt(aroundDeadline(period, -HOUR));
    const msgs = await messagesAbout(period, '填报提醒');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.content).toContain(`尚未报送（含退回待重报）${UNITS.length - 1} 个单位`);
    expect(msgs[0]!.content).not.toContain(`- ${UNITS.find((u) => u.id === REPORTER)!.name}\n`);
  });

  it('reminds a unit whose report was returned (退回) but does not flag it missing at the deadline', async () => {
    const period = '2024-06-H1';
    const unit = await makeToken('unit', 'o-finance');
    const supervisor = await makeToken('supervisor');
    const res = await submit(unit.token, submissionFor('o-finance', period), {
      now: aroundDeadline(period, -72 * HOUR),
    });
    const { reportId } = (await res.json()) as { reportId: string };
    const returned = await call(`/reports/${reportId}/return`, {
      token: supervisor.token,
      body: { reason: '数据不实' },
      now: aroundDeadline(period, -60 * HOUR),
    });
    expect(returned.status).toBe(200);
    await cronAt(aroundDeadline(period, -HOUR));
    const [reminder] = await messagesAbout(period, '填报提醒');
    expect(reminder!.content).toContain('- 财政所\n');
    await cronAt(aroundDeadline(period, HOUR));
    expect((await flagsOf(period)).some((f) => f.unitId === 'o-finance')).toBe(false);
  });

  it('honours REMINDER_HOURS_BEFORE', async () => {
    const period = '2023-11-H1';
    await runJob({ ...env, REMINDER_HOURS_BEFORE: '12' }, aroundDeadline(period, -13 * HOUR));
    expect(await messagesAbout(period, '填报提醒')).toHaveLength(0);
    await runJob({ ...env, REMINDER_HOURS_BEFORE: '12' }, aroundDeadline(period, -11 * HOUR));
    expect(await messagesAbout(period, '填报提醒')).toHaveLength(1);
  });

  it('records a refused delivery as failed and retries it on the next run', async () => {
    const period = '2023-12-H1';
    const failing = { ...env, REMINDER_WEBHOOK_URL: `${env.WEBHOOK_RECEIVER_URL}/hook-fail` };
    const first = await runJob(failing, aroundDeadline(period, -HOUR));
    // Both this period's reminder and the previous period's missing list were refused.
    expect(first.failed).toEqual(['missing', 'reminder']);
    expect((await deliveriesOf(period))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    const retry = await runJob(env, aroundDeadline(period, -HOUR / 2));
    expect(retry.sent).toEqual(['missing', 'reminder']);
    expect((await deliveriesOf(period))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await messagesAbout(period, '填报提醒')).toHaveLength(2); // one refused, one accepted
  });

  it('still flags missing units but sends and records nothing without a webhook URL', async () => {
    const period = '2024-01-H1';
    const out = await runJob({ ...env, REMINDER_WEBHOOK_URL: undefined }, aroundDeadline(period, HOUR));
    expect(out.newFlags).toBe(UNITS.length);
    expect(await deliveriesOf(period)).toEqual([]);
    expect(await messagesAbout(period, '逾期未报')).toHaveLength(0);
  });

  it('catches up on a half-month the job never ran for: flags it, announces only the newest closed period', async () => {
    const skipped = '2024-09-H1';
    const newest = '2024-09-H2';
    // The job was down from before 2024-09-H1's deadline until after 2024-09-H2's.
    const out = await runJob(env, aroundDeadline(newest, HOUR));
    expect(out.missingPeriod).toBe(newest);
    expect((await flagsOf(skipped)).map((f) => f.unitId).sort()).toEqual(UNITS.map((u) => u.id).sort());
    expect(out.catchUpFlags).toBeGreaterThanOrEqual(UNITS.length);
    expect(await messagesAbout(newest, '逾期未报')).toHaveLength(1);
    expect(await messagesAbout(skipped, '逾期未报')).toHaveLength(0);
    const again = await runJob(env, aroundDeadline(newest, 2 * HOUR));
    expect([again.newFlags, again.catchUpFlags]).toEqual([0, 0]);
  });

  it("flags and announces nothing for periods before the plan's first period", async () => {
    // 2023-07-H2 closes before the demo plan's first period (2023-08-H1): nothing was due then.
    const before = await runJob(env, aroundDeadline('2023-07-H2', HOUR));
    expect(before).toMatchObject({ missingPeriod: '2023-07-H2', newFlags: 0, catchUpFlags: 0, sent: [], failed: [] });
    expect(await flagsOf('2023-07-H2')).toEqual([]);
    expect(await deliveriesOf('2023-07-H2')).toEqual([]);
    // The first period closing flags it, and catches up nothing older.
    const first = await runJob(env, aroundDeadline('2023-08-H1', HOUR));
    expect(first.missingPeriod).toBe('2023-08-H1');
    for (const p of ['2023-07-H2', '2023-07-H1', '2023-06-H2']) expect(await flagsOf(p)).toEqual([]);
  });
});

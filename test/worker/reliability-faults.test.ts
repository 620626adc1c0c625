// Faults inside workerd with the real local D1. A statement failing in the middle of a submission's batch (forced
// with a SQLite trigger) must leave nothing behind, and a retry with the same Idempotency-Key must then store it
// once. The hourly job run repeatedly, or hours/days late, must flag and message each period once.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { halfMonthDeadline } from '../../core/calendar/half-month.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { listMissingFlags } from '../../worker/db/reminders.ts';
import worker from '../../worker/index.ts';
import { DEMO_PLAN_ID, DEMO_UNITS } from '../fixtures/demo-plan.ts';
import { aroundDeadline, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const UNIT = 'v-gongsa';
const HOUR = 3_600_000;
let token: TestToken;

async function stored(period: string) {
  const n = (sql: string) =>
    env.DB.prepare(sql)
      .bind(period, UNIT)
      .first<{ n: number }>()
      .then((r) => r!.n);
  return {
    reports: await n('SELECT COUNT(*) AS n FROM reports WHERE period = ? AND unit_id = ?'),
    rows: await n(
      'SELECT COUNT(*) AS n FROM report_rows WHERE report_id IN (SELECT id FROM reports WHERE period = ? AND unit_id = ?)',
    ),
    heads: await n('SELECT COUNT(*) AS n FROM report_heads WHERE period = ? AND unit_id = ?'),
  };
}

/** Makes every INSERT into `table` (optionally only rows matching `when`) fail, as a D1 error mid-batch would. */
async function breakInserts(table: string, when = '1'): Promise<void> {
  await env.DB.prepare(
    `CREATE TRIGGER injected_fault BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected D1 fault'); END`,
  ).run();
}

afterEach(async () => {
  await env.DB.prepare('DROP TRIGGER IF EXISTS injected_fault').run();
});

describe('D1 failure during a submission', () => {
  beforeAll(async () => {
    token = await makeToken('unit', UNIT);
  });

  it('stores nothing when the last statement of the batch fails, and a retry with the same key stores it once', async () => {
    const period = '2025-08-H1';
    const now = aroundDeadline(period, -HOUR);
    const key = crypto.randomUUID();
    await breakInserts('report_heads');
    const failed = await submit(token.token, submissionFor(UNIT, period), { key, now });
    expect(failed.status).toBe(500);
    expect((await errorOf(failed)).code).toBe('internal');
    expect(await stored(period)).toEqual({ reports: 0, rows: 0, heads: 0 });

    await env.DB.prepare('DROP TRIGGER injected_fault').run();
    const retry = await submit(token.token, submissionFor(UNIT, period), { key, now });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull();
    expect(((await retry.json()) as { revision: number }).revision).toBe(1);
    const n = submissionFor(UNIT, period).rows.length;
    expect(await stored(period)).toEqual({ reports: 1, rows: n, heads: 1 });
  });

  it('keeps the earlier revision current when a resubmission fails half-way through its rows', async () => {
    const period = '2025-08-H2';
    const now = aroundDeadline(period, -HOUR);
    expect((await submit(token.token, submissionFor(UNIT, period, '甲'), { now })).status).toBe(201);
    const before = await stored(period);
    await breakInserts('report_rows', 'NEW.idx = 1');
    const failed = await submit(token.token, submissionFor(UNIT, period, '乙'), { now });
    expect(failed.status).toBe(500);
    expect(await stored(period)).toEqual(before);
    const head = await env.DB.prepare('SELECT revision FROM report_heads WHERE period = ? AND unit_id = ?')
      .bind(period, UNIT)
      .first<{ revision: number }>();
    expect(head!.revision).toBe(1);
  });
});

/** Runs the Worker's scheduled handler as the Cron Trigger would at `at`. */
async function cronAt(at: number): Promise<void> {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '0 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function messages(period: string, title: string): Promise<number> {
  const all = (await (await fetch(`${env.WEBHOOK_RECEIVER_URL}/received`)).json()) as { body: string }[];
  return all.filter((m) => {
    const content = (JSON.parse(m.body) as { markdown?: { content?: string } }).markdown?.content ?? '';
    return content.includes(periodLabel(period)) && content.includes(title);
  }).length;
}

const snapshot = async (period: string) =>
  env.DB.prepare('SELECT period, kind, status, attempts FROM reminder_deliveries WHERE period = ? ORDER BY kind')
    .bind(period)
    .all()
    .then((r) => r.results);

// The webhook receiver is shared by every test file, which all count messages by period: these periods are no other
// file's (scheduled.test.ts uses 2023–2024).
describe('scheduled job run repeatedly or late', () => {
  it('changes nothing the second time however often it runs in the same hour or the hours after', async () => {
    const period = '2025-05-H1';
    const deadline = halfMonthDeadline(period).getTime();
    await cronAt(deadline);
    const flags = await listMissingFlags(env.DB, DEMO_PLAN_ID, period);
    const deliveries = await snapshot(period);
    expect(flags).toHaveLength(DEMO_UNITS.length);
    for (const at of [deadline, deadline + 1, deadline + HOUR, deadline + 2 * HOUR, deadline + 24 * HOUR])
      await cronAt(at);
    expect(await listMissingFlags(env.DB, DEMO_PLAN_ID, period)).toEqual(flags);
    expect(await snapshot(period)).toEqual(deliveries);
    expect(await messages(period, '逾期未报')).toBe(1);
  });

  it('run days late, flags only units with nothing before the deadline — a late report still counts as missing — once', async () => {
    const period = '2025-05-H2';
    const deadline = halfMonthDeadline(period).getTime();
    const onTime = await makeToken('unit', 'o-finance');
    const late = await makeToken('unit', 'o-water');
    expect(
      (await submit(onTime.token, submissionFor('o-finance', period), { now: aroundDeadline(period, -HOUR) })).status,
    ).toBe(201);
    expect(
      (await submit(late.token, submissionFor('o-water', period), { now: aroundDeadline(period, 2 * HOUR) })).status,
    ).toBe(201);
    const lateRun = deadline + 3 * 24 * HOUR; // the hourly runs in between never happened
    await cronAt(lateRun);
    const flagged = (await listMissingFlags(env.DB, DEMO_PLAN_ID, period)).map((f) => f.unitId);
    expect(flagged).toContain('o-water');
    expect(flagged).not.toContain('o-finance');
    expect(flagged).toHaveLength(DEMO_UNITS.length - 1);
    await cronAt(lateRun);
    await cronAt(lateRun + HOUR);
    expect((await listMissingFlags(env.DB, DEMO_PLAN_ID, period)).map((f) => f.unitId)).toEqual(flagged);
    expect(await messages(period, '逾期未报')).toBe(1);
  });

  it('sends the pre-deadline reminder once however many hourly runs fall inside the window', async () => {
    const period = '2025-06-H1';
    const deadline = halfMonthDeadline(period).getTime();
    for (let h = 47; h >= 1; h -= 6) await cronAt(deadline - h * HOUR);
    await cronAt(deadline - HOUR);
    expect(await messages(period, '填报提醒')).toBe(1);
  });
});

// Reminder deliveries when a robot misbehaves, inside workerd against the real HTTP receiver (webhook-receiver.ts):
// a robot that never answers is cut off after the timeout and blocks no other group; a delivery left 'sending' by a
// run that stopped (a Worker restart) is sent again by a later run, on the same record.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { claimDelivery, listDeliveries } from '../../worker/db/reminders.ts';
import { runScheduledJob } from '../../worker/lib/reminders.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { aroundDeadline } from './helpers.ts';

const R = env.WEBHOOK_RECEIVER_URL!;
const HOUR = 3_600_000;

const robots = (hooks: object[], timeoutMs = '1000'): Cloudflare.Env => ({
  ...env,
  REMINDER_WEBHOOK_URL: undefined,
  REMINDER_WEBHOOKS: JSON.stringify(hooks),
  REMINDER_WEBHOOK_TIMEOUT_MS: timeoutMs,
});

async function receivedAt(prefix: string): Promise<{ path: string }[]> {
  return ((await (await fetch(`${R}/received`)).json()) as { path: string }[]).filter((m) => m.path.startsWith(prefix));
}

const deliveries = async (period: string) =>
  (await listDeliveries(env.DB, DEMO_PLAN_ID, period)).filter((d) => d.kind === 'missing');

describe('webhook deliveries', () => {
  it('cuts off a robot that never answers after the timeout, marks it failed, and still delivers to the other group in the same run', async () => {
    const period = '2024-05-H1';
    const e = robots([
      { name: 'hangs', url: `${R}/hook-hang/one` },
      { name: 'answers', url: `${R}/hook/answers` },
    ]);
    const started = Date.now();
    const [out] = await runScheduledJob(e, new Date(aroundDeadline(period, HOUR)));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(out!.failedRobots).toEqual(['missing:hangs']);
    expect(out!.sent).toEqual(['missing']);
    expect(await receivedAt('/hook-hang/one')).toHaveLength(1);
    expect(await receivedAt('/hook/answers')).toHaveLength(1);
    const rows = await deliveries(period);
    expect(rows.map((d) => [d.channel, d.status])).toEqual([
      ['answers', 'sent'],
      ['hangs', 'failed'],
    ]);
  });

  it('sends again, on the same record, a delivery a stopped run left sending past the timeout', async () => {
    const period = '2024-05-H2';
    const runAt = new Date(aroundDeadline(period, 2 * HOUR));
    // The run an hour earlier claimed it and never finished (the Worker restarted mid-request).
    expect(
      await claimDelivery(
        env.DB,
        DEMO_PLAN_ID,
        period,
        'missing',
        3,
        new Date(runAt.getTime() - HOUR).toISOString(),
        'stuck',
      ),
    ).toBe(true);
    const [out] = await runScheduledJob(robots([{ name: 'stuck', url: `${R}/hook/stuck` }]), runAt);
    expect(out!.sent).toEqual(['missing']);
    expect(await receivedAt('/hook/stuck')).toHaveLength(1);
    expect((await deliveries(period)).map((d) => [d.channel, d.status, d.attempts])).toEqual([['stuck', 'sent', 2]]);
  });

  it('leaves a delivery claimed moments ago alone (it may still be in flight)', async () => {
    const period = '2024-06-H1';
    const runAt = new Date(aroundDeadline(period, 2 * HOUR));
    expect(
      await claimDelivery(
        env.DB,
        DEMO_PLAN_ID,
        period,
        'missing',
        3,
        new Date(runAt.getTime() - 60_000).toISOString(),
        'busy',
      ),
    ).toBe(true);
    const [out] = await runScheduledJob(robots([{ name: 'busy', url: `${R}/hook/busy` }]), runAt);
    expect(out!.sent).toEqual([]);
    expect(await receivedAt('/hook/busy')).toHaveLength(0);
    expect((await deliveries(period)).map((d) => [d.channel, d.status, d.attempts])).toEqual([['busy', 'sending', 1]]);
  });
});

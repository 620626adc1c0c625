// Reminders that reach both group robots, against the real HTTP stand-in of test/worker/webhook-receiver.ts, which
// checks each robot's documented message shape and DingTalk's 加签 and answers their documented error codes
// (test/worker/robot-rules.ts). Several robots (villages → DingTalk, offices → WeCom), contacts and @phones,
// periods behind, bounded retries, and the 20-messages-a-minute cap.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries, MAX_DELIVERY_ATTEMPTS } from '../../worker/db/reminders.ts';
import { runScheduledJob } from '../../worker/lib/reminders.ts';
import { robotOf, webhooksOf } from '../../worker/lib/robots.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { aroundDeadline, makeToken, submissionFor, submit } from './helpers.ts';

const HOUR = 3_600_000;
const R = env.WEBHOOK_RECEIVER_URL!;

interface Received {
  path: string;
  body: string;
  answer: { errcode: number; errmsg: string };
}

async function receivedAt(prefix: string): Promise<Received[]> {
  const all = (await (await fetch(`${R}/received`)).json()) as Received[];
  return all.filter((m) => m.path.startsWith(prefix));
}

const robots = (hooks: object[]): Cloudflare.Env => ({
  ...env,
  REMINDER_WEBHOOK_URL: undefined,
  REMINDER_WEBHOOKS: JSON.stringify(hooks),
});

describe('reminder robots', () => {
  beforeAll(async () => {
    await env.DB.prepare(
      "UPDATE units SET contact_name = '岩帅', contact_phone = '139 0000 1111' WHERE id = 'v-dinglai'",
    ).run();
    await env.DB.prepare(
      "UPDATE units SET contact_name = '李会计', contact_phone = '0883-7123456' WHERE id = 'o-finance'",
    ).run();
  });

  it('chooses DingTalk from the host oapi.dingtalk.com and WeCom otherwise, reading the one-robot secrets too', () => {
    expect(robotOf('https://oapi.dingtalk.com/robot/send?access_token=x')).toBe('dingtalk');
    expect(robotOf('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')).toBe('wecom');
    expect(
      webhooksOf({
        ...env,
        REMINDER_WEBHOOKS: undefined,
        REMINDER_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        REMINDER_WEBHOOK_SECRET: 'SECx',
      }),
    ).toEqual([
      {
        name: 'default',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        secret: 'SECx',
        robot: 'dingtalk',
        units: 'all',
      },
    ]);
    expect(webhooksOf({ ...env, REMINDER_WEBHOOKS: '[{"name":"x","url":"ftp://nope"}]' })).toEqual([]);
    expect(webhooksOf({ ...env, REMINDER_WEBHOOKS: 'not json' })).toEqual([]);
  });

  it('sends villages to a signed DingTalk robot and offices to WeCom, each unit with its contact, @phone and periods behind', async () => {
    const period = '2023-09-H1';
    const reporter = await makeToken('unit', 'v-banlie');
    await submit(reporter.token, submissionFor('v-banlie', '2023-08-H2'), { now: aroundDeadline('2023-08-H2', -HOUR) });
    const e = robots([
      {
        name: 'villages',
        url: `${R}/dingtalk/villages?access_token=signed-v1`,
        secret: 'SECsigned-v1',
        robot: 'dingtalk',
        units: 'village',
      },
      { name: 'offices', url: `${R}/wecom/offices?key=k-offices`, units: 'office' },
    ]);
    const [out] = await runScheduledJob(e, new Date(aroundDeadline(period, HOUR)));
    expect(out!.failedRobots).toEqual([]);
    const [ding] = await receivedAt('/dingtalk/villages');
    expect(ding!.answer).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(ding!.path).toMatch(/[?&]timestamp=\d{13}&sign=[A-Za-z0-9%]+$/);
    const msg = JSON.parse(ding!.body) as {
      msgtype: string;
      markdown: { title: string; text: string };
      at: { atMobiles: string[] };
    };
    expect(msg.markdown.title).toBe('整改进度逾期未报（勐发〔2023〕85号）');
    expect(msg.markdown.text).toContain('- 丁来村 岩帅 @13900001111：累计 3 期未报\n');
    expect(msg.markdown.text).toContain('- 班列村：累计 2 期未报\n');
    expect(msg.markdown.text).not.toContain('财政所');
    expect(msg.at.atMobiles).toEqual(['13900001111']);
    const [wecom] = await receivedAt('/wecom/offices');
    expect(wecom!.answer.errcode).toBe(0);
    const content = (JSON.parse(wecom!.body) as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('- 乡村振兴办（罗正强 18088387949）：累计 3 期未报\n');
    expect(content).toContain('- 财政所（李会计 0883-7123456）：累计 3 期未报\n');
    expect(content).not.toContain('丁来村');
    expect(content).toContain('以下 13 个单位未报送：');
    expect(msg.markdown.text).toContain('以下 9 个单位未报送：');
    expect(await listDeliveries(env.DB, DEMO_PLAN_ID, period)).toEqual([
      expect.objectContaining({ kind: 'missing', channel: 'offices', status: 'sent', attempts: 1, unitCount: 13 }),
      expect.objectContaining({ kind: 'missing', channel: 'villages', status: 'sent', attempts: 1, unitCount: 9 }),
    ]);
  });

  it('retries a delivery the robot refused (wrong 加签) at the next hourly runs, and stops after a bounded number of attempts', async () => {
    const period = '2023-10-H1';
    const e = robots([
      {
        name: 'wrong-sign',
        url: `${R}/dingtalk/wrong?access_token=signed-w1`,
        secret: 'SECnot-the-secret',
        robot: 'dingtalk',
      },
    ]);
    for (let i = 1; i <= MAX_DELIVERY_ATTEMPTS + 2; i++)
      await runScheduledJob(e, new Date(aroundDeadline(period, i * HOUR)));
    const got = await receivedAt('/dingtalk/wrong');
    const missing = got.filter((m) => m.body.includes('逾期未报'));
    expect(missing).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    expect(missing.every((m) => m.answer.errcode === 310000 && m.answer.errmsg === 'sign not match')).toBe(true);
    expect((await listDeliveries(env.DB, DEMO_PLAN_ID, period)).find((d) => d.kind === 'missing')).toMatchObject({
      status: 'failed',
      attempts: MAX_DELIVERY_ATTEMPTS,
      responseStatus: 200,
    });
  });

  it('delivers on a later run once a refusing robot is fixed', async () => {
    const period = '2023-11-H1';
    await runScheduledJob(
      robots([{ name: 'flaky', url: `${R}/wecom/flaky?key=bad` }]),
      new Date(aroundDeadline(period, HOUR)),
    );
    expect((await receivedAt('/wecom/flaky?key=bad'))[0]!.answer.errcode).toBe(93000);
    const [out] = await runScheduledJob(
      robots([{ name: 'flaky', url: `${R}/wecom/flaky?key=fixed` }]),
      new Date(aroundDeadline(period, 2 * HOUR)),
    );
    expect(out!.sent).toEqual(['missing']);
    expect((await listDeliveries(env.DB, DEMO_PLAN_ID, period))[0]).toMatchObject({
      channel: 'flaky',
      status: 'sent',
      attempts: 2,
    });
  });

  it('sends at most 20 messages to one robot in a run and the rest at the next run, never answered "too fast"', async () => {
    // Eleven more active copies of the demo plan: 12 plans × (missing list + reminder) = 24 messages for one robot.
    for (let i = 1; i <= 11; i++) {
      await env.DB.prepare(
        `INSERT INTO plans (id, title, doc_number, schedule, first_period, status, body, version, created_at, updated_at)
         SELECT ?, title || ?, doc_number, schedule, first_period, status, body, 1, created_at, updated_at FROM plans WHERE id = ?`,
      )
        .bind(`copy-${i}`, ` 副本${i}`, DEMO_PLAN_ID)
        .run();
    }
    const e = robots([{ name: 'busy', url: `${R}/dingtalk/busy?access_token=busy-1`, robot: 'dingtalk' }]);
    // Within 48 h of 2024-03-H1's deadline and after 2024-02-H2's: both a missing list and a reminder are due.
    const at = aroundDeadline('2024-03-H1', -24 * HOUR);
    await fetch(`${R}/minute-passed`, { method: 'POST' });
    await runScheduledJob(e, new Date(at));
    expect(await receivedAt('/dingtalk/busy')).toHaveLength(20);
    await fetch(`${R}/minute-passed`, { method: 'POST' });
    await runScheduledJob(e, new Date(Date.parse(at) + HOUR));
    const all = await receivedAt('/dingtalk/busy');
    expect(all).toHaveLength(24);
    expect(all.every((m) => m.answer.errcode === 0)).toBe(true);
  });

  it('is answered "too fast" (130101) by a robot sent more than 20 messages a minute, and retries those later', async () => {
    const e = robots([{ name: 'burst', url: `${R}/dingtalk/burst?access_token=burst-1`, robot: 'dingtalk' }]);
    const at = aroundDeadline('2024-04-H1', -24 * HOUR);
    await fetch(`${R}/minute-passed`, { method: 'POST' });
    await runScheduledJob(e, new Date(at));
    await runScheduledJob(e, new Date(Date.parse(at) + 10 * 60_000)); // the same real minute: the robot refuses
    const refused = (await receivedAt('/dingtalk/burst')).filter((m) => m.answer.errcode === 130101);
    expect(refused).toHaveLength(4);
    await fetch(`${R}/minute-passed`, { method: 'POST' });
    const outs = await runScheduledJob(e, new Date(Date.parse(at) + HOUR));
    expect(outs.flatMap((o) => o.sent)).toHaveLength(4);
  });
});

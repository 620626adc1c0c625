// Reminders name the red items: under each unit the robot is told about, its 红色预警 pairs by measure id (three, the
// rest counted), and one closing line with those measures' short titles. The job runs inside workerd against the real
// D1 and posts to the real HTTP receiver (test/worker/webhook-receiver.ts) on a path of this file's own.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { runScheduledJob } from '../../worker/lib/reminders.ts';
import { reminderMessage, RED_ITEMS_SHOWN } from '../../worker/lib/reminder-message.ts';
import { demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { aroundDeadline, makeToken, submissionFor, submit } from './helpers.ts';

const HOUR = 3_600_000;
// Every dated part of the demo plan (2023-08-31, 2023-10-31) has passed by this period's reminder.
const PERIOD = '2023-11-H1';
const PHASED = 'v-minliang'; // reported 阶段性成效 for every measure in the previous period: nothing red
const SILENT = 'v-yongan'; // never reported: every pair red
const PATH = '/hook/red-items';

async function reminderText(): Promise<string> {
  const all = (await (await fetch(`${env.WEBHOOK_RECEIVER_URL}/received`)).json()) as { path: string; body: string }[];
  const mine = all
    .filter((m) => m.path === PATH)
    .map((m) => (JSON.parse(m.body) as { markdown: { content: string } }).markdown.content)
    .filter((c) => c.includes('填报提醒') && c.includes(periodLabel(PERIOD)));
  expect(mine).toHaveLength(1);
  return mine[0]!;
}

describe('reminder messages with red items', () => {
  beforeAll(async () => {
    const t = await makeToken('unit', PHASED);
    const s = submissionFor(PHASED, '2023-10-H2');
    s.rows = s.rows.map((r) => ({ ...r, status: 'phased' as const }));
    expect((await submit(t.token, s, { now: aroundDeadline('2023-10-H2', -HOUR) })).status).toBe(201);
    await runScheduledJob(
      { ...env, REMINDER_WEBHOOK_URL: `${env.WEBHOOK_RECEIVER_URL}${PATH}` },
      new Date(aroundDeadline(PERIOD, -HOUR)),
    );
  });

  it('lists the first three red measures under a unit that never reported, and counts the rest', async () => {
    const text = await reminderText();
    const count = demoMeasuresFor(SILENT).length;
    expect(count).toBeGreaterThan(RED_ITEMS_SHOWN);
    expect(text).toMatch(new RegExp(`^- 永安村[^\\n]*\\n  红色预警：1-1、1-2、1-3 等 ${count} 项\\n`, 'm'));
  });

  it('adds no red line under a unit whose long-term measures reached 阶段性成效', async () => {
    const text = await reminderText();
    expect(text).toMatch(/^- 民良村[^\n]*\n- /m);
  });

  it('closes with the named measures and their short titles', async () => {
    const text = await reminderText();
    expect(text).toContain('> 红色预警措施：1-1 加强驻村工作队员管理；1-2 提升驻村帮扶能力；');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^> 红色预警措施：/);
  });

  it('stays within the robot size limit with hundreds of units, each with many red items', () => {
    const units = Array.from({ length: 300 }, (_, i) => ({
      id: `u${i}`,
      name: `压测单位${i}`,
      kind: 'village' as const,
      contactName: '张三',
      contactPhone: '13800000000',
    }));
    const items = Array.from({ length: 13 }, (_, i) => ({
      measureId: `9-${i + 1}`,
      title: '一条很长很长的措施标题'.repeat(3),
    }));
    const msg = reminderMessage(
      'wecom',
      '整改进度填报提醒',
      (n) => [`${n} 个单位：`],
      units,
      undefined,
      new Map(units.map((u) => [u.id, items])),
    );
    expect(new TextEncoder().encode(msg.markdown).length).toBeLessThanOrEqual(3800);
    expect(msg.markdown).toContain('- ……等共 300 个单位');
    expect(msg.markdown).toContain('  红色预警：9-1、9-2、9-3 等 13 项\n');
    expect(msg.markdown).toContain('> 红色预警措施：9-1 一条很长很长的措施标题一…；9-2 ');
  });
});

// A second plan beside the seeded 2023 one: published through the API (monthly by the 25th, 2 problems, 3 measures,
// responsible units written with aliases), filed against by its units, summarised, flagged missing after its
// deadline and reminded before it — inside workerd with the real D1 and the real webhook receiver.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Receipt, Submission } from '../../core/schemas/submission.ts';
import type { Summary } from '../../core/schemas/api.ts';
import { listMissingFlags } from '../../worker/db/reminders.ts';
import { runScheduledJob } from '../../worker/lib/reminders.ts';
import { DEMO_PLAN_ID, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { call, errorOf, makeToken, submit, type TestToken } from './helpers.ts';

const AUDIT_PLAN = {
  title: '勐来乡2024年审计反馈问题整改方案',
  docNumber: '勐发〔2024〕12号',
  schedule: { kind: 'monthly', day: 25 },
  firstPeriod: '2024-01',
  problems: [
    { id: '1', title: '项目资金拨付滞后' },
    { id: '2', title: '林下经济项目验收不及时', detail: '2023年林下经济项目有3个未按期验收。' },
  ],
  measures: [
    {
      id: '1-1',
      problemId: '1',
      title: '加快资金拨付',
      lead: '赵勇',
      responsibleUnits: '乡财政所、丁来村委会',
      deadline: '2024年3月底前',
      dataHint: '计划资金与已拨付（万元）',
    },
    {
      id: '1-2',
      problemId: '1',
      title: '建立拨付台账',
      lead: '赵勇',
      responsibleUnits: '各行政村',
      deadline: '立行立改，长期坚持',
    },
    {
      id: '2-1',
      problemId: '2',
      title: '组织项目验收',
      text: '对2023年林下经济项目逐个组织验收，形成验收报告。',
      lead: '何金勇',
      responsibleUnits: '林草服务中心，财政所',
      deadline: '2024年上半年',
    },
  ],
};
const VILLAGES = [
  'v-minliang',
  'v-yongan',
  'v-dinglai',
  'v-gongnong',
  'v-yingge',
  'v-banlie',
  'v-menglai',
  'v-gongsa',
  'v-manlai',
];
const FEB_20 = '2024-02-20T04:00:00Z';

let supervisor: TestToken;
let dinglai: TestToken;
let plan: Plan;

function auditReport(measureIds: string[], period: string, extra: Partial<Submission> = {}): Submission {
  return {
    planId: plan.id,
    period,
    signer: '岩块',
    rows: measureIds.map((id) => ({
      measureId: id,
      status: 'ongoing',
      progress: `本月拨付资金12万元，建立台账1本（措施${id}）。`,
    })),
    ...extra,
  };
}

async function publish(body: unknown): Promise<Response> {
  return call('/plans', { token: supervisor.token, body, now: '2024-01-10T02:00:00Z' });
}

describe('a second plan beside the 2023 plan', () => {
  beforeAll(async () => {
    supervisor = await makeToken('supervisor');
    dinglai = await makeToken('unit', 'v-dinglai');
    const res = await publish(AUDIT_PLAN);
    expect(res.status).toBe(201);
    plan = (await res.json()) as Plan;
  });

  it('stores the published plan with units resolved from aliases and deadlines parsed', () => {
    expect(plan).toMatchObject({
      title: AUDIT_PLAN.title,
      docNumber: '勐发〔2024〕12号',
      schedule: { kind: 'monthly', day: 25 },
      firstPeriod: '2024-01',
      status: 'active',
    });
    const [m11, m12, m21] = plan.measures;
    expect(m11!.responsibleUnitIds).toEqual(['o-finance', 'v-dinglai']);
    expect(m11!.deadline).toEqual({ date: '2024-03-31', longTerm: false });
    expect(m12!.responsibleUnitIds).toEqual(VILLAGES);
    // 立行立改 is due at the plan's first deadline: the end of 25 January 2024.
    expect(m12!.deadline).toEqual({ date: '2024-01-25', longTerm: true });
    expect(m21!.responsibleUnitIds).toEqual(['o-forestry', 'o-finance']);
    expect(m21!.deadline).toEqual({ date: '2024-06-30', longTerm: false });
    expect(m21!.text).toBe('对2023年林下经济项目逐个组织验收，形成验收报告。');
  });

  it('lists both plans and serves each one’s catalog', async () => {
    const { plans } = (await (await call('/plans', { token: dinglai.token })).json()) as { plans: Plan[] };
    expect(plans.map((p) => p.id)).toEqual(expect.arrayContaining([DEMO_PLAN_ID, plan.id]));
    const catalog = (await (await call(`/catalog?plan=${plan.id}`, { token: dinglai.token })).json()) as {
      measures: unknown[];
    };
    expect(catalog.measures).toHaveLength(3);
  });

  it('takes a report for the new plan and one for the 2023 plan from the same unit in the same days', async () => {
    const audit = await submit(dinglai.token, auditReport(['1-1', '1-2'], '2024-02'), { now: FEB_20 });
    expect(audit.status).toBe(201);
    const receipt = (await audit.json()) as Receipt;
    expect(receipt).toMatchObject({
      planId: plan.id,
      period: '2024-02',
      revision: 1,
      timeliness: 'on_time',
      deadline: '2024-02-25T16:00:00.000Z',
    });

    const demoRows = demoMeasuresFor('v-dinglai').map((m) => ({
      measureId: m.id,
      status: 'ongoing' as const,
      progress: `完成入户走访12户（${m.id}）`,
    }));
    const demo = await submit(
      dinglai.token,
      { plan: DEMO_PLAN_ID, period: '2024-02-H1', signer: '岩块', rows: demoRows },
      { now: '2024-02-10T04:00:00Z' },
    );
    expect(demo.status).toBe(201);
    expect(((await demo.json()) as Receipt).planId).toBe(DEMO_PLAN_ID);
  });

  it('requires the plan in the body while two plans are active', async () => {
    const { planId: _omitted, ...body } = auditReport(['1-1', '1-2'], '2024-02');
    const res = await submit(dinglai.token, body, { now: FEB_20 });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('plan_required');
    expect(error.issues?.[0]?.path).toBe('planId');
  });

  it('refuses a period that does not fit the plan’s schedule, and one before its first period', async () => {
    const wrongShape = await errorOf(
      await submit(dinglai.token, auditReport(['1-1', '1-2'], '2024-02-H1'), { now: FEB_20 }),
    );
    expect(wrongShape.issues?.[0]).toMatchObject({ path: 'period', code: 'period_schedule_mismatch' });
    const early = await errorOf(await submit(dinglai.token, auditReport(['1-1', '1-2'], '2023-12'), { now: FEB_20 }));
    expect(early.issues?.[0]).toMatchObject({ path: 'period', code: 'period_before_plan' });
  });

  it('refuses a row for a measure that is not in the plan, naming the row', async () => {
    const res = await submit(dinglai.token, auditReport(['1-1', '1-2', '3-1'], '2024-02'), { now: FEB_20 });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.issues?.find((i) => i.code === 'unknown_measure')?.path).toBe('rows.2.measureId');
  });

  it('summarises the new plan over its responsible units only', async () => {
    const res = await call(`/summary?plan=${plan.id}&period=2024-02`, { token: supervisor.token, now: FEB_20 });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(summary.planId).toBe(plan.id);
    expect(summary.units.map((u) => u.unitId).sort()).toEqual([...VILLAGES, 'o-finance', 'o-forestry'].sort());
    expect(summary.units.find((u) => u.unitId === 'v-dinglai')?.timeliness).toBe('on_time');
    expect(summary.totals).toMatchObject({ units: 11, on_time: 1, not_due: 10 });
    expect(summary.measures.map((m) => [m.measureId, m.expectedUnits, m.reportedUnits])).toEqual([
      ['1-1', 2, 1],
      ['1-2', 9, 1],
      ['2-1', 2, 0],
    ]);
  });

  it('flags the plan’s units missing after its deadline, and only them', async () => {
    const afterDeadline = new Date('2024-02-25T17:00:00Z');
    const outcomes = await runScheduledJob(env, new Date('2024-03-01T00:00:00Z'));
    expect(outcomes.map((o) => o.planId)).toEqual(expect.arrayContaining([DEMO_PLAN_ID, plan.id]));
    expect(outcomes.find((o) => o.planId === plan.id)?.missingPeriod).toBe('2024-02');
    const flags = (await listMissingFlags(env.DB, plan.id, '2024-02')).map((f) => f.unitId).sort();
    expect(flags).toEqual([...VILLAGES.filter((v) => v !== 'v-dinglai'), 'o-finance', 'o-forestry'].sort());
    const summary = (await (
      await call(`/summary?plan=${plan.id}&period=2024-02`, { token: supervisor.token, now: afterDeadline })
    ).json()) as Summary;
    expect(summary.totals).toMatchObject({ on_time: 1, missing: 10 });
  });

  it('reminds the plan’s units within 48 hours of its deadline, naming the plan', async () => {
    await runScheduledJob(env, new Date('2024-03-24T12:00:00Z'));
    const all = (await (await fetch(`${env.WEBHOOK_RECEIVER_URL}/received`)).json()) as {
      path: string;
      body: string;
    }[];
    // The receiver is shared with test/worker/robots.test.ts, whose DingTalk-shaped messages go to other paths.
    const reminder = all
      .filter((m) => m.path.startsWith('/hook'))
      .map((m) => (JSON.parse(m.body) as { markdown: { content: string } }).markdown.content)
      .find(
        (c) =>
          c.includes('整改进度填报提醒') &&
          c.includes(AUDIT_PLAN.title) &&
          c.includes('2024年3月（3月25日24时前报送）'),
      );
    expect(reminder).toBeDefined();
    expect(reminder).toContain('财政所');
    expect(reminder).toContain('丁来村');
  });

  it('shows the matrix from the plan’s first period, not earlier', async () => {
    const res = await call(`/matrix?plan=${plan.id}&from=2023-01&to=2024-02`, { token: supervisor.token, now: FEB_20 });
    const matrix = (await res.json()) as { periods: string[] };
    expect(matrix.periods).toEqual(['2024-01', '2024-02']);
  });
});

describe('publishing a plan: bad input', () => {
  const bad = (patch: (p: typeof AUDIT_PLAN) => unknown) => publish(patch(structuredClone(AUDIT_PLAN)));

  beforeAll(async () => {
    supervisor ??= await makeToken('supervisor');
  });

  it('names an unknown responsible unit and suggests the nearest known one', async () => {
    const res = await bad((p) => ({
      ...p,
      measures: p.measures.map((m, i) => (i === 2 ? { ...m, responsibleUnits: '林草服务中心，财政局' } : m)),
    }));
    expect(res.status).toBe(422);
    const issue = (await errorOf(res)).issues?.[0];
    expect(issue?.path).toBe('measures.2.responsibleUnits');
    expect(issue?.message).toContain('财政局');
    expect(issue?.message).toContain('财政所');
  });

  it('refuses an unparseable deadline, a duplicate measure id and an unknown problem, each at its path', async () => {
    const res = await bad((p) => ({
      ...p,
      measures: [
        { ...p.measures[0]!, deadline: '春节前' },
        { ...p.measures[1]!, id: '1-1' },
        { ...p.measures[2]!, problemId: '9' },
      ],
    }));
    expect(res.status).toBe(422);
    const paths = ((await errorOf(res)).issues ?? []).map((i) => `${i.path}:${i.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'measures.0.deadline:deadline_unparseable',
        'measures.1.id:duplicate_measure',
        'measures.2.problemId:unknown_problem',
      ]),
    );
  });

  it('refuses schedule.day outside 1–28 or "last"', async () => {
    for (const day of [0, 29, 'first']) {
      const res = await bad((p) => ({ ...p, schedule: { kind: 'monthly', day } }));
      expect(res.status).toBe(422);
      expect((await errorOf(res)).issues?.[0]?.path).toBe('schedule.day');
    }
  });

  it('stores nothing when a plan is refused', async () => {
    const before = ((await (await call('/plans', { token: supervisor.token })).json()) as { plans: Plan[] }).plans
      .length;
    await bad((p) => ({ ...p, problems: [] }));
    const after = ((await (await call('/plans', { token: supervisor.token })).json()) as { plans: Plan[] }).plans
      .length;
    expect(after).toBe(before);
  });

  it('lets only the supervisor or an admin publish', async () => {
    const unit = await makeToken('unit', 'v-yongan');
    expect((await call('/plans', { token: unit.token, body: AUDIT_PLAN })).status).toBe(403);
  });
});

describe('editing and closing a published plan', () => {
  let editor: TestToken;
  let draft: Plan;

  /** The version a writer reads before editing or closing (each write carries it). */
  const versionOf = async (id: string) =>
    ((await (await call(`/plans/${id}`, { token: editor.token })).json()) as Plan).version;

  beforeAll(async () => {
    editor = await makeToken('admin');
    supervisor ??= await makeToken('supervisor');
    const res = await call('/plans', {
      token: editor.token,
      body: { ...AUDIT_PLAN, title: '待修改的方案' },
      now: '2024-01-10T02:00:00Z',
    });
    draft = (await res.json()) as Plan;
  });

  it('replaces the plan wholesale while no report has arrived', async () => {
    const res = await call(`/plans/${draft.id}`, {
      method: 'PUT',
      token: editor.token,
      body: { ...AUDIT_PLAN, title: '修改后的方案', measures: AUDIT_PLAN.measures.slice(0, 2), version: draft.version },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Plan).measures).toHaveLength(2);
  });

  it('after reports exist, adds and corrects measures but refuses removing one with reports, recording every change', async () => {
    const yongan = await makeToken('unit', 'v-yongan');
    const body = {
      plan: draft.id,
      period: '2024-02',
      signer: '李四',
      rows: [{ measureId: '1-2', status: 'ongoing', progress: '建立台账1本，登记拨付12笔。' }],
    };
    expect((await submit(yongan.token, body, { now: FEB_20 })).status).toBe(201);

    const corrected = {
      ...AUDIT_PLAN,
      title: '修改后的方案',
      measures: [AUDIT_PLAN.measures[0]!, { ...AUDIT_PLAN.measures[1]!, lead: '白钰' }, AUDIT_PLAN.measures[2]!],
    };
    const ok = await call(`/plans/${draft.id}`, {
      method: 'PUT',
      token: editor.token,
      body: { ...corrected, version: await versionOf(draft.id) },
    });
    expect(ok.status).toBe(200);

    const removing = await call(`/plans/${draft.id}`, {
      method: 'PUT',
      token: editor.token,
      body: {
        ...corrected,
        measures: [corrected.measures[0], corrected.measures[2]],
        version: await versionOf(draft.id),
      },
    });
    expect(removing.status).toBe(409);
    expect((await errorOf(removing)).code).toBe('measure_has_reports');

    const { changes } = (await (await call(`/plans/${draft.id}/changes`, { token: supervisor.token })).json()) as {
      changes: { kind: string; changes: { measures?: { measureId: string; change: string; fields?: string[] }[] } }[];
    };
    expect(changes.map((c) => c.kind)).toEqual(['published', 'replaced', 'edited']);
    expect(changes[2]!.changes.measures).toEqual([
      { measureId: '1-2', change: 'corrected', fields: ['lead'] },
      { measureId: '2-1', change: 'added' },
    ]);
  });

  it('stops taking reports, reminders and missing flags once closed, and keeps its data readable', async () => {
    expect(
      (
        await call(`/plans/${draft.id}/close`, {
          token: supervisor.token,
          body: { version: await versionOf(draft.id) },
        })
      ).status,
    ).toBe(200);
    const yongan = await makeToken('unit', 'v-yongan');
    const refused = await submit(
      yongan.token,
      {
        plan: draft.id,
        period: '2024-02',
        signer: '李四',
        rows: [{ measureId: '1-2', status: 'ongoing', progress: '登记拨付12笔。' }],
      },
      { now: FEB_20 },
    );
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).issues?.[0]).toMatchObject({ path: 'planId', code: 'plan_closed' });
    const outcomes = await runScheduledJob(env, new Date('2024-04-01T00:00:00Z'));
    expect(outcomes.map((o) => o.planId)).not.toContain(draft.id);
    expect(await listMissingFlags(env.DB, draft.id, '2024-03')).toEqual([]);
    const summary = await call(`/summary?plan=${draft.id}&period=2024-02`, { token: supervisor.token, now: FEB_20 });
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as Summary).totals.on_time).toBe(1);
  });
});

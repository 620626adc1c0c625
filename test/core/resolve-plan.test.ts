// resolvePlan turns a published plan into the stored one, or lists what is wrong with the JSON path of each field.
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { PlanInput } from '../../core/schemas/plan.ts';
import { resolvePlan, type PlanIssue } from '../../core/plan/resolve-plan.ts';
import { DEMO_UNITS } from '../fixtures/demo-plan.ts';

const NOW = new Date('2024-03-10T02:00:00Z');
const VILLAGES = DEMO_UNITS.filter((u) => u.kind === 'village').map((u) => u.id);

/** A second plan: monthly by the 25th, 2 problems, 3 measures, units written with aliases and 各行政村. */
function monthlyPlan(): PlanInput {
  return {
    title: '勐来乡2023年度巡察反馈问题整改方案',
    docNumber: '勐发〔2024〕12号',
    schedule: { kind: 'monthly', day: 25 },
    problems: [
      { id: '1', title: '村级财务管理不规范' },
      { id: '2', title: '项目资产管护不到位', detail: '部分项目资产未登记入账。' },
    ],
    measures: [
      {
        id: '1-1',
        problemId: '1',
        title: '规范村级财务报账',
        lead: '赵勇',
        responsibleUnits: '乡财政所，各行政村',
        deadline: '2024年6月30日前',
      },
      {
        id: '1-2',
        problemId: '1',
        title: '开展村级财务审计',
        lead: '赵勇',
        responsibleUnits: '勐来乡财政所、民良村委会',
        deadline: '2024年4月30日前完成，长期坚持',
      },
      {
        id: '2-1',
        problemId: '2',
        title: '建立项目资产台账',
        text: '建立项目资产台账。逐项登记入账。',
        lead: '鲍健斌',
        responsibleUnits: '项目办公室、村镇规划服务中心',
        deadline: '长期坚持',
        dataHint: '登记资产个数',
      },
    ],
  };
}

const resolve = (input: PlanInput, now = NOW) => resolvePlan(input, { id: 'plan-2024-xuncha', units: DEMO_UNITS, now });

function issuesOf(input: PlanInput): PlanIssue[] {
  const r = resolve(input);
  if (r.ok) throw new Error('expected the plan to be refused');
  return r.issues;
}

describe('resolvePlan', () => {
  it('resolves a valid plan: units by name or alias, 各行政村 to every village, deadlines parsed', () => {
    const r = resolve(monthlyPlan());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { plan } = r;
    expect(plan).toMatchObject({
      id: 'plan-2024-xuncha',
      title: '勐来乡2023年度巡察反馈问题整改方案',
      docNumber: '勐发〔2024〕12号',
      status: 'active',
    });
    expect(plan.schedule).toEqual({ kind: 'monthly', day: 25 });
    expect(plan.problems).toEqual([
      { id: '1', title: '村级财务管理不规范' },
      { id: '2', title: '项目资产管护不到位', detail: '部分项目资产未登记入账。' },
    ]);
    const [m11, m12, m21] = plan.measures;
    expect(m11!.responsibleUnitIds).toEqual(['o-finance', ...VILLAGES]);
    expect(m12!.responsibleUnitIds).toEqual(['o-finance', 'v-minliang']);
    expect(m21!.responsibleUnitIds).toEqual(['o-projects', 'o-planning']);
    expect(m11!.responsibleUnitsText).toBe('乡财政所，各行政村');
    expect(plan.measures.map((m) => m.deadline)).toEqual([
      { date: '2024-06-30', longTerm: false },
      { date: '2024-04-30', longTerm: true },
      { longTerm: true },
    ]);
    expect(m12!.deadlineText).toBe('2024年4月30日前完成，长期坚持');
    expect(m21).toMatchObject({ text: '建立项目资产台账。逐项登记入账。', dataHint: '登记资产个数' });
    expect(m11).not.toHaveProperty('text');
  });

  it('starts a plan without firstPeriod at the period open when it is published', () => {
    const firstPeriod = (now: string) => {
      const r = resolve(monthlyPlan(), new Date(now));
      return r.ok ? r.plan.firstPeriod : undefined;
    };
    expect(firstPeriod('2024-03-10T02:00:00Z')).toBe('2024-03');
    expect(firstPeriod('2024-03-25T15:59:59.999Z')).toBe('2024-03'); // still the 25th in Beijing
    expect(firstPeriod('2024-03-25T16:00:00Z')).toBe('2024-04');
    const half = resolve({ ...monthlyPlan(), schedule: { kind: 'half-monthly' } }, new Date('2024-03-10T02:00:00Z'));
    expect(half.ok && half.plan.firstPeriod).toBe('2024-03-H1');
    expect(firstPeriod('2024-03-10T02:00:00Z')).toBe(calendarFor({ kind: 'monthly', day: 25 }).periodOf(NOW));
  });

  it('keeps a firstPeriod that fits the schedule', () => {
    const r = resolve({ ...monthlyPlan(), firstPeriod: '2024-01' });
    expect(r.ok && r.plan.firstPeriod).toBe('2024-01');
  });

  it('names the unknown unit at measures.N.responsibleUnits with the nearest known unit', () => {
    const input = monthlyPlan();
    input.measures[2]!.responsibleUnits = '项目办公室、丁来村委';
    expect(issuesOf(input)).toEqual([
      {
        path: 'measures.2.responsibleUnits',
        code: 'unknown_unit',
        message: '责任单位中“丁来村委”不是已登记的单位，是否为“丁来村”？',
      },
    ]);
  });

  it('asks for the unit to be added when no known unit is near', () => {
    const input = monthlyPlan();
    input.measures[0]!.responsibleUnits = '县人民医院急诊科';
    expect(issuesOf(input)).toEqual([
      {
        path: 'measures.0.responsibleUnits',
        code: 'unknown_unit',
        message: '责任单位中“县人民医院急诊科”不是已登记的单位，请先在单位管理中添加',
      },
    ]);
  });

  it('refuses a deadline it cannot read, at measures.N.deadline', () => {
    const input = monthlyPlan();
    input.measures[1]!.deadline = '春节前';
    const issues = issuesOf(input);
    expect(issues.map((i) => [i.path, i.code])).toEqual([['measures.1.deadline', 'deadline_unparseable']]);
    expect(issues[0]!.message).toContain('措施1-2的整改时限');
    expect(issues[0]!.message).toContain('春节前');
  });

  it('refuses a measure id used twice, at the second one', () => {
    const input = monthlyPlan();
    input.measures[1]!.id = '1-1';
    expect(issuesOf(input)).toEqual([
      { path: 'measures.1.id', code: 'duplicate_measure', message: '措施编号“1-1”重复（第1条措施已使用）' },
    ]);
  });

  it('refuses a problem id used twice', () => {
    const input = monthlyPlan();
    input.problems[1]!.id = '1';
    expect(issuesOf(input).map((i) => [i.path, i.code])).toEqual([
      ['problems.1.id', 'duplicate_problem'],
      ['measures.2.problemId', 'unknown_problem'],
    ]);
  });

  it('refuses a measure whose problem does not exist', () => {
    const input = monthlyPlan();
    input.measures[0]!.problemId = '3';
    expect(issuesOf(input)).toEqual([
      { path: 'measures.0.problemId', code: 'unknown_problem', message: '措施1-1所属问题“3”不存在' },
    ]);
  });

  it('refuses a firstPeriod that does not fit the schedule', () => {
    const issues = issuesOf({ ...monthlyPlan(), firstPeriod: '2024-03-H1' });
    expect(issues).toEqual([
      {
        path: 'firstPeriod',
        code: 'invalid_period',
        message: '首个报送期次“2024-03-H1”不符合报送周期，应形如 2024-03',
      },
    ]);
    expect(
      issuesOf({ ...monthlyPlan(), schedule: { kind: 'half-monthly' }, firstPeriod: '2024-03' }).map((i) => i.path),
    ).toEqual(['firstPeriod']);
  });

  it('lists every problem of the plan at once, in field order', () => {
    const input = monthlyPlan();
    input.measures[0]!.deadline = '尽快';
    input.measures[2]!.responsibleUnits = '火星办';
    expect(issuesOf(input).map((i) => i.path)).toEqual(['measures.0.deadline', 'measures.2.responsibleUnits']);
  });
});

describe('PlanInput', () => {
  it('accepts a monthly day from 1 to 28 or "last"', () => {
    for (const day of [1, 25, 28, 'last'] as const) {
      expect(PlanInput.safeParse({ ...monthlyPlan(), schedule: { kind: 'monthly', day } }).success).toBe(true);
    }
  });

  it.each([0, 29, 2.5, 'first'])('refuses schedule.day %s with the path schedule.day', (day) => {
    const r = PlanInput.safeParse({ ...monthlyPlan(), schedule: { kind: 'monthly', day } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['schedule.day']);
    expect(r.error!.issues[0]!.message).toBe('schedule.day must be 1–28 or "last"');
  });
});

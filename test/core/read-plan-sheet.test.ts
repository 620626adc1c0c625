import { describe, expect, it } from 'vitest';
import { readPlanSheet, resolvePlan, type PlanInput } from '../../core/index.ts';
import { DEMO_UNITS } from '../fixtures/demo-plan.ts';
import { planSheet } from '../fixtures/plan-sheet.ts';

const ctx = { units: DEMO_UNITS, deadline: { planYear: 2024, firstDue: '2024-01-25' } };

describe('readPlanSheet', () => {
  it('reads problems from merged 存在问题 cells and numbers measures within their problem', () => {
    const r = readPlanSheet(planSheet(), ctx);
    expect(r.issues).toEqual([]);
    expect(r.problems).toEqual([
      { id: '1', title: '项目资金拨付滞后', detail: '3个项目资金拨付率低于50%。' },
      { id: '2', title: '林下经济项目验收不及时' },
    ]);
    expect(r.measures.map((m) => [m.id, m.problemId, m.title])).toEqual([
      ['1-1', '1', '加快资金拨付'],
      ['1-2', '1', '建立拨付台账'],
      ['2-1', '2', '组织项目验收'],
      ['2-2', '2', '通报验收结果'],
      ['2-3', '2', '建立长效机制'],
      ['2-4', '2', '开展回头看'],
    ]);
    expect(r.measures[0]).toMatchObject({
      text: '一是加快资金拨付。按项目进度及时拨付。',
      lead: '赵勇',
      responsibleUnits: '乡财政所、丁来村委会',
      deadline: '2024年3月底前',
      dataHint: '计划资金与已拨付（万元）',
    });
    expect(r.measureRows).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('gives a plan that resolves against the units', () => {
    const r = readPlanSheet(planSheet(), ctx);
    const input: PlanInput = {
      title: '审计整改',
      schedule: { kind: 'monthly', day: 25 },
      firstPeriod: '2024-01',
      problems: r.problems,
      measures: r.measures,
    };
    const resolved = resolvePlan(input, { id: 'p-x', units: DEMO_UNITS, now: new Date('2024-01-10T00:00:00Z') });
    expect(resolved.ok).toBe(true);
  });

  it('lists every planted problem by cell, with the nearest known unit as a suggestion', () => {
    const r = readPlanSheet(planSheet(true), ctx);
    expect(r.issues.map((i) => `${i.column}${i.row}:${i.code}`)).toEqual([
      'E5:unknown_unit',
      'F6:deadline_unparseable',
      'D7:required_cell_empty',
      'A8:duplicate_measure',
    ]);
    expect(r.issues[0]!.message).toContain('“丁来村”');
    expect(r.issues[1]!.message).toContain('春节前');
  });

  it('says which required columns are missing, and when no header is found', () => {
    const noLead = planSheet().map((row) => row.filter((_, i) => i !== 3));
    expect(readPlanSheet(noLead, ctx).issues.map((i) => i.message)).toEqual(['缺少“牵头领导”列']);
    expect(readPlanSheet([['整改方案'], ['一、总体要求']], ctx).issues[0]!.code).toBe('no_header');
  });
});

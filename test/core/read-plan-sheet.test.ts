import { describe, expect, it } from 'vitest';
import { readPlanSheet } from '../../core/plan/read-plan-sheet.ts';
import { resolvePlan } from '../../core/plan/resolve-plan.ts';
import { type PlanInput } from '../../core/schemas/plan.ts';
import { DEMO_PLAN_INPUT, DEMO_UNITS } from '../fixtures/demo-plan.ts';
import { countyPlanSheet, unknownHeaderPlanSheet } from '../fixtures/county-plan-sheet.ts';
import { planSheet } from '../fixtures/plan-sheet.ts';
import { seedPlanSheet } from '../fixtures/seed-plan-sheet.ts';

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

  it('reads a county-style table: 问题类型 kept, 整改目标 as the completion standard, 牵头单位 before 配合单位', () => {
    const r = readPlanSheet(countyPlanSheet(), ctx);
    expect(r.issues).toEqual([]);
    expect(r.problems).toEqual([
      { id: '1', title: '项目资金拨付滞后', detail: '3个项目资金拨付率低于50%。', category: '资金管理' },
      { id: '2', title: '林下经济项目验收不及时', category: '项目管理' },
    ]);
    expect(r.measures.map((m) => [m.id, m.title, m.lead, m.responsibleUnits, m.completionStandard])).toEqual([
      ['1-1', '加快资金拨付', '赵勇', '财政所、项目办、丁来村', '2024年6月底前项目资金拨付率达到100%'],
      ['1-2', '建立资金拨付台账', '赵勇', '财政所、各行政村', '2024年6月底前项目资金拨付率达到100%'],
      ['2-1', '组织项目验收', '何金勇', '林业和草原服务中心、财政所', '2024年底前全部验收'],
      ['2-2', '开展回头看', '何金勇', '林业和草原服务中心', '2024年底前全部验收'],
    ]);
    expect(r.columns).toMatchObject({ units: 'G', coUnits: 'H', standard: 'D', category: 'B' });
  });

  it('keeps the category and the completion standard through resolvePlan', () => {
    const r = readPlanSheet(countyPlanSheet(), ctx);
    const resolved = resolvePlan(
      { title: '县审计整改', schedule: { kind: 'monthly', day: 25 }, problems: r.problems, measures: r.measures },
      { id: 'p-county', units: DEMO_UNITS, now: new Date('2024-01-10T00:00:00Z') },
    );
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
    expect(resolved.plan.problems[0]!.category).toBe('资金管理');
    expect(resolved.plan.measures[0]!.completionStandard).toBe('2024年6月底前项目资金拨付率达到100%');
    expect(resolved.plan.measures[0]!.responsibleUnitIds).toEqual(['o-finance', 'o-projects', 'v-dinglai']);
  });

  it('names an unknown unit in 配合单位 on the 配合单位 cell', () => {
    const grid = countyPlanSheet();
    grid[2]![7] = '项目办、丁来村委';
    expect(readPlanSheet(grid, ctx).issues.map((i) => `${i.column}${i.row}:${i.code}`)).toEqual(['H3:unknown_unit']);
  });

  it('refuses headers it only guesses, but offers the guesses for the pane to confirm', () => {
    const grid = unknownHeaderPlanSheet();
    const r = readPlanSheet(grid, ctx);
    expect(r.measures).toEqual([]);
    expect(r.issues.map((i) => i.message)).toEqual([
      '缺少“存在问题”列',
      '缺少“整改措施”列',
      '缺少“牵头领导”列',
      '缺少“责任单位”列',
      '缺少“整改时限”列',
    ]);
    expect(r.match?.unknownRequired).toHaveLength(5);
  });

  it('reads a table with the columns the user confirmed, as it reads the same table with known headers', () => {
    const guessed = readPlanSheet(unknownHeaderPlanSheet(), ctx).match!;
    const confirmed = readPlanSheet(unknownHeaderPlanSheet(), {
      ...ctx,
      columns: { headerRow: guessed.headerRow, columns: guessed.columns },
    });
    expect(confirmed.issues).toEqual([]);
    const county = readPlanSheet(countyPlanSheet(), ctx);
    const strip = (m: (typeof county.measures)[number]) => ({ ...m, completionStandard: undefined });
    expect(confirmed.measures).toEqual(county.measures.map(strip).map((m) => JSON.parse(JSON.stringify(m))));
  });

  it('reads a corrected choice: a column moved by the user is read from where the user put it', () => {
    const guessed = readPlanSheet(unknownHeaderPlanSheet(), ctx).match!;
    // The user says 配合单位 is not a column of this table.
    const { coUnits: _dropped, ...columns } = guessed.columns;
    const r = readPlanSheet(unknownHeaderPlanSheet(), { ...ctx, columns: { headerRow: guessed.headerRow, columns } });
    expect(r.measures[0]!.responsibleUnits).toBe('财政所');
  });

  it('reads the seed plan in its own layout into the seed plan: 4 problems, 13 measures, the same units', () => {
    const r = readPlanSheet(seedPlanSheet(), {
      units: DEMO_UNITS,
      deadline: { planYear: 2023, firstDue: '2023-08-14' },
    });
    expect(r.issues).toEqual([]);
    expect(r.problems.map((p) => p.title)).toEqual(DEMO_PLAN_INPUT.problems.map((p) => p.title));
    expect(r.measures.map((m) => [m.id, m.title, m.lead, m.responsibleUnits, m.deadline])).toEqual(
      DEMO_PLAN_INPUT.measures.map((m) => [m.id, m.title, m.lead, m.responsibleUnits, m.deadline]),
    );
  });
});

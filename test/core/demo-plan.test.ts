// The seeded demo data (data/demo-plan-2023.json) as resolvePlan stores it: the 2023 plan of 勐来乡 and its 22 units.
import { describe, expect, it } from 'vitest';
import { measureById, measuresFor, problemById } from '../../core/plan/plan-lookup.ts';
import { DEMO_PLAN, DEMO_UNITS } from '../fixtures/demo-plan.ts';

const villageIds = DEMO_UNITS.filter((u) => u.kind === 'village').map((v) => v.id);
const office = (name: string) => DEMO_UNITS.find((u) => u.name === name)!.id;
const MEASURES = DEMO_PLAN.measures;

describe('demo plan', () => {
  it('holds the 4 problems and 13 measures of the plan, ids 1-1 … 4-3', () => {
    expect(DEMO_PLAN.problems.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    expect(MEASURES.map((m) => m.id)).toEqual([
      '1-1',
      '1-2',
      '1-3',
      '2-1',
      '2-2',
      '2-3',
      '2-4',
      '3-1',
      '3-2',
      '3-3',
      '4-1',
      '4-2',
      '4-3',
    ]);
    for (const m of MEASURES) {
      expect(problemById(DEMO_PLAN, m.problemId)).toBeDefined();
      expect(measureById(DEMO_PLAN, m.id)).toBe(m);
    }
  });

  it('keeps the full wording of every measure, which begins with its short title', () => {
    for (const m of MEASURES) {
      expect(m.text).toBeDefined();
      expect(m.text!.startsWith(m.title)).toBe(true);
      expect(m.text!.length).toBeGreaterThan(m.title.length + 20);
    }
  });

  it('records the plan’s title, document number, schedule and first period', () => {
    expect(DEMO_PLAN.docNumber).toBe('勐发〔2023〕85号');
    expect(DEMO_PLAN.schedule).toEqual({ kind: 'half-monthly' });
    expect(DEMO_PLAN.firstPeriod).toBe('2023-08-H1');
    expect(DEMO_PLAN.status).toBe('active');
  });

  it('records the lead (牵头负责人) of each measure as in the plan', () => {
    const leads = Object.fromEntries(MEASURES.map((m) => [m.id, m.lead]));
    expect(leads).toEqual({
      '1-1': '鲍健斌',
      '1-2': '白钰',
      '1-3': '白钰',
      '2-1': '鲍健斌',
      '2-2': '鲍健斌',
      '2-3': '鲍健斌',
      '2-4': '鲍健斌',
      '3-1': '赵勇',
      '3-2': '赵勇',
      '3-3': '何金勇',
      '4-1': '赵勇',
      '4-2': '赵勇',
      '4-3': '赵勇',
    });
  });

  it('expands 各行政村 to all 9 villages on every measure', () => {
    expect(villageIds).toHaveLength(9);
    for (const m of MEASURES) {
      expect(m.responsibleUnitsText).toContain('各行政村');
      expect(m.responsibleUnitIds).toEqual(expect.arrayContaining(villageIds));
    }
  });

  it('resolves 村镇规划服务中心 in 3-2 by its alias to the planning centre', () => {
    const m = measureById(DEMO_PLAN, '3-2')!;
    expect(m.responsibleUnitsText).toContain('村镇规划服务中心');
    expect(m.responsibleUnitsText).not.toContain('村镇规划建设服务中心');
    expect(m.responsibleUnitIds).toContain(office('村镇规划建设服务中心'));
  });

  it('lists the offices named for each measure', () => {
    const offices = (id: string) =>
      measureById(DEMO_PLAN, id)!.responsibleUnitIds.filter((u) => !villageIds.includes(u)).length;
    expect(MEASURES.map((m) => offices(m.id))).toEqual([7, 2, 2, 8, 10, 10, 10, 3, 5, 2, 2, 2, 2]);
  });

  it('parses the deadlines: 1-x by 2023-08-31, the rest by 2023-10-31, all long-term, keeping the text', () => {
    for (const m of MEASURES) {
      expect(m.deadline.longTerm).toBe(true);
      expect(m.deadline.date).toBe(m.problemId === '1' ? '2023-08-31' : '2023-10-31');
      expect(m.deadlineText).toMatch(/长期坚持$/);
    }
  });
});

describe('demo units', () => {
  it('holds 22 active units: 9 villages and 13 offices', () => {
    expect(DEMO_UNITS).toHaveLength(22);
    expect(DEMO_UNITS.filter((u) => u.kind === 'office')).toHaveLength(13);
    expect(DEMO_UNITS.every((u) => u.active)).toBe(true);
  });
});

describe('measuresFor', () => {
  it('gives a village all 13 measures', () => {
    for (const v of villageIds) expect(measuresFor(DEMO_PLAN, v)).toHaveLength(13);
  });

  it('gives each office only the measures that name it, in plan order', () => {
    const ids = (name: string) => measuresFor(DEMO_PLAN, office(name)).map((m) => m.id);
    expect(ids('基层党建办')).toEqual(['1-1', '1-2', '1-3']);
    expect(ids('财政所')).toEqual(['3-2', '4-1', '4-2', '4-3']);
    expect(ids('民政办')).toEqual(['2-1', '2-2', '2-3', '2-4']);
    expect(ids('乡村振兴办')).toEqual(['1-1', '1-2', '1-3', '2-1', '2-2', '2-3', '2-4', '3-1', '3-2', '3-3']);
    expect(ids('村镇规划建设服务中心')).toEqual(['1-1', '2-1', '2-2', '2-3', '2-4', '3-2']);
  });

  it('assigns every office at least one measure and returns nothing for an unknown unit', () => {
    for (const u of DEMO_UNITS) expect(measuresFor(DEMO_PLAN, u.id).length).toBeGreaterThan(0);
    expect(measuresFor(DEMO_PLAN, 'nobody')).toEqual([]);
  });
});

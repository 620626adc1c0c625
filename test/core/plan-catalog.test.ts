import { describe, expect, it } from 'vitest';
import { measureById, MEASURES, measuresFor, PROBLEMS, problemById } from '../../core/index.ts';
import { UNITS, villages } from '../../core/units/unit-registry.ts';

const villageIds = villages().map((v) => v.id);
const office = (name: string) => UNITS.find((u) => u.name === name)!.id;

describe('plan catalog', () => {
  it('holds the 4 problems and 13 measures of the plan, ids 1-1 … 4-3', () => {
    expect(PROBLEMS.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    expect(MEASURES.map((m) => m.id)).toEqual(['1-1', '1-2', '1-3', '2-1', '2-2', '2-3', '2-4', '3-1', '3-2', '3-3', '4-1', '4-2', '4-3']);
    for (const m of MEASURES) {
      expect(problemById(m.problemId)).toBeDefined();
      expect(measureById(m.id)).toBe(m);
    }
  });

  it('records the lead (牵头负责人) of each measure as in the plan', () => {
    const leads = Object.fromEntries(MEASURES.map((m) => [m.id, m.lead]));
    expect(leads).toEqual({
      '1-1': '鲍健斌', '1-2': '白钰', '1-3': '白钰',
      '2-1': '鲍健斌', '2-2': '鲍健斌', '2-3': '鲍健斌', '2-4': '鲍健斌',
      '3-1': '赵勇', '3-2': '赵勇', '3-3': '何金勇',
      '4-1': '赵勇', '4-2': '赵勇', '4-3': '赵勇',
    });
  });

  it('expands 各行政村 to all 9 villages on every measure', () => {
    expect(villageIds).toHaveLength(9);
    for (const m of MEASURES) expect(m.responsibleUnitIds).toEqual(expect.arrayContaining(villageIds));
  });

  it('resolves 村镇规划服务中心 in 3-2 to the planning centre', () => {
    expect(measureById('3-2')!.responsibleUnitsText).toContain('村镇规划服务中心');
    expect(measureById('3-2')!.responsibleUnitIds).toContain(office('村镇规划建设服务中心'));
  });

  it('lists the offices named for each measure', () => {
    const offices = (id: string) => measureById(id)!.responsibleUnitIds.filter((u) => !villageIds.includes(u)).length;
    expect(MEASURES.map((m) => offices(m.id))).toEqual([7, 2, 2, 8, 10, 10, 10, 3, 5, 2, 2, 2, 2]);
  });

  it('gives 1-x an August deadline and the rest an October one, all long-term', () => {
    for (const m of MEASURES) {
      expect(m.deadline.longTerm).toBe(true);
      expect(m.deadline.date).toBe(m.problemId === '1' ? '2023-08-31' : '2023-10-31');
    }
  });
});

describe('measuresFor', () => {
  it('gives a village all 13 measures', () => {
    for (const v of villageIds) expect(measuresFor(v)).toHaveLength(13);
  });

  it('gives each office only the measures that name it, in catalog order', () => {
    expect(measuresFor(office('基层党建办')).map((m) => m.id)).toEqual(['1-1', '1-2', '1-3']);
    expect(measuresFor(office('财政所')).map((m) => m.id)).toEqual(['3-2', '4-1', '4-2', '4-3']);
    expect(measuresFor(office('民政办')).map((m) => m.id)).toEqual(['2-1', '2-2', '2-3', '2-4']);
    expect(measuresFor(office('乡村振兴办')).map((m) => m.id)).toEqual(['1-1', '1-2', '1-3', '2-1', '2-2', '2-3', '2-4', '3-1', '3-2', '3-3']);
    expect(measuresFor(office('村镇规划建设服务中心')).map((m) => m.id)).toEqual(['1-1', '2-1', '2-2', '2-3', '2-4', '3-2']);
  });

  it('assigns every office at least one measure and returns nothing for an unknown unit', () => {
    for (const u of UNITS) expect(measuresFor(u.id).length).toBeGreaterThan(0);
    expect(measuresFor('nobody')).toEqual([]);
  });
});

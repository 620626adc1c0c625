import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../core/sheet/column-match.ts';
import { PLAN_FIELDS, type PlanColumn } from '../../core/plan/plan-columns.ts';
import { similarity } from '../../core/text/similarity.ts';
import { countyPlanSheet, unknownHeaderPlanSheet } from '../fixtures/county-plan-sheet.ts';
import { planSheet } from '../fixtures/plan-sheet.ts';

const named = (m: { columns: Partial<Record<PlanColumn, number>> }, header: unknown[]) =>
  Object.fromEntries(Object.entries(m.columns).map(([k, i]) => [k, header[i as number]]));

describe('similarity', () => {
  it('is 1 for the same words and 0 for words with nothing in common', () => {
    expect(similarity('存在问题', '存在问题')).toBe(1);
    expect(similarity('完成时限', '佐证材料')).toBe(0);
  });

  it('ignores list markers and punctuation', () => {
    expect(similarity('一是加快资金拨付。', '（一）加快资金拨付')).toBe(1);
  });
});

describe('matchColumns over real plan layouts', () => {
  it('finds every column of the seed layout by a known header, below its title row', () => {
    const m = matchColumns(planSheet(), PLAN_FIELDS)!;
    expect(m.headerRow).toBe(1);
    expect(m.unknownRequired).toEqual([]);
    expect(named(m, planSheet()[1]!)).toEqual({
      seq: '序号',
      problem: '存在问题',
      measure: '整改措施',
      lead: '牵头领导',
      units: '责任单位',
      deadline: '整改时限',
      dataHint: '应报数据',
    });
  });

  it('finds every column of the county layout by a known header, 牵头单位 and 配合单位 apart', () => {
    const m = matchColumns(countyPlanSheet(), PLAN_FIELDS)!;
    expect(m.unknownRequired).toEqual([]);
    expect(named(m, countyPlanSheet()[1]!)).toEqual({
      seq: '序号',
      category: '问题类型',
      problem: '问题表现',
      standard: '整改目标',
      measure: '整改任务',
      lead: '责任领导',
      units: '牵头单位',
      coUnits: '配合单位',
      deadline: '完成时限',
    });
  });

  it('suggests a column for each field from headers it does not know, and marks them as needing a confirmation', () => {
    const grid = unknownHeaderPlanSheet();
    const m = matchColumns(grid, PLAN_FIELDS)!;
    expect(m.headerRow).toBe(1);
    expect(m.known).toEqual(['seq']);
    expect(m.unknownRequired).toEqual(['problem', 'measure', 'lead', 'units', 'deadline']);
    expect(named(m, grid[1]!)).toMatchObject({
      problem: '反映问题',
      measure: '落实举措',
      lead: '包村领导',
      units: '主责单位',
      coUnits: '协同单位',
      deadline: '时间节点',
    });
  });

  it('gives the same layout the same key and another layout another key', () => {
    const a = matchColumns(countyPlanSheet(), PLAN_FIELDS)!.layoutKey;
    expect(matchColumns(countyPlanSheet(), PLAN_FIELDS)!.layoutKey).toBe(a);
    expect(matchColumns(planSheet(), PLAN_FIELDS)!.layoutKey).not.toBe(a);
  });

  it('finds no header in a sheet of prose', () => {
    expect(matchColumns([['各村要高度重视整改工作'], ['请于每月25日前报送']], PLAN_FIELDS)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { nearestUnit, parseResponsibleUnits, resolveUnitName, unitById } from '../../core/units/unit-registry.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { foldSpaces } from '../../core/text/fold.ts';
import { DEMO_UNITS } from '../fixtures/demo-plan.ts';

describe('unit registry', () => {
  it('holds 22 units: 9 villages and 13 offices with unique ids and names', () => {
    expect(DEMO_UNITS).toHaveLength(22);
    expect(DEMO_UNITS.filter((u) => u.kind === 'village')).toHaveLength(9);
    expect(DEMO_UNITS.filter((u) => u.kind === 'office')).toHaveLength(13);
    expect(new Set(DEMO_UNITS.map((u) => u.id)).size).toBe(22);
    const names = DEMO_UNITS.flatMap((u) => [u.name, ...u.aliases].map(foldSpaces));
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds a unit by id', () => {
    expect(unitById(DEMO_UNITS, 'o-finance')?.name).toBe('财政所');
    expect(unitById(DEMO_UNITS, 'nobody')).toBeUndefined();
  });

  it('resolves names and aliases as written by hand', () => {
    expect(resolveUnitName(DEMO_UNITS, '村镇规划服务中心')?.name).toBe('村镇规划建设服务中心');
    expect(resolveUnitName(DEMO_UNITS, ' 乡 财政所 ')?.id).toBe('o-finance');
    expect(resolveUnitName(DEMO_UNITS, '民良村委会')?.id).toBe('v-minliang');
    expect(resolveUnitName(DEMO_UNITS, '文旅中心')?.id).toBe('o-culture-tourism');
    expect(resolveUnitName(DEMO_UNITS, '火星办')).toBeUndefined();
  });

  it('folds spaces, NBSP and full-width forms', () => {
    expect(foldSpaces('乡村\u00a0振兴办\u3000')).toBe('乡村振兴办');
    expect(foldSpaces('ＡＢ　１')).toBe('AB1');
  });

  it('splits a 责任单位 cell on both comma kinds and expands 各行政村', () => {
    const r = parseResponsibleUnits(DEMO_UNITS, '财政所、乡村振兴办，村镇规划服务中心，各行政村');
    expect(r.unknown).toEqual([]);
    expect(r.unitIds.slice(0, 3)).toEqual(['o-finance', 'o-rural-revitalization', 'o-planning']);
    expect(r.unitIds).toHaveLength(12);
  });

  it('expands 各行政村 to the active villages only', () => {
    const units: Unit[] = DEMO_UNITS.map((u) => (u.id === 'v-manlai' ? { ...u, active: false } : u));
    const r = parseResponsibleUnits(units, '各行政村');
    expect(r.unitIds).toHaveLength(8);
    expect(r.unitIds).not.toContain('v-manlai');
  });

  it('returns the names it cannot resolve', () => {
    expect(parseResponsibleUnits(DEMO_UNITS, '项目办、火星办').unknown).toEqual(['火星办']);
  });

  it('suggests the nearest known unit for a near miss, and none for a name far from all', () => {
    expect(nearestUnit(DEMO_UNITS, '丁来村委')?.name).toBe('丁来村');
    expect(nearestUnit(DEMO_UNITS, '财政局')?.name).toBe('财政所');
    expect(nearestUnit(DEMO_UNITS, '县人民医院急诊科')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { foldName, parseResponsibleUnits, resolveUnitName, UNITS } from '../../core/index.ts';

describe('unit registry', () => {
  it('holds 22 units: 9 villages and 13 offices with unique ids and names', () => {
    expect(UNITS).toHaveLength(22);
    expect(UNITS.filter((u) => u.kind === 'village')).toHaveLength(9);
    expect(UNITS.filter((u) => u.kind === 'office')).toHaveLength(13);
    expect(new Set(UNITS.map((u) => u.id)).size).toBe(22);
    const names = UNITS.flatMap((u) => [u.name, ...u.aliases].map(foldName));
    expect(new Set(names).size).toBe(names.length);
  });

  it('resolves names and aliases as written by hand', () => {
    expect(resolveUnitName('村镇规划服务中心')?.name).toBe('村镇规划建设服务中心');
    expect(resolveUnitName(' 乡 财政所 ')?.id).toBe('o-finance');
    expect(resolveUnitName('民良村委会')?.id).toBe('v-minliang');
    expect(resolveUnitName('文旅中心')?.id).toBe('o-culture-tourism');
    expect(resolveUnitName('火星办')).toBeUndefined();
  });

  it('folds spaces, NBSP and full-width forms', () => {
    expect(foldName('乡村\u00a0振兴办\u3000')).toBe('乡村振兴办');
    expect(foldName('ＡＢ　１')).toBe('AB1');
  });

  it('splits a 责任单位 cell on both comma kinds and expands 各行政村', () => {
    const r = parseResponsibleUnits('财政所、乡村振兴办，村镇规划服务中心，各行政村');
    expect(r.unknown).toEqual([]);
    expect(r.unitIds.slice(0, 3)).toEqual(['o-finance', 'o-rural-revitalization', 'o-planning']);
    expect(r.unitIds).toHaveLength(12);
  });

  it('returns the names it cannot resolve', () => {
    expect(parseResponsibleUnits('项目办、火星办').unknown).toEqual(['火星办']);
  });
});

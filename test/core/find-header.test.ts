import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../core/checklist/columns.ts';
import { findHeader, matchHeader } from '../../core/sheet/find-header.ts';

describe('findHeader', () => {
  it('maps every template header to its column', () => {
    const result = findHeader([COLUMNS.map((c) => c.header)]);
    expect(result.headerRow).toBe(0);
    expect(result.missing).toEqual([]);
    COLUMNS.forEach((c, i) => expect(result.columns[c.key]).toBe(i));
  });

  it('matches aliases after folding spaces, full-width forms, case, star marks and units', () => {
    expect(matchHeader(' 整改　进展 ')).toBe('progress');
    expect(matchHeader('*措施编号')).toBe('measureId');
    expect(matchHeader('完成率（％）')).toBe('rate');
    expect(matchHeader('已拨付资金（万元）')).toBe('fundsPaid');
    expect(matchHeader('MEASURE ID')).toBe('measureId');
    expect(matchHeader('填报人')).toBeUndefined();
    expect(matchHeader(42)).toBeUndefined();
  });

  it('finds the header below title rows within the scanned rows', () => {
    const header = COLUMNS.map((c) => c.header);
    const grid = [['整改清单'], ['填报单位：民良村'], [], ...Array.from({ length: 10 }, () => ['']), header];
    expect(findHeader(grid).headerRow).toBe(13);
  });

  it('does not count blank rows, such as padding above a used range, toward the scanned rows', () => {
    const header = COLUMNS.map((c) => c.header);
    const grid = [...Array.from({ length: 40 }, () => []), ['整改清单'], Array(16).fill(''), header];
    expect(findHeader(grid).headerRow).toBe(42);
  });

  it('gives up beyond the scanned rows', () => {
    const grid = [...Array.from({ length: 25 }, () => ['说明']), COLUMNS.map((c) => c.header)];
    const result = findHeader(grid);
    expect(result.headerRow).toBe(-1);
    expect(result.missing).toEqual(COLUMNS.filter((c) => c.required).map((c) => c.key));
  });

  it('reports missing required columns and duplicated columns', () => {
    const result = findHeader([['措施编号', '整改措施', '完成情况', '整改进展', '完成状态', '备注']]);
    expect(result.missing).toEqual(['responsibleUnits', 'deadline']);
    expect(result.duplicates).toEqual([{ key: 'status', indexes: [2, 4] }]);
    expect(result.columns.status).toBe(2);
  });

  it('reads a ledger in a county layout by the words real ledgers use for its columns', () => {
    const header = ['序号', '问题表现', '整改任务', '责任领导', '牵头单位', '时限要求', '完成情况', '整改情况'];
    expect(findHeader([header]).columns).toEqual({
      seq: 0,
      problem: 1,
      measure: 2,
      lead: 3,
      responsibleUnits: 4,
      deadline: 5,
      status: 6,
      progress: 7,
    });
  });
});

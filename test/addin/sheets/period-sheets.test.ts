import { describe, expect, it } from 'vitest';
import { periodSheetName, SHEET_NAME_MAX } from '../../../addin/sheets/period-sheets.ts';
import { sheetNameProblem } from '../../e2e/excel-entry.ts';

describe('periodSheetName', () => {
  it('names a half-monthly period with its year, month and half', () => {
    expect(periodSheetName('汇总-按单位', '2023-11-H2')).toBe('汇总-按单位 2023年11月下');
    expect(periodSheetName('整改进展汇总表', '2024-01-H1')).toBe('整改进展汇总表 2024年1月上');
  });

  it('names a monthly period with its year and month', () => {
    expect(periodSheetName('报送矩阵', '2024-03')).toBe('报送矩阵 2024年3月');
  });

  it('keeps every name within 31 characters and legal in Excel, shortening the base and never the period', () => {
    const long = periodSheetName('一个非常非常长的工作表名称/含有[非法]字符:还要更长更长更长', '2023-12-H2');
    expect(long.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
    expect(long.endsWith(' 2023年12月下')).toBe(true);
    expect(sheetNameProblem(long)).toBeFalsy();
    expect(sheetNameProblem(periodSheetName("'引号'", '2023-12-H2'))).toBeFalsy();
  });

  it('gives different periods different names, a year apart too', () => {
    expect(periodSheetName('未报单位', '2023-11-H2')).not.toBe(periodSheetName('未报单位', '2024-11-H2'));
  });
});

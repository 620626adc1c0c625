// 计量单位: the glossary with its nearest-match suggestion, read from the checklist into the row, and figures summed
// only within one unit of measure (17 户 and 5 个 are never added; no 完成率 across them).
import { describe, expect, it } from 'vitest';
import { checkUnitOfMeasure } from '../../core/checklist/units-of-measure.ts';
import { measureFigures, sumFigures } from '../../core/reports/measure-rollup.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { goodGridRow, toGrid } from '../fixtures/checklist-grid.ts';
import { demoContext } from '../fixtures/demo-plan.ts';
import { OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';

describe('checkUnitOfMeasure', () => {
  it('knows the glossary units, also written full-width or with blanks', () => {
    for (const u of ['户', '个', '万元', '平方米', '%', '％', ' 公里 ', '人次'])
      expect(checkUnitOfMeasure(u), u).toEqual({ known: true });
  });

  it('suggests the glossary unit for an alias, a unit with extra words, or a one-character slip', () => {
    expect(checkUnitOfMeasure('户数')).toEqual({ known: false, suggestion: '户' });
    expect(checkUnitOfMeasure('千米')).toEqual({ known: false, suggestion: '公里' });
    expect(checkUnitOfMeasure('㎡')).toEqual({ known: false, suggestion: '平方米' });
    expect(checkUnitOfMeasure('户（脱贫户）')).toEqual({ known: false, suggestion: '户' });
    expect(checkUnitOfMeasure('平方')).toEqual({ known: false, suggestion: '平方米' });
  });

  it('has no suggestion for a word far from every unit', () => {
    expect(checkUnitOfMeasure('若干')).toEqual({ known: false });
  });
});

describe('计量单位 in the checklist', () => {
  const ctx = demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW });
  const rows = ['2-1', '2-2', '2-3', '2-4'].map((id, i) => goodGridRow(id, i));

  it('reads the column into the row and warns, never refuses, with the suggestion for a near miss', () => {
    const result = validateChecklist(
      toGrid([{ ...rows[0]!, unitOfMeasure: '户' }, { ...rows[1]!, unitOfMeasure: '户数' }, rows[2]!, rows[3]!]),
      ctx,
    );
    expect(result.rows.map((r) => r.data?.unitOfMeasure)).toEqual(['户', '户数', undefined, undefined]);
    const found = result.issues.filter((i) => i.code === 'unit_of_measure_unknown');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', row: 3 });
    expect(found[0]!.message).toContain('是否应为“户”');
  });

  it('refuses a unit of measure longer than 20 characters as text_too_long', () => {
    const result = validateChecklist(
      toGrid([{ ...rows[0]!, unitOfMeasure: '户'.repeat(21) }, rows[1]!, rows[2]!, rows[3]!]),
      ctx,
    );
    expect(result.issues.find((i) => i.code === 'text_too_long')).toMatchObject({ severity: 'error', row: 2 });
  });
});

describe('sums within one unit of measure', () => {
  it('never adds 17 户 and 5 个: one sum per unit of measure, no single target or actual', () => {
    const f = sumFigures([
      { target: 20, actual: 17, unitOfMeasure: '户', fundsPlanned: 10, fundsPaid: 4 },
      { target: 8, actual: 5, unitOfMeasure: '个', fundsPlanned: 5 },
    ]);
    expect(f).toEqual({
      fundsPlanned: 15,
      fundsPaid: 4,
      quantities: [
        { unitOfMeasure: '户', target: 20, actual: 17 },
        { unitOfMeasure: '个', target: 8, actual: 5 },
      ],
    });
    expect(f.target).toBeUndefined();
  });

  it('adds figures of one unit of measure, however it is written, and names the unit', () => {
    expect(
      sumFigures([
        { target: 10, actual: 4, unitOfMeasure: '户' },
        { target: 5, actual: 5, unitOfMeasure: ' 户' },
      ]),
    ).toEqual({ target: 15, actual: 9, unitOfMeasure: '户' });
  });

  it('sums stored per-report sums the same way, older ones without a unit of measure included', () => {
    const unitA = measureFigures([
      { measureId: '3-1', target: 20, actual: 17, unitOfMeasure: '户' },
      { measureId: '3-1', target: 8, actual: 5, unitOfMeasure: '个' },
    ])['3-1']!;
    const unitB = measureFigures([{ measureId: '3-1', target: 3, actual: 1, unitOfMeasure: '个' }])['3-1']!;
    const old = { target: 2, actual: 2 };
    expect(sumFigures([unitA, unitB, old]).quantities).toEqual([
      { unitOfMeasure: '户', target: 20, actual: 17 },
      { unitOfMeasure: '个', target: 11, actual: 6 },
      { unitOfMeasure: '', target: 2, actual: 2 },
    ]);
  });
});

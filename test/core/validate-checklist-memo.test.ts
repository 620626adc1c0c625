// validateChecklist shares its cell readings between runs (they depend only on column and value): re-validating
// must give the same answer, and one sheet's readings must not leak into another's.
import { describe, expect, it } from 'vitest';
import { validateChecklist } from '../../core/index.ts';
import { goodGridRow, toGrid } from '../fixtures/checklist-grid.ts';
import { officeChecklist, OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';

describe('validateChecklist across runs', () => {
  it('gives identical results when the same sheet is validated again', () => {
    const first = validateChecklist(officeChecklist(), { unitId: OFFICE_UNIT, now: OFFICE_NOW });
    const second = validateChecklist(officeChecklist(), { unitId: OFFICE_UNIT, now: OFFICE_NOW });
    expect(second).toEqual(first);
  });

  it('reads a corrected cell afresh after the faulty value was seen', () => {
    const bad = toGrid([{ ...goodGridRow('4-1'), status: '完成' }]);
    const good = toGrid([{ ...goodGridRow('4-1'), status: '推进中' }]);
    expect(validateChecklist(bad, { now: OFFICE_NOW }).issues.map((i) => i.code)).toEqual(['status_invalid']);
    expect(validateChecklist(good, { now: OFFICE_NOW }).issues).toEqual([]);
    expect(validateChecklist(bad, { now: OFFICE_NOW }).issues.map((i) => i.code)).toEqual(['status_invalid']);
  });

  it('judges the same deadline differently at different instants', () => {
    const grid = toGrid([{ ...goodGridRow('4-1'), status: '未启动' }]);
    expect(validateChecklist(grid, { now: '2023-11-01T00:00:00Z' }).issues.map((i) => i.code)).toEqual(['overdue_not_started']);
    expect(validateChecklist(grid, { now: '2023-10-01T00:00:00Z' }).issues).toEqual([]);
  });

  it('does not carry one row’s values into the next', () => {
    const grid = toGrid([
      { ...goodGridRow('4-1'), target: 10, actual: 5, rate: 50, note: '有备注' },
      { ...goodGridRow('4-2', 1), target: '', actual: '', rate: '', note: '' },
    ]);
    const rows = validateChecklist(grid, { now: OFFICE_NOW }).rows;
    expect(rows[0]!.data).toMatchObject({ target: 10, note: '有备注' });
    expect(rows[1]!.data).not.toHaveProperty('target');
    expect(rows[1]!.data).not.toHaveProperty('note');
  });

  it('reads a repeated measure’s plan cells afresh when one of them differs', () => {
    const grid = toGrid([
      goodGridRow('4-1'),
      { ...goodGridRow('4-1', 1), deadline: '尽快' },
      goodGridRow('4-1', 2),
      { ...goodGridRow('4-1', 3), measure: '与4-1无关的措施文字' },
    ]);
    const found = validateChecklist(grid, { now: OFFICE_NOW }).issues.map((i) => `${i.row} ${i.code}`);
    expect(found).toEqual([
      '3 duplicate_measure',
      '3 deadline_unparseable',
      '4 duplicate_measure',
      '5 duplicate_measure',
      '5 measure_text_mismatch',
    ]);
  });
});

// validateChecklist keeps no state between runs or between rows: re-validating gives the same answer, and a sheet
// that repeats a measure's plan cells on many rows is judged row by row.
import { describe, expect, it } from 'vitest';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { goodGridRow, toGrid, type GridRow } from '../fixtures/checklist-grid.ts';
import { demoContext } from '../fixtures/demo-plan.ts';
import { officeChecklist, OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';

const ctx = demoContext({ now: OFFICE_NOW });

describe('validateChecklist across runs', () => {
  it('gives identical results when the same sheet is validated again', () => {
    const first = validateChecklist(officeChecklist(), demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW }));
    const second = validateChecklist(officeChecklist(), demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW }));
    expect(second).toEqual(first);
  });

  it('reads a corrected cell afresh after the faulty value was seen', () => {
    const bad = toGrid([{ ...goodGridRow('4-1'), status: '完成' }]);
    const good = toGrid([{ ...goodGridRow('4-1'), status: '推进中' }]);
    expect(validateChecklist(bad, ctx).issues.map((i) => i.code)).toEqual(['status_invalid']);
    expect(validateChecklist(good, ctx).issues).toEqual([]);
    expect(validateChecklist(bad, ctx).issues.map((i) => i.code)).toEqual(['status_invalid']);
  });

  it('judges the same deadline differently at different instants', () => {
    const grid = toGrid([{ ...goodGridRow('4-1'), status: '未启动' }]);
    expect(validateChecklist(grid, demoContext({ now: '2023-11-01T00:00:00Z' })).issues.map((i) => i.code)).toEqual([
      'overdue_not_started',
    ]);
    expect(validateChecklist(grid, demoContext({ now: '2023-10-01T00:00:00Z' })).issues).toEqual([]);
  });

  it('does not carry one row’s values into the next', () => {
    const grid = toGrid([
      { ...goodGridRow('4-1'), target: 10, actual: 5, rate: 50, note: '有备注' },
      { ...goodGridRow('4-2', 1), target: '', actual: '', rate: '', note: '' },
    ]);
    const rows = validateChecklist(grid, ctx).rows;
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
    const found = validateChecklist(grid, ctx).issues.map((i) => `${i.row} ${i.code}`);
    expect(found).toEqual([
      '3 duplicate_measure',
      '3 deadline_unparseable',
      '4 duplicate_measure',
      '5 duplicate_measure',
      '5 measure_text_mismatch',
    ]);
  });

  it('gives every row of a sheet repeating one measure’s cells the findings of that row alone', () => {
    // 300 rows of 4-1 with the plan's cells copied down; every 50th row has an unreadable deadline.
    const rows: GridRow[] = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 49 ? { ...goodGridRow('4-1', i), deadline: '尽快' } : goodGridRow('4-1', i),
    );
    const issues = validateChecklist(toGrid(rows), ctx).issues;
    const expected = rows.slice(1).flatMap((r, k) => {
      const sheetRow = k + 3;
      return [
        `${sheetRow} duplicate_measure 第2行`,
        ...(r.deadline === '尽快' ? [`${sheetRow} deadline_unparseable`] : []),
      ];
    });
    expect(
      issues.map(
        (i) => `${i.row} ${i.code}${i.code === 'duplicate_measure' ? ` ${i.message.match(/第\d+行/)![0]}` : ''}`,
      ),
    ).toEqual(expected);
    // Each unreadable copy gets the same message.
    expect(new Set(issues.filter((i) => i.code === 'deadline_unparseable').map((i) => i.message)).size).toBe(1);
  });
});

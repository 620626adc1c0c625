// 子项（项目名称）: a measure may have several rows when each names a different item; a repeated item, or a second
// row without one, is duplicate_measure — in the sheet and in the Worker's body alike.
import { describe, expect, it } from 'vitest';
import { checkSubmission } from '../../core/rules/check-submission.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { goodGridRow, toGrid, type GridRow } from '../fixtures/checklist-grid.ts';
import { demoContext } from '../fixtures/demo-plan.ts';
import { OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';

/** 民政办 reports 2-1…2-4; `extra` rows follow a complete set. */
function sheet(rows: GridRow[]): unknown[][] {
  return toGrid(rows);
}
const complete = (first: GridRow = {}) => [
  { ...goodGridRow('2-1', 0), ...first },
  goodGridRow('2-2', 1),
  goodGridRow('2-3', 2),
  goodGridRow('2-4', 3),
];
const ctx = demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW });
const duplicates = (grid: unknown[][]) =>
  validateChecklist(grid, ctx)
    .issues.filter((i) => i.code === 'duplicate_measure')
    .map((i) => `${i.column}${i.row}`);

describe('items under one measure', () => {
  it('accepts two rows of one measure that name different items, and reads the item', () => {
    const grid = sheet([...complete({ item: '曼来组道路硬化' }), { ...goodGridRow('2-1', 4), item: '南楞组饮水工程' }]);
    const result = validateChecklist(grid, ctx);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.rows.map((r) => r.data?.item).filter(Boolean)).toEqual(['曼来组道路硬化', '南楞组饮水工程']);
  });

  it('flags a repeated item of one measure at its 子项 cell', () => {
    const grid = sheet([...complete({ item: '道路硬化' }), { ...goodGridRow('2-1', 4), item: '道路硬化' }]);
    expect(duplicates(grid)).toEqual(['E6']);
    expect(validateChecklist(grid, ctx).issues.find((i) => i.code === 'duplicate_measure')!.message).toContain(
      '子项“道路硬化”重复填报（第2行已填报该子项）',
    );
  });

  it('flags a second row of a measure when either row leaves the item blank', () => {
    expect(duplicates(sheet([...complete({ item: '道路硬化' }), goodGridRow('2-1', 4)]))).toEqual(['E6']);
    expect(duplicates(sheet([...complete(), goodGridRow('2-1', 4)]))).toEqual(['C6']);
  });

  it('gives the Worker the same verdict on the submitted body', () => {
    const rows = validateChecklist(
      sheet([...complete({ item: '道路硬化' }), { ...goodGridRow('2-1', 4), item: '道路硬化' }]),
      ctx,
    ).rows.map((r) => r.data!);
    const body: Submission = { period: '2023-09-H2', signer: '张三', rows };
    const found = checkSubmission(body, { ...ctx, unitId: OFFICE_UNIT }).filter((i) => i.code === 'duplicate_measure');
    expect(found.map((i) => i.path)).toEqual(['rows.4.item']);
    const distinct = { ...body, rows: rows.map((r, i) => (i === 4 ? { ...r, item: '饮水工程' } : r)) };
    expect(checkSubmission(distinct, { ...ctx, unitId: OFFICE_UNIT }).filter((i) => i.severity === 'error')).toEqual(
      [],
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, columnLetter } from '../../core/checklist/columns.ts';
import { unitById } from '../../core/units/unit-registry.ts';
import { checkActiveSheet, toSubmission } from '../../addin/check-sheet.ts';
import { HIGHLIGHT_COLORS } from '../../addin/sheets/highlight-colors.ts';
import { templateRows } from '../../addin/sheets/template-layout.ts';
import { installExcel, uninstallExcel } from './excel-harness.ts';
import { DEMO_PLAN, DEMO_PLAN_ID, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';

afterEach(uninstallExcel);

const unit = 'v-minliang';
const at = (key: string) => COLUMNS.findIndex((c) => c.key === key);

/** The unit's template as Excel would hand it back, with status/progress filled in per row. */
function sheet(fill: (row: unknown[], i: number) => void): unknown[][] {
  const rows = templateRows(DEMO_PLAN, unit).map((r, i) => {
    const row: unknown[] = [...r];
    fill(row, i);
    return row;
  });
  const title = `${DEMO_PLAN.title}整改清单（${unitById(DEMO_UNITS, unit)!.name}）`;
  return [[title, ...COLUMNS.slice(1).map(() => '')], COLUMNS.map((c) => c.header), ...rows];
}

describe('checkActiveSheet', () => {
  it('validates with two syncs in total and highlights the cells core flagged', async () => {
    const grid = sheet((row, i) => {
      row[at('status')] = i === 0 ? '完成了' : '推进中';
      row[at('progress')] = '已入户走访 120 户';
    });
    const h = installExcel({
      active: '整改清单',
      sheets: { 整改清单: { values: grid, address: `整改清单!A1:P${grid.length}`, rowIndex: 0, columnIndex: 0 } },
    });
    const check = await checkActiveSheet(demoContext({ unitId: unit, now: new Date('2023-09-10T00:00:00Z') }));
    expect(h.syncs()).toBe(2);
    const bad = check.issues.find((i) => i.severity === 'error')!;
    expect(bad).toMatchObject({ row: 3, column: columnLetter(at('status')) });
    const red = h.log
      .filter((e) => e.kind === 'areas' && e.value === HIGHLIGHT_COLORS.error)
      .map((e) => e.target)
      .join(',');
    expect(red.split(',')).toContain(`${bad.column}${bad.row}`);
    expect(check.errors).toBeGreaterThan(0);
    expect(() => toSubmission(check, DEMO_PLAN_ID, '2023-09-H1', '李四')).toThrow();
  });

  it('turns a clean sheet into a submission with one row per measure', async () => {
    const grid = sheet((row) => {
      row[at('status')] = '推进中';
      row[at('progress')] = '已入户走访 120 户';
    });
    installExcel({
      active: '整改清单',
      sheets: { 整改清单: { values: grid, address: `整改清单!A1:P${grid.length}`, rowIndex: 0, columnIndex: 0 } },
    });
    const check = await checkActiveSheet(demoContext({ unitId: unit, now: new Date('2023-08-10T00:00:00Z') }));
    expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const submission = toSubmission(check, DEMO_PLAN_ID, '2023-08-H1', '李四');
    expect(submission.rows.map((r) => r.measureId)).toEqual(demoMeasuresFor(unit).map((m) => m.id));
  });
});

// The template marks a measure the unit has 已销号: its row says 已销号 in 完成情况 and 备注 and asks for nothing, in
// Excel (插入模板, through the strict Excel double) and in the .xlsx (下载填报模板); read back, the sheet check neither
// flags nor demands that row, while every open measure is still demanded.
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSED_ROW_STATUS } from '../../core/closure/index.ts';
import { COLUMNS } from '../../core/checklist/columns.ts';
import { unitById } from '../../core/units/unit-registry.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { insertTemplate } from '../../addin/excel/index.ts';
import { readUpload, templateXlsx } from '../../addin/files/index.ts';
import { CLOSED_ROW_NOTE, FIRST_DATA_ROW, templateRows } from '../../addin/sheets/template-layout.ts';
import { DEMO_PLAN, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { installExcel, uninstallExcel } from './excel-harness.ts';

afterEach(uninstallExcel);

const unit = unitById(DEMO_UNITS, 'v-minliang')!;
const CLOSED = '1-2';
const at = (key: string) => COLUMNS.findIndex((c) => c.key === key);
const ids = demoMeasuresFor(unit.id).map((m) => m.id);
const closedIndex = ids.indexOf(CLOSED);

describe('the template of a unit with a closed measure', () => {
  it("marks the closed measure's row 已销号 and leaves every other row as before", () => {
    const rows = templateRows(DEMO_PLAN, unit.id, new Set([CLOSED]));
    const plain = templateRows(DEMO_PLAN, unit.id);
    expect(rows[closedIndex]![at('status')]).toBe(CLOSED_ROW_STATUS);
    expect(rows[closedIndex]![at('note')]).toBe(CLOSED_ROW_NOTE);
    expect(rows[closedIndex]![at('progress')]).toBe('');
    expect(rows[closedIndex]![at('measureId')]).toBe(CLOSED);
    expect(rows.filter((_, i) => i !== closedIndex)).toEqual(plain.filter((_, i) => i !== closedIndex));
  });

  it('writes the mark in Excel through 插入模板, still in two syncs', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit, templateRows(DEMO_PLAN, unit.id, new Set([CLOSED])));
    expect(h.syncs()).toBe(2);
    const body = h.writes('整改清单').find((w) => w.target.startsWith(`A${FIRST_DATA_ROW}:`))!.value;
    expect(body[closedIndex]![at('status')]).toBe(CLOSED_ROW_STATUS);
    expect(body.filter((r) => r[at('status')] === CLOSED_ROW_STATUS)).toHaveLength(1);
  });

  it('downloads an .xlsx whose closed row the sheet check neither flags nor demands', async () => {
    const bytes = await templateXlsx(DEMO_PLAN, unit, templateRows(DEMO_PLAN, unit.id, new Set([CLOSED])));
    const book = await readUpload('整改清单.xlsx', bytes);
    const grid = book.sheets.find((s) => s.name === '整改清单')!.grid;
    const closedRow = FIRST_DATA_ROW + closedIndex;
    expect(grid[closedRow - 1]![at('status')]).toBe(CLOSED_ROW_STATUS);

    const withClosure = validateChecklist(grid, demoContext({ unitId: unit.id, closedMeasureIds: new Set([CLOSED]) }));
    expect(withClosure.issues.filter((i) => i.row === closedRow)).toEqual([]);
    expect(withClosure.rows.map((r) => r.sheetRow)).not.toContain(closedRow);
    // The open measures' empty rows are still demanded.
    expect(withClosure.issues.some((i) => i.code === 'required_cell_empty' && i.row === FIRST_DATA_ROW)).toBe(true);

    // Reopened (no longer closed): the mark is an error on 完成情况, and the row must be filled in.
    const reopened = validateChecklist(grid, demoContext({ unitId: unit.id, closedMeasureIds: new Set<string>() }));
    expect(reopened.issues.some((i) => i.row === closedRow && i.field === 'status' && i.severity === 'error')).toBe(
      true,
    );
  });
});

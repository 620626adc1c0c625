// The add-in against a double as strict as Excel where Microsoft documents Excel's behaviour: typed percentages,
// cell-edit mode, text-formatted cells, settings saves, fills the user set, sheet names, widths in points, freeze panes.
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, columnLetter } from '../../core/checklist/columns.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import {
  CELL_EDIT_MESSAGE,
  READ_WINDOW,
  highlightIssues,
  insertTemplate,
  readActiveSheet,
  writeDocSettings,
} from '../../addin/excel/index.ts';
import { writeSummarySheets } from '../../addin/excel/write-summary.ts';
import { charsToPoints } from '../../addin/excel/column-width.ts';
import { HIGHLIGHT_COLORS } from '../../addin/sheets/highlight-colors.ts';
import { FIRST_DATA_ROW, LIST_SHEET_NAME, rateFormula, templateRows } from '../../addin/sheets/template-layout.ts';
import { dateSerial, evaluateFormula, excelEntry, sheetNameProblem } from '../e2e/excel-entry.ts';
import { installExcel, typed, uninstallExcel } from './excel-harness.ts';
import { goodGridRow, toGrid } from '../fixtures/checklist-grid.ts';
import { DEMO_PLAN, DEMO_PLAN_ID, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { unitById } from '../../core/units/unit-registry.ts';

/** A correct checklist for v-minliang as typed into the template: text columns '@', number columns General. */
function checklistGrid(): unknown[][] {
  return toGrid(demoMeasuresFor('v-minliang').map((m, i) => goodGridRow(m.id, i)));
}
function templateFormats(rows: unknown[][]): string[][] {
  return rows.map((r) => r.map((_, j) => (['number', 'percent'].includes(COLUMNS[j]!.kind) ? 'General' : '@')));
}

afterEach(uninstallExcel);

const rateCol = COLUMNS.findIndex((c) => c.key === 'rate');

describe('Excel entry rules in the doubles', () => {
  it('stores "85%" as 0.85 with a % format, 85 typed into a % cell as 0.85, "1,000" as 1000 and a date as its serial', () => {
    expect(excelEntry('85%', 'General')).toEqual({ value: 0.85, format: '0%' });
    expect(excelEntry('85', '0%')).toEqual({ value: 0.85 });
    expect(excelEntry('1,000', 'General')).toEqual({ value: 1000, format: '#,##0' });
    expect(excelEntry('2023-09-14', 'General')).toEqual({ value: dateSerial(2023, 9, 14), format: 'yyyy/m/d' });
    expect(dateSerial(2023, 9, 14)).toBe(45183);
  });

  it('keeps text literally in a text-formatted cell, leading apostrophe included, and drops it elsewhere', () => {
    expect(excelEntry("'-加强管理", '@')).toEqual({ value: "'-加强管理" });
    expect(excelEntry("'-加强管理", 'General')).toEqual({ value: '-加强管理' });
    expect(excelEntry('=1+1', '@')).toEqual({ value: '=1+1' });
    expect(excelEntry('=1+1', 'General')).toMatchObject({ formula: true });
  });

  it('refuses sheet names Excel refuses, compares them without case, and never hides the last visible sheet', async () => {
    expect(sheetNameProblem('a/b')).toBeTruthy();
    expect(sheetNameProblem('x'.repeat(32))).toBeTruthy();
    expect(sheetNameProblem('History')).toBeTruthy();
    expect(sheetNameProblem('整改清单')).toBeUndefined();
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const ws = h.mock.context.workbook.worksheets;
    expect(() => ws.add('SHEET1')).toThrow(/ItemAlreadyExists/);
    expect(() => (ws.getItem('Sheet1').visibility = 'Hidden')).toThrow(/last visible/);
  });
});

describe('formulas in the doubles', () => {
  const cells = (map: Record<string, string | number>) => (a: string) => map[a];
  const f = rateFormula(4);
  const target = columnLetter(COLUMNS.findIndex((c) => c.key === 'target'));
  const actual = columnLetter(COLUMNS.findIndex((c) => c.key === 'actual'));

  it('computes the 完成率 formula as Excel does: one decimal, halves away from zero', () => {
    expect(evaluateFormula(f, cells({ [`${target}4`]: 120, [`${actual}4`]: 72 }))).toBe(60);
    expect(evaluateFormula(f, cells({ [`${target}4`]: 3, [`${actual}4`]: 2 }))).toBe(66.7);
    expect(evaluateFormula(f, cells({ [`${target}4`]: 8, [`${actual}4`]: 1 }))).toBe(12.5);
    expect(evaluateFormula('=ROUND(0.25,1)', cells({}))).toBe(0.3);
  });

  it('leaves 完成率 blank while 目标值 is blank or 0 or 完成值 is blank, and shows #VALUE! for text', () => {
    expect(evaluateFormula(f, cells({ [`${actual}4`]: 5 }))).toBe('');
    expect(evaluateFormula(f, cells({ [`${target}4`]: 0, [`${actual}4`]: 5 }))).toBe('');
    expect(evaluateFormula(f, cells({ [`${target}4`]: 10 }))).toBe('');
    expect(evaluateFormula(f, cells({ [`${target}4`]: '十', [`${actual}4`]: 5 }))).toBe('#VALUE!');
    expect(evaluateFormula('=A1/B1', cells({ A1: 1 }))).toBe('#DIV/0!');
  });

  it('refuses a formula it does not model instead of guessing its value', () => {
    expect(() => evaluateFormula('=SUM(A1:A3)', cells({}))).toThrow(/not modelled/);
    expect(() => evaluateFormula('=HYPERLINK("x","y")', cells({}))).toThrow(/not modelled/);
  });

  it("gives readActiveSheet the formula's value, so a template row filled in passes the 完成率 rules", async () => {
    const rows = checklistGrid();
    rows.forEach((r, i) => (r[rateCol] = i === 0 ? '' : rateFormula(i + 1))); // row 1 is the header
    const data = typed('整改清单', rows, templateFormats(rows));
    expect(data.formulas![1]![rateCol]).toBe(rateFormula(2));
    installExcel({ active: '整改清单', sheets: { 整改清单: data } });
    const read = await readActiveSheet();
    const [t, a] = (['target', 'actual'] as const).map((k) => COLUMNS.findIndex((c) => c.key === k));
    expect(read.grid.slice(1).map((r) => r[rateCol])).toEqual(
      rows.slice(1).map((r) => Math.round(((r[a!] as number) / (r[t!] as number)) * 1000) / 10),
    );
    expect(read.grid.slice(1).every((r) => typeof r[rateCol] === 'number')).toBe(true);
    expect(validateChecklist(read.grid, demoContext({})).issues).toEqual([]);
  });
});

describe('readActiveSheet reads what the clerk meant', () => {
  it('turns a %-formatted 0.85 back into 85, so "85%" and 85 typed into a % cell pass the 完成率 rules', async () => {
    const rows = checklistGrid();
    const formats = templateFormats(rows);
    rows[2]![rateCol] = '60%'; // typed into a General cell: 0.6 with "0%"
    formats[3]![rateCol] = '0%';
    rows[3]![rateCol] = '60'; // typed into a cell already showing %: 0.6 as well
    installExcel({ active: '整改清单', sheets: { 整改清单: typed('整改清单', rows, formats) } });
    const read = await readActiveSheet();
    expect([read.grid[2]![rateCol], read.grid[3]![rateCol]]).toEqual([60, 60]);
    const rateIssues = validateChecklist(read.grid, demoContext({})).issues.filter(
      (i) => i.column === columnLetter(rateCol),
    );
    expect(rateIssues).toEqual([]);
  });

  it('reads only a bounded window when a stray value far away stretches the used range, and says so', async () => {
    const rows = checklistGrid();
    const data = typed('整改清单', rows, templateFormats(rows));
    installExcel({
      active: '整改清单',
      sheets: { 整改清单: { ...data, address: '整改清单!A1:XFD1048576', rowCount: 1_048_576, columnCount: 16_384 } },
    });
    const read = await readActiveSheet();
    expect(read.clippedUsedRange).toBe('整改清单!A1:XFD1048576');
    expect(read.grid.length).toBeLessThanOrEqual(READ_WINDOW.rows);
    expect(Math.max(...read.grid.map((r) => r.length))).toBeLessThanOrEqual(READ_WINDOW.columns);
  });
});

describe('cell-edit mode', () => {
  it('asks Excel to wait while a cell is being edited and reads once the user leaves the cell', async () => {
    const h = installExcel({ active: 'S', sheets: { S: typed('S', [['措施编号'], ['1-1']]) } });
    h.setCellEdit(true);
    let done = false;
    const reading = readActiveSheet().then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    h.setCellEdit(false);
    expect((await reading).grid[1]).toEqual(['1-1']);
    expect(h.runOptions).toEqual([{ delayForCellEdit: true }]);
  });

  it('says in Chinese what to do when Excel still refuses the batch during cell edit', async () => {
    installExcel({ active: 'S', sheets: { S: null } });
    (globalThis as any).Excel.run = async () => {
      throw Object.assign(new Error('InvalidOperationInCellEditMode'), { code: 'InvalidOperationInCellEditMode' });
    };
    await expect(readActiveSheet()).rejects.toThrow(CELL_EDIT_MESSAGE);
  });
});

describe('the template in text-formatted cells', () => {
  it('writes prefilled text without a formula apostrophe, into cells formatted as text first', async () => {
    const rows = templateRows(DEMO_PLAN, 'v-minliang');
    expect(rows.flat().filter((v) => v.startsWith("'"))).toEqual([]);
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unitById(DEMO_UNITS, 'v-minliang')!);
    const formats = h.log.filter((e) => e.sheet === '整改清单' && e.path === 'numberFormat');
    const body = h.writes('整改清单').find((w) => w.target.startsWith(`A${FIRST_DATA_ROW}:`))!.value;
    body[0]!.forEach((v, j) => {
      if (v === '') return;
      const f = formats.find((e) => e.target.startsWith(`${columnLetter(j)}${FIRST_DATA_ROW}:`))!.value as string[][];
      expect(f[0]![0], COLUMNS[j]!.key).toBe('@');
    });
  });

  it('sets widths in points, freezes the header only after activating the sheet, and keeps the list sheet very hidden', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null, rectifylists: null } });
    await insertTemplate(DEMO_PLAN, unitById(DEMO_UNITS, 'v-minliang')!);
    expect(h.log.filter((e) => e.path === 'add()').map((e) => e.sheet)).toEqual(['整改清单']);
    expect(h.visibility('rectifylists')).toBe('VeryHidden');
    const width = h.log.find(
      (e) => e.sheet === '整改清单' && e.target === 'C:C' && e.path === 'format.columnWidth',
    )!.value;
    expect(width).toBe(charsToPoints(COLUMNS[2]!.width));
    const ops = h.log.filter((e) => e.sheet === '整改清单').map((e) => e.path);
    expect(ops.indexOf('activate()')).toBeGreaterThanOrEqual(0);
    expect(ops.indexOf('activate()')).toBeLessThan(ops.indexOf('freezePanes.freezeRows()'));
    void LIST_SHEET_NAME;
  });

  it('activates each summary sheet before freezing its panes', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const summary = {
      planId: DEMO_PLAN_ID,
      period: '2023-09-H1',
      deadline: '2023-09-14T16:00:00.000Z',
      generatedAt: '2023-09-15T01:00:00.000Z',
      units: [],
      measures: [],
      totals: { units: 0, on_time: 0, late: 0, missing: 0, not_due: 0, returned: 0, rows: 0 },
    };
    const names = await writeSummarySheets(summary, {
      planId: DEMO_PLAN_ID,
      from: '2023-09-H1',
      to: '2023-09-H1',
      periods: ['2023-09-H1'],
      units: [],
    });
    for (const name of names) {
      const ops = h.log.filter((e) => e.sheet === name).map((e) => e.path);
      expect(ops.indexOf('activate()'), name).toBeLessThan(ops.indexOf('freezePanes.freezeRows()'));
    }
  });
});

describe('workbook settings', () => {
  it('calls saveAsync only when a value changed (each save clears the undo stack)', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null } });
    await writeDocSettings({ unitId: 'v-minliang', signer: '李明' });
    await writeDocSettings({ unitId: 'v-minliang', signer: '李明' });
    expect(h.saves()).toBe(1);
    const issues = [{ row: 3, column: 'H', severity: 'error' as const }];
    await highlightIssues('S', issues);
    await highlightIssues('S', issues);
    expect(h.saves()).toBe(2);
  });

  it('keeps working when Office cannot save the settings', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null }, failSaves: true });
    await expect(highlightIssues('S', [{ row: 3, column: 'H', severity: 'error' }])).resolves.toMatchObject({
      areas: 1,
    });
    expect(h.saves()).toBe(1);
  });
});

describe('highlight clearing', () => {
  it("gives a cell the pane coloured its user's own fill back once the problem is fixed", async () => {
    const h = installExcel({ active: 'S', sheets: { S: null }, fills: { S: { I7: '#FFFF00' } } });
    await highlightIssues('S', [{ row: 7, column: 'I', severity: 'error' }]);
    expect(h.fill('S', 'I7')).toBe(HIGHLIGHT_COLORS.error);
    await highlightIssues('S', []);
    expect(h.fill('S', 'I7')).toBe('#FFFF00');
  });

  it('leaves alone a fill of the user that moved onto a remembered address (rows inserted or sorted)', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null } });
    await highlightIssues('S', [
      { row: 5, column: 'C', severity: 'error' },
      { row: 6, column: 'C', severity: 'warning' },
    ]);
    // The user inserted a row above: our red moved to C6, their own green row landed on C5.
    h.log.push({ sheet: 'S', target: 'C5', kind: 'range', path: 'format.fill.color', value: '#00FF00' });
    h.log.push({ sheet: 'S', target: 'C6', kind: 'range', path: 'format.fill.color', value: HIGHLIGHT_COLORS.error });
    await highlightIssues('S', []);
    expect(h.fill('S', 'C5')).toBe('#00FF00');
    expect(h.fill('S', 'C6')).toBe('');
  });

  it('still validates and highlights in two syncs in all', async () => {
    const h = installExcel({ active: 'S', sheets: { S: typed('S', [['措施编号'], ['1-1']]) } });
    await highlightIssues('S', [{ row: 2, column: 'A', severity: 'error' }]);
    const before = h.syncs();
    const read = await readActiveSheet();
    await highlightIssues('S', [{ row: 2, column: 'A', severity: 'warning' }], read.highlightProbe);
    expect(h.syncs() - before).toBe(2);
    expect(h.fill('S', 'A2')).toBe(HIGHLIGHT_COLORS.warning);
  });
});

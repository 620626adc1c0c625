// The Workbook interface's two adapters give the same verdict: each fixture grid goes into Excel (office-addin-mock
// harness) and into an .xlsx file written with the library, and checkWorkbook must list the same issues (行/列) and
// the same rows for both.
import { COLUMNS, columnLetter, type ColumnKey } from '../../core/checklist/columns.ts';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import type ExcelJS from 'exceljs';
import { checkWorkbook } from '../../addin/check-sheet.ts';
import { excelWorkbook } from '../../addin/excel/index.ts';
import { fileWorkbook, readUpload } from '../../addin/files/index.ts';
import { installExcel, uninstallExcel } from './excel-harness.ts';
import { demoContext } from '../fixtures/demo-plan.ts';
import { VILLAGE_NOW, VILLAGE_UNIT, villageChecklist } from '../fixtures/village-checklist.ts';
import { TITLED_NOW, TITLED_UNIT, titledChecklist } from '../fixtures/titled-checklist.ts';
import { officeChecklist, OFFICE_UNIT, OFFICE_NOW } from '../fixtures/office-checklist.ts';

afterEach(uninstallExcel);

async function asXlsx(grid: unknown[][], sheet: string): Promise<Uint8Array> {
  const wb = new ExcelJSLib.Workbook();
  wb.addWorksheet('说明').getCell('A1').value = '本工作簿第二张表是整改清单';
  const ws = wb.addWorksheet(sheet);
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '' && v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as string | number;
    }),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function planted(): unknown[][] {
  const grid = villageChecklist();
  const status = grid[0]!.indexOf('完成情况');
  grid[2]![status] = '完成了';
  grid[4]![grid[0]!.indexOf('整改进展')] = '';
  return grid;
}

const FIXTURES: { name: string; grid: () => unknown[][]; unit: string; now: string }[] = [
  { name: 'a clean village checklist with messy input', grid: villageChecklist, unit: VILLAGE_UNIT, now: VILLAGE_NOW },
  {
    name: 'a village checklist with a bad status and an empty progress',
    grid: planted,
    unit: VILLAGE_UNIT,
    now: VILLAGE_NOW,
  },
  { name: 'a checklist under a title row', grid: () => titledChecklist(), unit: TITLED_UNIT, now: TITLED_NOW },
  { name: 'an office checklist', grid: officeChecklist, unit: OFFICE_UNIT, now: OFFICE_NOW },
];

/** The template's column letter for a key, wherever the checklist's columns put it. */
const letterOf = (key: ColumnKey) => columnLetter(COLUMNS.findIndex((c) => c.key === key));

describe('Workbook adapters', () => {
  for (const f of FIXTURES) {
    it(`give the same issues and rows for ${f.name} in Excel and in an uploaded .xlsx`, async () => {
      const grid = f.grid();
      const ctx = demoContext({ unitId: f.unit, now: new Date(f.now) });
      installExcel({
        active: '整改清单',
        sheets: { 整改清单: { values: grid, address: `整改清单!A1:P${grid.length}`, rowIndex: 0, columnIndex: 0 } },
      });
      const inExcel = await checkWorkbook(excelWorkbook(), ctx);
      const book = await readUpload('清单.xlsx', await asXlsx(grid, '整改清单'));
      const file = fileWorkbook(book);
      expect(file.sheetName).toBe('整改清单');
      const inFile = await checkWorkbook(file, ctx);
      const where = (c: typeof inExcel) => c.issues.map((i) => `${i.severity} ${i.code} ${i.column}${i.row}`);
      expect(where(inFile)).toEqual(where(inExcel));
      expect(inFile.dataRows).toEqual(inExcel.dataRows);
      expect(file.lastIssues().map((i) => `${i.column}${i.row}`)).toEqual(
        inExcel.issues.filter((i) => i.column).map((i) => `${i.column}${i.row}`),
      );
    });
  }

  it('finds the planted bad status at the row and column Excel shows', async () => {
    const book = await readUpload('清单.xlsx', await asXlsx(planted(), '整改清单'));
    const check = await checkWorkbook(
      fileWorkbook(book),
      demoContext({ unitId: VILLAGE_UNIT, now: new Date(VILLAGE_NOW) }),
    );
    expect(check.issues.filter((i) => i.severity === 'error').map((i) => `${i.column}${i.row}`)).toEqual(
      expect.arrayContaining([`${letterOf('status')}3`, `${letterOf('progress')}5`]),
    );
  });
});

// 下载标注版 of an .xlsx, counted cell by cell: a file LibreOffice wrote (its own styles.xml, fit-to-page saved as
// "true") and the product's own template, each checked by core and annotated. Exactly the flagged cells carry the
// pane's red or yellow, everything of the checked sheet outside its cells is byte for byte the user's, and
// LibreOffice prints the 标注版 on as many pages as the original.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import type ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChecklistIssue } from '../../core/validate-checklist.ts';
import { checkWorkbook } from '../../addin/check-sheet.ts';
import { annotatedXlsx, fileWorkbook, readUpload, templateXlsx } from '../../addin/files/index.ts';
import { HIGHLIGHT_COLORS } from '../../addin/sheets/highlight-colors.ts';
import { FIRST_DATA_ROW } from '../../addin/sheets/template-layout.ts';
import { DEMO_PLAN, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { col, goodRow } from './sheet-builders.ts';
import { soffice } from './soffice.ts';

const unit = DEMO_UNITS.find((u) => demoMeasuresFor(u.id).length >= 6)!;
const work = mkdtempSync(path.join(tmpdir(), 'rectify-annotate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RED = `FF${HIGHLIGHT_COLORS.error.slice(1)}`;
const YELLOW = `FF${HIGHLIGHT_COLORS.warning.slice(1)}`;

async function check(file: string) {
  const book = await readUpload(path.basename(file), new Uint8Array(readFileSync(file)));
  const result = await checkWorkbook(
    fileWorkbook(book),
    demoContext({ unitId: unit.id, now: new Date('2023-09-10T00:00:00Z') }),
  );
  return { book, issues: result.issues };
}

/** Cells expected red (any error) and yellow (warnings only), as "H4". */
function expected(issues: readonly ChecklistIssue[]): { red: Set<string>; yellow: Set<string> } {
  const located = issues.filter((i) => i.column && i.row > 0);
  const red = new Set(located.filter((i) => i.severity === 'error').map((i) => `${i.column}${i.row}`));
  const yellow = new Set(
    located
      .filter((i) => i.severity === 'warning')
      .map((i) => `${i.column}${i.row}`)
      .filter((a) => !red.has(a)),
  );
  return { red, yellow };
}

/** Every cell of the sheet filled with the pane's red or yellow, by address. */
async function filled(bytes: Uint8Array, sheet: string): Promise<{ red: Set<string>; yellow: Set<string> }> {
  const wb = new ExcelJSLib.Workbook();
  await wb.xlsx.load(bytes as never);
  const out = { red: new Set<string>(), yellow: new Set<string>() };
  wb.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const argb = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb?.toUpperCase();
      if (argb === RED) out.red.add(cell.address);
      if (argb === YELLOW) out.yellow.add(cell.address);
    }),
  );
  return out;
}

const unzip = (file: string, part: string) => execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
const outsideCells = (sheetXml: string) => sheetXml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>');
const pdfPages = (file: string) =>
  (
    readFileSync(soffice(file, 'pdf', path.join(work, 'pdf')))
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;

describe('下载标注版 of an .xlsx', () => {
  it('colours exactly the flagged cells of a LibreOffice-written file, errors red and warnings yellow, and keeps its fit-to-page print', async () => {
    const measures = demoMeasuresFor(unit.id);
    const template = path.join(work, 'template.xlsx');
    writeFileSync(template, await templateXlsx(DEMO_PLAN, unit));
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.load(readFileSync(template) as never);
    const ws = wb.getWorksheet('整改清单')!;
    measures.forEach((_, i) =>
      Object.entries(goodRow(FIRST_DATA_ROW + i)).forEach(([a, v]) => (ws.getCell(a).value = v as ExcelJS.CellValue)),
    );
    const F = FIRST_DATA_ROW;
    ws.getCell(`${col('status')}${F}`).value = '完成了'; // error
    ws.getCell(`${col('progress')}${F + 1}`).value = ''; // error
    ws.getCell(`${col('rate')}${F + 2}`).value = 95; // error: 6 / 10 is 60 %
    ws.getCell(`${col('measure')}${F + 3}`).value = '另一项措施'; // warning
    ws.getCell(`${col('deadline')}${F + 4}`).value = '2031年12月31日'; // warning
    const filledIn = path.join(work, 'filled.xlsx');
    writeFileSync(filledIn, new Uint8Array(await wb.xlsx.writeBuffer()));
    const lo = soffice(filledIn, 'xlsx', path.join(work, 'lo'));
    expect(unzip(lo, 'xl/worksheets/sheet1.xml')).toContain('fitToPage="true"');

    const { book, issues } = await check(lo);
    const want = expected(issues);
    expect(want.red.size).toBeGreaterThanOrEqual(3);
    expect(want.yellow.size).toBeGreaterThanOrEqual(2);
    const marked = path.join(work, 'lo-标注版.xlsx');
    writeFileSync(marked, await annotatedXlsx(book, '整改清单', issues));

    expect(await filled(readFileSync(marked), '整改清单')).toEqual(want);
    expect(outsideCells(unzip(marked, 'xl/worksheets/sheet1.xml'))).toBe(
      outsideCells(unzip(lo, 'xl/worksheets/sheet1.xml')),
    );
    expect(unzip(marked, 'xl/worksheets/sheet2.xml')).toBe(unzip(lo, 'xl/worksheets/sheet2.xml'));
    expect(pdfPages(marked) - 1).toBe(pdfPages(lo)); // + the 校验结果 page
  }, 180_000);

  it("colours exactly the flagged cells of the product's own template uploaded unchanged", async () => {
    const file = path.join(work, '模板.xlsx');
    writeFileSync(file, await templateXlsx(DEMO_PLAN, unit));
    const { book, issues } = await check(file);
    const want = expected(issues);
    expect(want.red.size).toBeGreaterThan(0);
    const bytes = await annotatedXlsx(book, '整改清单', issues);
    expect(await filled(bytes, '整改清单')).toEqual(want);
    // The values and the 校验结果 sheet as a reader sees them.
    const again = await readUpload('标注版.xlsx', bytes);
    expect(again.sheets.map((s) => s.name)).toEqual(['整改清单', '校验结果']);
    expect(again.sheets[0]!.grid).toEqual(book.sheets[0]!.grid);
    expect(again.sheets[1]!.grid.length).toBe(issues.length + 1);
  });
});

// The .xlsx files the web page offers: the template holds what 插入模板 writes in Excel, the summary workbook holds
// every SheetSpec, and the 标注版 is the user's own workbook with fills and a 校验结果 sheet added, nothing else changed.
import { describe, expect, it } from 'vitest';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import type ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { COLUMNS, columnLetter } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { checkWorkbook } from '../../addin/check-sheet.ts';
import { HIGHLIGHT_COLORS } from '../../addin/sheets/highlight-colors.ts';
import type { SheetSpec } from '../../addin/sheets/summary-sheets.ts';
import { periodSheets } from '../../addin/sheets/period-sheets.ts';
import {
  annotatedXlsx,
  fileWorkbook,
  previousXlsx,
  readUpload,
  specsToXlsx,
  templateXlsx,
} from '../../addin/files/index.ts';
import { DEMO_PLAN, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  LIST_SHEET_NAME,
  NOTE_ROW,
  SPARE_ROWS,
  TEMPLATE_NOTE,
  measureCell,
  templateRows,
  rateFormula,
  rowHeight,
} from '../../addin/sheets/template-layout.ts';

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJSLib.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
};
const unit = DEMO_UNITS.find((u) => u.id === 'v-minliang')!;
const col = (key: string) => columnLetter(COLUMNS.findIndex((c) => c.key === key));

describe('templateXlsx', () => {
  const F = FIRST_DATA_ROW;

  it('writes the header, the prefilled rows of templateRows, a 完成情况 list, number validation, text ids, a frozen header and widths', async () => {
    const wb = await load(await templateXlsx(DEMO_PLAN, unit));
    const ws = wb.getWorksheet('整改清单')!;
    expect(ws.getRow(HEADER_ROW).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    const rows = templateRows(DEMO_PLAN, unit.id);
    expect(ws.getCell(`${col('measureId')}${F}`).value).toBe(rows[0]![COLUMNS.findIndex((c) => c.key === 'measureId')]);
    expect(ws.getCell(`${col('measureId')}${F}`).numFmt).toBe('@');
    expect(ws.getCell(`${col('status')}${F}`).dataValidation).toMatchObject({
      type: 'list',
      formulae: [`'${LIST_SHEET_NAME}'!$A$1:$A$4`],
    });
    expect(ws.getCell(`${col('rate')}${F}`).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
    });
    expect(ws.getCell(`${col('target')}${F}`).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(ws.getColumn(col('progress')).width).toBe(COLUMNS.find((c) => c.key === 'progress')!.width);
    const lists = wb.getWorksheet(LIST_SHEET_NAME)!;
    expect(lists.state).toBe('veryHidden');
    expect(lists.getColumn(1).values.slice(1)).toEqual(Object.values(STATUS_LABELS).map((l) => l.zh));
  });

  it("writes the 填报说明 above the header and each measure's full text with its 应报数据, wrapped in a row tall enough", async () => {
    const wb = await load(await templateXlsx(DEMO_PLAN, unit));
    const ws = wb.getWorksheet('整改清单')!;
    expect(ws.getCell(`A${NOTE_ROW}`).value).toBe(TEMPLATE_NOTE);
    expect(ws.getCell(`A${NOTE_ROW}`).isMerged).toBe(true);
    const measures = demoMeasuresFor(unit.id);
    const rows = templateRows(DEMO_PLAN, unit.id);
    measures.forEach((m, i) => {
      const cell = ws.getCell(`${col('measure')}${F + i}`);
      expect(cell.value).toBe(measureCell(m));
      expect(cell.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
      expect(ws.getRow(F + i).height).toBe(rowHeight(rows[i]!));
    });
    expect(
      measures.some(
        (m) =>
          m.dataHint &&
          String(ws.getCell(`${col('measure')}${F + measures.indexOf(m)}`).value).endsWith(`应报数据：${m.dataHint}`),
      ),
    ).toBe(true);
    expect(ws.getCell(`${col('unitOfMeasure')}${HEADER_ROW}`).value).toBe('计量单位');
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    });
  });

  it('stores the 完成率 formula of its own row, with a blank cached result, in every prefilled and spare row', async () => {
    const wb = await load(await templateXlsx(DEMO_PLAN, unit));
    const ws = wb.getWorksheet('整改清单')!;
    const n = templateRows(DEMO_PLAN, unit.id).length;
    for (let r = F; r < F + n + SPARE_ROWS; r++) {
      // The file holds <f>…</f><v></v> (t="str"); exceljs reads the empty cached string back as no result.
      const v = ws.getCell(`${col('rate')}${r}`).value as ExcelJS.CellFormulaValue;
      expect(v.formula).toBe(rateFormula(r).slice(1));
      expect(v.result ?? '').toBe('');
    }
    expect(ws.getCell(`${col('rate')}${F + n + SPARE_ROWS}`).value).toBe(null);
    // SheetJS reads what exceljs does not: the cached result (a string, "") and calcPr (recalculate on opening).
    const sheetjs = XLSX.read(await templateXlsx(DEMO_PLAN, unit), { cellFormula: true });
    expect(sheetjs.Sheets['整改清单']![`${col('rate')}${F}`]).toMatchObject({
      t: 's',
      v: '',
      f: rateFormula(F).slice(1),
    });
    expect((sheetjs.Workbook as { CalcPr?: unknown } | undefined)?.CalcPr).toMatchObject({ fullCalcOnLoad: '1' });
  });

  it('reads back as a checklist whose only errors are the blanks the unit must fill', async () => {
    const book = await readUpload('模板.xlsx', await templateXlsx(DEMO_PLAN, unit));
    const check = await checkWorkbook(
      fileWorkbook(book),
      demoContext({ unitId: unit.id, now: new Date('2023-09-10T00:00:00Z') }),
    );
    expect(check.sheetName).toBe('整改清单');
    expect(book.sheets.map((s) => s.name)).toEqual(['整改清单']);
    expect(new Set(check.issues.filter((i) => i.severity === 'error').map((i) => i.column))).toEqual(
      new Set([col('status'), col('progress')]),
    );
  });
});

describe('previousXlsx', () => {
  it("writes a revision's rows in its order with figures of 0 kept as the number 0 and missing measures after them", async () => {
    const [a, b, ...rest] = demoMeasuresFor(unit.id);
    const rows = [
      {
        measureId: b!.id,
        status: 'ongoing' as const,
        progress: '本期无新增',
        target: 0,
        actual: 0,
        rate: 0,
        evidence: '台账',
      },
      {
        measureId: a!.id,
        item: '曼来组',
        status: 'done' as const,
        progress: '已完成',
        target: 10,
        actual: 10,
        rate: 100,
        evidence: '验收单',
      },
    ];
    const ws = (await load(await previousXlsx(DEMO_PLAN, unit, rows))).getWorksheet('整改清单')!;
    const F = FIRST_DATA_ROW;
    expect([ws.getCell(`${col('measureId')}${F}`).value, ws.getCell(`${col('measureId')}${F + 1}`).value]).toEqual([
      b!.id,
      a!.id,
    ]);
    expect([
      ws.getCell(`${col('target')}${F}`).value,
      ws.getCell(`${col('actual')}${F}`).value,
      ws.getCell(`${col('rate')}${F}`).value,
    ]).toEqual([0, 0, 0]);
    expect(ws.getCell(`${col('status')}${F + 1}`).value).toBe(STATUS_LABELS.done.zh);
    expect(ws.getCell(`${col('item')}${F + 1}`).value).toBe('曼来组');
    expect(ws.getCell(`${col('measureId')}${F + 2}`).value).toBe(rest[0]!.id);
  });
});

describe('specsToXlsx', () => {
  it('writes each spec as a sheet with title, header, rows, fills and text columns, ignoring fields it does not know', async () => {
    const spec = {
      name: '汇总-按单位',
      title: '标题',
      header: ['序号', '单位'],
      rows: [
        [1, '=1+1'],
        [2, '1-1'],
      ],
      widths: [6, 20],
      fills: { '#DFF6DD': [{ row: 3, column: 'B' }] },
      text: [1],
      extra: 'later field',
    } as SheetSpec;
    const wb = await load(await specsToXlsx([spec, { ...spec, name: '未报单位' }]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总-按单位', '未报单位']);
    const ws = wb.getWorksheet('汇总-按单位')!;
    expect([
      ws.getCell('A1').value,
      ws.getCell('A2').value,
      ws.getCell('B3').value,
      ws.getCell('B4').value,
      ws.getCell('A4').value,
    ]).toEqual(['标题', '序号', '=1+1', '1-1', 2]);
    expect(ws.getCell('B3').numFmt).toBe('@');
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDFF6DD');
  });
});

describe("specsToXlsx for the supervisor's period sheets", () => {
  const period = '2023-11-H2';
  const summary = {
    planId: DEMO_PLAN.id,
    period,
    deadline: '2023-11-29T16:00:00.000Z',
    generatedAt: '2023-11-30T02:00:00.000Z',
    units: [],
    measures: [],
    totals: { units: 0, on_time: 0, late: 0, missing: 0, not_due: 0, returned: 0, rows: 0 },
  };
  const specs = periodSheets({
    plan: DEMO_PLAN,
    summary,
    details: { planId: DEMO_PLAN.id, period, rows: [] },
    matrix: { planId: DEMO_PLAN.id, from: period, to: period, periods: [period], units: [] },
  });

  it('prints every sheet as the Excel path does: A4 landscape, one page wide, title and header on each page', async () => {
    const wb = await load(await specsToXlsx(specs));
    expect(wb.worksheets).toHaveLength(specs.length);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: '1:2',
      });
    }
  });

  it('lists measures by title in 整改进展汇总表, each row as tall as its wrapped text', async () => {
    const ws = (await load(await specsToXlsx(specs))).worksheets[0]!;
    const m = DEMO_PLAN.measures.find((x) => x.text && x.text.length > 100)!;
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value !== m.id) return;
      found = true;
      expect(row.getCell(2).value).toBe(m.title);
      expect(row.height).toBeGreaterThan(0);
    });
    expect(found).toBe(true);
    // The title wraps over the page's width instead of running off it.
    expect(ws.getCell('A1').alignment?.wrapText).toBe(true);
    expect(ws.getRow(1).height).toBeGreaterThan(17);
  });
});

describe('annotatedXlsx', () => {
  it('fills the flagged cells, adds 校验结果 and leaves every other cell and sheet as it was', async () => {
    const original = new ExcelJSLib.Workbook();
    original.addWorksheet('封面').getCell('A1').value = '封面内容';
    const ws = original.addWorksheet('整改清单');
    ws.getCell('A1').value = '序号';
    ws.getCell('H3').value = '完成了';
    ws.getCell('C3').value = { formula: '1+1', result: 2 };
    const bytes = new Uint8Array(await original.xlsx.writeBuffer());
    const book = await readUpload('我的.xlsx', bytes);
    const issues = [
      { code: 'status_invalid', severity: 'error', row: 3, column: 'H', message: '完成情况不规范' },
      { code: 'progress_vague', severity: 'warning', row: 4, column: 'I', message: '=HYPERLINK("x")' },
    ] as never[];
    const wb = await load(await annotatedXlsx(book, '整改清单', issues));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面', '整改清单', '校验结果']);
    const out = wb.getWorksheet('整改清单')!;
    expect((out.getCell('H3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${HIGHLIGHT_COLORS.error.slice(1)}`);
    expect((out.getCell('I4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      `FF${HIGHLIGHT_COLORS.warning.slice(1)}`,
    );
    expect(out.getCell('H3').value).toBe('完成了');
    expect(out.getCell('C3').value).toMatchObject({ formula: '1+1' });
    expect(out.getCell('A1').fill).toBeUndefined();
    expect(wb.getWorksheet('封面')!.getCell('A1').value).toBe('封面内容');
    const result = wb.getWorksheet('校验结果')!;
    expect(result.getRow(2).values).toEqual([undefined, '整改清单', 3, 'H', '错误', '完成情况不规范']);
    expect(result.getCell('E3').numFmt).toBe('@');
  });
});

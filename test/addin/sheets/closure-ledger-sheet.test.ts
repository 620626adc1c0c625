// 销号台账 layout: one row per pair with its state, deadlines, dates, texts, evidence count and 预警, the 预警 cell
// coloured, user text as it was typed in text-formatted columns; the same spec as an .xlsx file read back with exceljs,
// and opened by LibreOffice (the stand-in for WPS), where a formula-like 核查意见 stays text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import type ExcelJS from 'exceljs';
import type { ClosureLedger, ClosureLedgerRow } from '../../../core/closure/index.ts';
import {
  CLOSED_COLOR,
  CLOSURE_LEDGER_SHEET,
  closureLedgerSheet,
  WARNING_COLORS,
} from '../../../addin/sheets/closure-ledger-sheet.ts';
import { specsToXlsx } from '../../../addin/files/index.ts';
import { writeSheets } from '../../../addin/excel/write-summary.ts';
import { installExcel, uninstallExcel } from '../excel-harness.ts';
import { DEMO_PLAN } from '../../fixtures/demo-plan.ts';
import { formulaCount, sheetValues, workbookToFods } from '../../support/libreoffice.ts';
import { isFormulaLike } from '../../../core/text/formula-safe.ts';

const base: ClosureLedgerRow = {
  measureId: '1-1',
  problemId: '1',
  unitId: 'v-a',
  unitName: '甲村',
  state: 'in_progress',
  part: null,
  deadlineText: '2023年10月31日前',
  deadline: { date: '2023-10-31', longTerm: false },
  extendedDeadline: null,
  rejectionPending: false,
  rejection: null,
  appliedAt: null,
  closedAt: null,
  version: 0,
  latestStatus: null,
  evidenceCount: 0,
  warning: null,
  summary: null,
  verdict: null,
};

const ledger: ClosureLedger = {
  planId: DEMO_PLAN.id,
  today: '2023-11-20',
  nextCursor: null,
  rates: {
    pairs: { closed: 1, total: 3, rate: 1 / 3 },
    measures: { closed: 0, total: 1, rate: 0 },
    byProblem: {},
    byUnit: {},
  },
  rows: [
    // Closed on the 15th (CST), with its 核查意见.
    {
      ...base,
      state: 'closed',
      appliedAt: '2023-11-09T02:00:00.000Z',
      closedAt: '2023-11-14T17:30:00.000Z',
      latestStatus: 'done',
      evidenceCount: 2,
      summary: '已完成',
      verdict: {
        kind: 'closed',
        opinion: '材料齐全，同意销号',
        verifiedOn: '2023-11-15',
        by: '乡村振兴办',
        at: '2023-11-14T17:30:00.000Z',
      },
    },
    // Rejected with a 限期 that has passed: red.
    {
      ...base,
      unitId: 'v-b',
      unitName: '乙村',
      extendedDeadline: '2023-11-10',
      rejectionPending: true,
      latestStatus: 'ongoing',
      evidenceCount: 1,
      summary: '=HYPERLINK("http://x","点击")',
      verdict: {
        kind: 'rejected',
        opinion: '+补充照片',
        verifiedOn: '2023-11-01',
        by: '乡村振兴办',
        at: '2023-11-01T01:00:00.000Z',
      },
      warning: { colour: 'red', reasons: ['overdue', 'rejected'], dueDate: '2023-11-10', daysLeft: -10 },
    },
    // Due soon: yellow.
    {
      ...base,
      unitId: 'v-c',
      unitName: '丙村',
      warning: { colour: 'yellow', reasons: ['due_soon'], dueDate: '2023-11-30', daysLeft: 10 },
    },
  ],
};

describe('closureLedgerSheet', () => {
  const spec = closureLedgerSheet(ledger, DEMO_PLAN);
  const col = (header: string) => spec.header.indexOf(header);

  it('lists every pair once with its state, deadline, 限期, applied and closed days in China time, and evidence count', () => {
    expect(spec.name).toBe(CLOSURE_LEDGER_SHEET);
    expect(spec.rows).toHaveLength(3);
    const [closed, red] = spec.rows;
    expect(closed![col('填报单位')]).toBe('甲村');
    expect(closed![col('销号状态')]).toBe('已销号');
    expect(closed![col('申请销号日期')]).toBe('2023-11-09');
    expect(closed![col('销号日期')]).toBe('2023-11-15');
    expect(closed![col('核查意见')]).toBe('材料齐全，同意销号');
    expect(closed![col('佐证材料（份）')]).toBe(2);
    expect(red![col('销号状态')]).toBe('整改中');
    expect(red![col('限期（二次整改）')]).toBe('2023-11-10');
    expect(red![col('整改时限')]).toBe('2023年10月31日前');
    expect(red![col('预警')]).toBe('红色预警');
    expect(String(red![col('预警说明')])).toContain('已超期 10 天');
  });

  it('names the measure and its 完成标准 from the plan', () => {
    const m = DEMO_PLAN.measures.find((x) => x.id === '1-1')!;
    expect(spec.rows[0]![col('整改措施')]).toBe(m.title);
    expect(spec.rows[0]![col('完成标准')]).toBe(m.completionStandard ?? '');
  });

  it('fills the 预警 cell with its colour and the state cell of a closed pair', () => {
    const w = String.fromCharCode(65 + col('预警'));
    const s = String.fromCharCode(65 + col('销号状态'));
    expect(spec.fills[WARNING_COLORS.red]).toEqual([{ row: 4, column: w }]);
    expect(spec.fills[WARNING_COLORS.yellow]).toEqual([{ row: 5, column: w }]);
    expect(spec.fills[CLOSED_COLOR]).toEqual([{ row: 3, column: s }]);
  });

  it('writes formula-like 整改情况 and 核查意见 as they were typed (no visible apostrophe), in text-formatted columns', () => {
    expect(spec.rows[1]![col('整改情况')]).toBe(`=HYPERLINK("http://x","点击")`);
    expect(spec.rows[1]![col('核查意见')]).toBe(`+补充照片`);
    // Every cell holding text is in a text column: the '@' format is what keeps it inert in Excel.
    spec.rows.forEach((row) =>
      row.forEach((v, c) => {
        if (typeof v === 'string' && v) expect(spec.text, `${spec.header[c]}: ${v}`).toContain(c);
      }),
    );
  });

  it('passes the title, which is not text-formatted, through the formula rule', () => {
    const titled = closureLedgerSheet(ledger, { ...DEMO_PLAN, title: '=1+1 整改方案' });
    expect(titled.title.startsWith("'=1+1 整改方案")).toBe(true);
    expect(isFormulaLike(titled.title)).toBe(false);
  });

  it('puts the closure rate in the title', () => {
    expect(spec.title).toContain('整改完成率 33.3%（1/3 项）');
  });

  it('opens as an .xlsx with exceljs showing the state and the coloured 预警 cell', async () => {
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.load((await specsToXlsx([spec])).buffer as ArrayBuffer);
    const ws = wb.getWorksheet(CLOSURE_LEDGER_SHEET)!;
    const w = String.fromCharCode(65 + col('预警'));
    expect(ws.getCell(`${String.fromCharCode(65 + col('销号状态'))}3`).value).toBe('已销号');
    expect(ws.getCell(`${w}4`).value).toBe('红色预警');
    expect((ws.getCell(`${w}4`).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${WARNING_COLORS.red.slice(1)}`);
    expect((ws.getCell(`${w}5`).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${WARNING_COLORS.yellow.slice(1)}`);
  });

  describe('in Excel', () => {
    afterEach(() => uninstallExcel());

    it('writes the ledger into its own sheet: title, header on row 2, rows from row 3 as text, frozen header, 预警 cells filled', async () => {
      const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
      // The recording double has no Worksheet.pageLayout: the print setup is left out here.
      const { names } = await writeSheets([{ ...spec, print: undefined }]);
      expect(names).toEqual([CLOSURE_LEDGER_SHEET]);
      expect(h.sheetNames()).toContain(CLOSURE_LEDGER_SHEET);
      const writes = h.writes(CLOSURE_LEDGER_SHEET);
      expect(writes.find((w) => w.target.startsWith('A1:'))!.value[0]![0]).toBe(spec.title);
      const table = writes.find((w) => w.target.startsWith('A2:'))!;
      expect(table.target).toBe(`A2:R${2 + spec.rows.length}`);
      expect(table.value[0]).toEqual(spec.header);
      expect(table.value[2]![col('预警')]).toBe('红色预警');
      // Text columns are formatted '@' before the values arrive, so "2023-11-10" stays text.
      const formats = h.log.find((e) => e.sheet === CLOSURE_LEDGER_SHEET && e.path === 'numberFormat')!;
      expect((formats.value as string[][])[0]![col('限期（二次整改）')]).toBe('@');
      // …and "=HYPERLINK(…)" in 整改情况, "+补充照片" in 核查意见 land as they were typed in '@' cells: inert text.
      expect(table.value[2]![col('整改情况')]).toBe(`=HYPERLINK("http://x","点击")`);
      expect((formats.value as string[][])[1]![col('整改情况')]).toBe('@');
      expect((formats.value as string[][])[1]![col('核查意见')]).toBe('@');
      const w = String.fromCharCode(65 + col('预警'));
      expect(h.fill(CLOSURE_LEDGER_SHEET, `${w}4`)).toBe(WARNING_COLORS.red);
      expect(h.fill(CLOSURE_LEDGER_SHEET, `${w}5`)).toBe(WARNING_COLORS.yellow);
      expect(h.fill(CLOSURE_LEDGER_SHEET, `${w}3`)).toBe('');
      expect(h.log.some((e) => e.sheet === CLOSURE_LEDGER_SHEET && e.path === 'freezePanes.freezeRows()')).toBe(true);
    });
  });
});

describe('the 销号台账 .xlsx in LibreOffice', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-ledger-lo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rows = [{ ...ledger.rows[0]!, verdict: { ...ledger.rows[0]!.verdict!, opinion: '=1+1' } }];
  const spec = closureLedgerSheet({ ...ledger, rows }, DEMO_PLAN);
  const opinion = spec.header.indexOf('核查意见');

  it(
    'shows a 核查意见 of =1+1 as the text =1+1, no apostrophe, and holds no formula cell',
    { timeout: 120_000 },
    async () => {
      const file = path.join(dir, 'ledger.xlsx');
      writeFileSync(file, await specsToXlsx([spec]));
      expect(formulaCount(workbookToFods(file, path.join(dir, 'fods'), path.join(dir, 'profile')))).toBe(0);
      const values = sheetValues(file, path.join(dir, 'csv'), path.join(dir, 'profile'), CLOSURE_LEDGER_SHEET);
      expect(values[2]![opinion]).toBe('=1+1');
    },
  );

  it(
    'would show 2 for the same cell written as a formula (control: the check can fail)',
    { timeout: 120_000 },
    async () => {
      const wb = new ExcelJSLib.Workbook();
      await wb.xlsx.load((await specsToXlsx([spec])).buffer as ArrayBuffer);
      wb.getWorksheet(CLOSURE_LEDGER_SHEET)!.getCell(3, opinion + 1).value = {
        formula: '1+1',
      } as ExcelJS.CellFormulaValue;
      const file = path.join(dir, 'control.xlsx');
      writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
      expect(formulaCount(workbookToFods(file, path.join(dir, 'fods'), path.join(dir, 'profile')))).toBeGreaterThan(0);
      const values = sheetValues(file, path.join(dir, 'csv'), path.join(dir, 'profile'), CLOSURE_LEDGER_SHEET);
      expect(values[2]![opinion]).toBe('2');
    },
  );
});

import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, columnLetter } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import { unitById } from '../../core/units/unit-registry.ts';
import { type Details, type Matrix, type Summary } from '../../core/schemas/api.ts';
import {
  columnIndex,
  highlightIssues,
  insertTemplate,
  readActiveSheet,
  selectCell,
  type HighlightIssue,
} from '../../addin/excel/index.ts';
import { HIGHLIGHT_COLORS } from '../../addin/sheets/highlight-colors.ts';
import { DETAILS_SHEET, SUMMARY_SHEETS, TIMELINESS_COLORS } from '../../addin/sheets/summary-sheets.ts';
import { writeSummarySheets } from '../../addin/excel/write-summary.ts';
import { MAX_ADDRESS_CHARS } from '../../addin/excel/address-chunks.ts';
import { charsToPoints } from '../../addin/excel/column-width.ts';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  NOTE_ROW,
  SPARE_ROWS,
  TEMPLATE_NOTE,
  LIST_SHEET_NAME,
  measureCell,
  rateFormula,
  rowHeight,
  templateRows,
} from '../../addin/sheets/template-layout.ts';
import { NOT_LOADED, installExcel, uninstallExcel, type Harness } from './excel-harness.ts';
import { DEMO_PLAN, DEMO_PLAN_ID, DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { unitSummaryOf } from '../fixtures/unit-summary.ts';

afterEach(uninstallExcel);

/** Expands "A1:B3,C5" into the set of single cells it covers. */
function cellsOf(addresses: string): Set<string> {
  const out = new Set<string>();
  for (const part of addresses.split(',')) {
    const [a, b = a] = part.split(':') as [string, string?];
    const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
    const pb = /^([A-Z]+)(\d+)$/.exec(b!)!;
    for (let c = columnIndex(pa[1]!); c <= columnIndex(pb[1]!); c++)
      for (let r = Number(pa[2]); r <= Number(pb[2]); r++) out.add(`${columnLetter(c)}${r}`);
  }
  return out;
}

function areaOps(h: Harness, path: string) {
  return h.log.filter((e) => e.kind === 'areas' && e.path === path);
}

/** The print setup written to a sheet: each pageLayout member as last set. */
function printOf(h: Harness, sheet: string): Record<string, unknown> {
  const set = h.log.filter(
    (e) => e.sheet === sheet && e.path.startsWith('pageLayout.') && e.path !== 'pageLayout.load()',
  );
  return Object.fromEntries(set.map((e) => [e.path, e.value]));
}

describe('readActiveSheet', () => {
  it('loads values, address and offsets of the used range in one sync and pads the grid to A1', async () => {
    const h = installExcel({
      active: '整改清单',
      sheets: {
        整改清单: {
          values: [
            ['措施编号', '完成情况'],
            ['1-1', '已完成'],
          ],
          address: '整改清单!B3:C4',
          rowIndex: 2,
          columnIndex: 1,
        },
      },
    });
    // office-addin-mock answers unloaded reads with an error string, so any property the adapter forgot to load shows.
    expect(h.mock.context.workbook.worksheets.s0.used.rowIndex).toBe(NOT_LOADED);
    const read = await readActiveSheet();
    expect(h.syncs()).toBe(1);
    expect(read.sheetName).toBe('整改清单');
    expect(read.address).toBe('整改清单!B3:C4');
    expect([read.top, read.left]).toEqual([2, 1]);
    expect(read.grid).toEqual([[], [], ['', '措施编号', '完成情况'], ['', '1-1', '已完成']]);
  });

  it('returns an empty grid for a blank sheet, still in one sync', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const read = await readActiveSheet();
    expect(h.syncs()).toBe(1);
    expect(read).toMatchObject({ sheetName: 'Sheet1', grid: [] });
  });
});

describe('highlightIssues', () => {
  it('colours errors and warnings in two colours in one sync, errors winning on a shared cell', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null } });
    const issues: HighlightIssue[] = [
      { row: 3, column: 'H', severity: 'error' },
      { row: 4, column: 'H', severity: 'error' },
      { row: 4, column: 'I', severity: 'warning' },
      { row: 3, column: 'H', severity: 'warning' },
    ];
    await highlightIssues('S', issues);
    expect(h.syncs()).toBe(1);
    const colours = areaOps(h, 'format.fill.color');
    expect(colours).toEqual([
      expect.objectContaining({ target: 'H3:H4', value: HIGHLIGHT_COLORS.error }),
      expect.objectContaining({ target: 'I4', value: HIGHLIGHT_COLORS.warning }),
    ]);
  });

  it('clears exactly the previously highlighted cells before colouring the new ones', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null } });
    await highlightIssues('S', [
      { row: 5, column: 'C', severity: 'error' },
      { row: 9, column: 'D', severity: 'warning' },
    ]);
    h.log.length = 0;
    await highlightIssues('S', [{ row: 7, column: 'E', severity: 'error' }]);
    const ops = h.log.filter((e) => e.kind === 'areas').map((e) => `${e.path} ${e.target}`);
    expect(ops).toEqual(['format.fill.clear() C5,D9', 'format.fill.color E7']);
    h.log.length = 0;
    await highlightIssues('S', []);
    expect(h.log.filter((e) => e.kind === 'areas').map((e) => `${e.path} ${e.target}`)).toEqual([
      'format.fill.clear() E7',
    ]);
  });

  it('keeps every getRanges address under 7,000 characters with 10,000 scattered bad rows, in one sync', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null } });
    const issues: HighlightIssue[] = [];
    // Every other row, in two non-adjacent columns, so little can be merged.
    for (let i = 0; i < 10_000; i++) {
      issues.push({ row: 3 + i * 2, column: 'I', severity: 'error' });
      issues.push({ row: 3 + i * 2, column: 'K', severity: i % 3 ? 'warning' : 'error' });
    }
    await highlightIssues('S', issues);
    expect(h.syncs()).toBe(1);
    const colours = areaOps(h, 'format.fill.color');
    expect(colours.length).toBeGreaterThan(1);
    for (const op of colours) expect(op.target.length).toBeLessThan(MAX_ADDRESS_CHARS);
    const coloured = new Map<string, unknown>();
    for (const op of colours) for (const cell of cellsOf(op.target)) coloured.set(cell, op.value);
    expect(coloured.size).toBe(20_000);
    expect(coloured.get('I3')).toBe(HIGHLIGHT_COLORS.error);
    expect(coloured.get('K5')).toBe(HIGHLIGHT_COLORS.warning);
  });

  it('merges a long column of consecutive bad cells into one area', async () => {
    const h = installExcel({ active: 'S', sheets: { S: null } });
    const issues = Array.from({ length: 10_000 }, (_, i): HighlightIssue => ({
      row: 3 + i,
      column: 'I',
      severity: 'error',
    }));
    await highlightIssues('S', issues);
    expect(areaOps(h, 'format.fill.color').map((e) => e.target)).toEqual(['I3:I10002']);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const h = installExcel({ active: 'A', sheets: { A: null, 整改清单: null } });
    await selectCell('整改清单', 'I7');
    expect(h.syncs()).toBe(1);
    expect(h.log.map((e) => `${e.sheet} ${e.target} ${e.path}`)).toEqual([
      '整改清单  activate()',
      '整改清单 I7 select()',
    ]);
  });
});

describe('insertTemplate', () => {
  const unit = unitById(DEMO_UNITS, 'v-minliang')!;
  const col = (key: string) => columnLetter(COLUMNS.findIndex((c) => c.key === key));

  const F = FIRST_DATA_ROW;

  it('writes title, 填报说明, header and one row per assigned measure in two syncs', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const r = await insertTemplate(DEMO_PLAN, unit);
    expect(h.syncs()).toBe(2);
    expect(r).toEqual({ sheetName: '整改清单', rows: demoMeasuresFor(unit.id).length });
    const writes = h.writes('整改清单');
    expect(writes.find((w) => w.target.startsWith(`A${NOTE_ROW}:`))!.value[0]![0]).toBe(TEMPLATE_NOTE);
    const header = writes.find((w) => w.target.startsWith(`A${HEADER_ROW}:`))!;
    expect(header.value[0]).toEqual(COLUMNS.map((c) => c.header));
    const body = writes.find((w) => w.target.startsWith(`A${F}:`))!;
    expect(body.value.map((row) => row[COLUMNS.findIndex((c) => c.key === 'measureId')])).toEqual(
      demoMeasuresFor(unit.id).map((m) => m.id),
    );
    expect(
      h.log.some(
        (e) =>
          e.sheet === '整改清单' && e.path === 'freezePanes.freezeRows()' && (e.value as number[])[0] === HEADER_ROW,
      ),
    ).toBe(true);
  });

  it('prints A4 landscape, one page wide, with the header row repeated on every page (as the downloaded template)', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit);
    expect(printOf(h, '整改清单')).toEqual({
      'pageLayout.orientation': 'Landscape',
      'pageLayout.paperSize': 'A4',
      'pageLayout.zoom': { horizontalFitToPages: 1, verticalFitToPages: 0 },
      'pageLayout.centerHorizontally': true,
      'pageLayout.setPrintTitleRows()': [`$${HEADER_ROW}:$${HEADER_ROW}`],
    });
  });

  it("writes each measure's full text with its 应报数据 into the 整改措施 cell", async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit);
    const body = h.writes('整改清单').find((w) => w.target.startsWith(`A${F}:`))!.value;
    const at = COLUMNS.findIndex((c) => c.key === 'measure');
    expect(body.map((row) => row[at])).toEqual(demoMeasuresFor(unit.id).map(measureCell));
  });

  it('writes the 完成率 formula of its own row into every prefilled and spare row, through range.formulas', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit);
    const n = demoMeasuresFor(unit.id).length;
    const rate = col('rate');
    const write = h.log.find((e) => e.sheet === '整改清单' && e.path === 'formulas')!;
    expect(write.target).toBe(`${rate}${F}:${rate}${F + n + SPARE_ROWS - 1}`);
    expect(write.value).toEqual(Array.from({ length: n + SPARE_ROWS }, (_, i) => [rateFormula(F + i)]));
    // The body's values carry no formula: user-derived text never becomes one.
    const body = h.writes('整改清单').find((w) => w.target.startsWith(`A${F}:`))!.value;
    expect(body.flat().filter((v) => String(v).startsWith('='))).toEqual([]);
  });

  it('sizes the 填报说明 row and every prefilled row to its wrapped text', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit);
    const heights = h.log.filter((e) => e.sheet === '整改清单' && e.path === 'format.rowHeight');
    const rows = templateRows(DEMO_PLAN, unit.id);
    const last = columnLetter(COLUMNS.length - 1);
    expect(heights.slice(1).map((e) => [e.target, e.value])).toEqual(
      rows.map((row, i) => [`A${F + i}:${last}${F + i}`, rowHeight(row)]),
    );
    expect(heights[0]!.target).toBe(`A${NOTE_ROW}:${last}${NOTE_ROW}`);
    expect(Math.max(...rows.map(rowHeight))).toBeGreaterThan(30); // some measure text needs more than two lines
  });

  it('sets text format on the measure id column before writing "1-1" so Excel keeps it as text', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit);
    const idCol = col('measureId');
    const formatAt = h.log.findIndex((e) => e.path === 'numberFormat' && e.target.startsWith(`${idCol}${F}:`));
    const valuesAt = h.log.findIndex((e) => e.path === 'values' && e.target.startsWith(`A${F}:`));
    expect(formatAt).toBeGreaterThanOrEqual(0);
    expect(formatAt).toBeLessThan(valuesAt);
    expect((h.log[formatAt]!.value as string[][]).every((r) => r[0] === '@')).toBe(true);
  });

  it('feeds the status dropdown from a range on a very hidden list sheet and validates numbers', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await insertTemplate(DEMO_PLAN, unit);
    expect(h.visibility(LIST_SHEET_NAME)).toBe('VeryHidden');
    const lists = h.writes(LIST_SHEET_NAME)[0]!;
    expect(lists.value.map((r) => r[0])).toEqual(Object.values(STATUS_LABELS).map((l) => l.zh));
    const rule = h.log.find((e) => e.path === 'dataValidation.rule' && e.target.startsWith(`${col('status')}${F}:`))!;
    expect((rule.value as any).list.source).toBe(`='${LIST_SHEET_NAME}'!$A$1:$A$4`);
    const rate = h.log.find((e) => e.path === 'dataValidation.rule' && e.target.startsWith(`${col('rate')}${F}:`))!;
    expect((rate.value as any).decimal).toMatchObject({ operator: 'Between', formula1: 0, formula2: 100 });
    const target = h.log.find((e) => e.path === 'dataValidation.rule' && e.target.startsWith(`${col('target')}${F}:`))!;
    expect((target.value as any).decimal).toMatchObject({ operator: 'GreaterThanOrEqualTo', formula1: 0 });
  });

  it('picks a fresh sheet name and reuses the list sheet when the template was inserted before', async () => {
    const h = installExcel({ active: '整改清单', sheets: { 整改清单: null, [LIST_SHEET_NAME]: null } });
    const r = await insertTemplate(DEMO_PLAN, unit);
    expect(r.sheetName).toBe('整改清单(2)');
    expect(h.log.filter((e) => e.path === 'add()').map((e) => e.sheet)).toEqual(['整改清单(2)']);
  });
});

describe('writeSummarySheets', () => {
  const evil = '=HYPERLINK("http://x","y")';
  const counts = { done: 1, phased: 0, ongoing: 2, not_started: 0 };
  const summary: Summary = {
    planId: DEMO_PLAN_ID,
    period: '2023-09-H1',
    deadline: '2023-09-14T16:00:00.000Z',
    generatedAt: '2023-09-15T01:00:00.000Z',
    units: [
      {
        unitId: 'v-minliang',
        unitName: evil,
        kind: 'village',
        contactName: null,
        contactPhone: null,
        timeliness: 'on_time',
        receivedAt: '2023-09-14T15:59:59.000Z',
        firstReceivedAt: '2023-09-14T15:59:59.000Z',
        revision: 1,
        signer: '+SUM(1)',
        rowCount: 3,
        statusCounts: counts,
        warningCount: 0,
        returnedReason: null,
      },
      unitSummaryOf({ id: 'v-yongan', name: '永安村', kind: 'village' }),
      {
        unitId: 'o-finance',
        unitName: '财政所',
        kind: 'office',
        contactName: null,
        contactPhone: null,
        timeliness: 'returned',
        receivedAt: '2023-09-13T02:00:00.000Z',
        firstReceivedAt: '2023-09-12T02:00:00.000Z',
        revision: 2,
        signer: '张三',
        rowCount: 3,
        statusCounts: counts,
        warningCount: 1,
        returnedReason: '@SUM(1) 数据不全',
      },
    ],
    measures: [
      { measureId: '1-1', title: '-加强驻村工作队员管理', expectedUnits: 9, reportedUnits: 1, statusCounts: counts },
    ],
    totals: { units: 3, on_time: 1, late: 0, missing: 1, not_due: 0, returned: 1, rows: 6 },
  };
  const matrix: Matrix = {
    planId: DEMO_PLAN_ID,
    from: '2023-08-H2',
    to: '2023-09-H1',
    periods: ['2023-08-H2', '2023-09-H1'],
    units: [{ unitId: 'v-minliang', unitName: evil, cells: ['late', 'on_time'] }],
  };

  const details: Details = {
    planId: DEMO_PLAN_ID,
    period: '2023-09-H1',
    rows: [
      {
        unitId: 'v-minliang',
        unitName: evil,
        revision: 2,
        signer: '+SUM(1)',
        receivedAt: '2023-09-14T15:59:59.000Z',
        measureId: '1-1',
        measureTitle: '-加强驻村工作队员管理',
        item: '曼迈村道硬化',
        status: 'phased',
        progress: evil,
        target: 10,
        actual: 4,
        rate: 40,
        evidence: '@cmd',
        note: '=1+1',
      },
      {
        unitId: 'v-minliang',
        unitName: evil,
        revision: 2,
        signer: '+SUM(1)',
        receivedAt: '2023-09-14T15:59:59.000Z',
        measureId: '2-1',
        measureTitle: '完善帮扶政策',
        status: 'not_started',
        progress: '尚未启动，计划10月开展',
      },
    ],
  };

  it('writes the five sheets one sync each (after one to learn the sheets, before one to finish) with user-derived "=…" text as it came', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const names = await writeSummarySheets(summary, matrix, details);
    // One request per sheet keeps each under Excel on the web's 5 MB payload limit; then the print setup of every
    // sheet, and its read-back.
    expect(h.syncs()).toBe(1 + names.length + 2);
    expect(names).toEqual([...Object.values(SUMMARY_SHEETS), DETAILS_SHEET]);
    const all = names.flatMap((n) => h.writes(n).flatMap((w) => w.value.flat()));
    expect(all).toContain(evil);
    expect(all).toContain('+SUM(1)');
    expect(all).toContain('-加强驻村工作队员管理');
    // No apostrophe: in a text-formatted cell Excel would keep it as a visible character.
    expect(all.filter((v) => typeof v === 'string' && v.startsWith("'"))).toEqual([]);
  });

  it('writes 报送明细 with one line per unit × row: progress as plain text, status in Chinese, numbers as numbers', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSummarySheets(summary, matrix, details);
    const table = h.writes(DETAILS_SHEET).find((w) => w.target.startsWith('A2:'))!.value;
    const header = table[0] as string[];
    const at = (row: unknown[], name: string) => row[header.indexOf(name)];
    expect(table).toHaveLength(1 + details.rows.length);
    const [first, second] = [table[1]!, table[2]!];
    expect(at(first, '整改进展')).toBe(evil);
    expect(at(first, '填报单位')).toBe(evil);
    expect(at(first, '主要负责人')).toBe('+SUM(1)');
    expect(at(first, '佐证材料')).toBe('@cmd');
    expect(at(first, '备注')).toBe('=1+1');
    expect(at(first, '完成情况')).toBe(STATUS_LABELS.phased.zh);
    expect(at(first, '报送时间(北京时间)')).toBe('2023-09-14 23:59');
    expect([at(first, '目标值'), at(first, '完成值'), at(first, '完成率(%)')]).toEqual([10, 4, 40]);
    expect([at(second, '完成情况'), at(second, '完成率(%)'), at(second, '备注')]).toEqual([
      STATUS_LABELS.not_started.zh,
      '',
      '',
    ]);
    // The progress column wraps and is wide; every data cell is top-aligned.
    const progressCol = columnLetter(header.indexOf('整改进展'));
    const last = details.rows.length + 2;
    const ops = h.log.filter((e) => e.sheet === DETAILS_SHEET);
    expect(ops).toContainEqual(
      expect.objectContaining({
        target: `${progressCol}3:${progressCol}${last}`,
        path: 'format.wrapText',
        value: true,
      }),
    );
    expect(ops).toContainEqual(
      expect.objectContaining({
        target: `A3:${columnLetter(header.length - 1)}${last}`,
        path: 'format.verticalAlignment',
        value: 'Top',
      }),
    );
    const width = ops.find((e) => e.target === `${progressCol}:${progressCol}` && e.path === 'format.columnWidth')!
      .value as number;
    expect(width).toBeGreaterThanOrEqual(charsToPoints(40));
  });

  it('gives every text column of every sheet the text format before its values, so "1-1" and a signer "001" stay text', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const plain = { ...details, rows: details.rows.map((r) => ({ ...r, signer: '001' })) };
    const names = await writeSummarySheets(summary, matrix, plain);
    expect(h.syncs()).toBe(1 + names.length + 2);
    for (const name of names) {
      const ops = h.log.filter((e) => e.sheet === name);
      const formatAt = ops.findIndex((e) => e.path === 'numberFormat' && e.target.startsWith('A3:'));
      const valuesAt = ops.findIndex((e) => e.path === 'values' && e.target.startsWith('A2:'));
      expect(formatAt, name).toBeGreaterThanOrEqual(0);
      expect(formatAt, name).toBeLessThan(valuesAt);
      const formats = ops[formatAt]!.value as string[][];
      const table = ops[valuesAt]!.value as unknown[][];
      expect(formats).toHaveLength(table.length - 1);
      // Every string cell that is not empty sits in a text-formatted cell; every number in a General one.
      table.slice(1).forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v === 'number') expect(formats[r]![c], `${name} ${r},${c}`).toBe('General');
          else if (v !== '') expect(formats[r]![c], `${name} ${r},${c} ${String(v)}`).toBe('@');
        }),
      );
    }
    const idColumn = (sheet: string) => {
      const ops = h.log.filter((e) => e.sheet === sheet);
      const header = (ops.find((e) => e.path === 'values' && e.target.startsWith('A2:'))!.value as unknown[][])[0]!;
      const formats = ops.find((e) => e.path === 'numberFormat' && e.target.startsWith('A3:'))!.value as string[][];
      return formats.map((r) => r[header.indexOf('措施编号')]);
    };
    // One measure row and the 合计 row below it.
    expect(idColumn(SUMMARY_SHEETS.byMeasure)).toEqual(['@', '@']);
    expect(idColumn(DETAILS_SHEET)).toEqual(details.rows.map(() => '@'));
  });

  it('names each report by its 报送编号 in 汇总-按单位 and 报送明细, as the receipt and the 报送单 do, and keeps 子项 in 报送明细', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSummarySheets(summary, matrix, details);
    const tableOf = (sheet: string) => h.writes(sheet).find((w) => w.target.startsWith('A2:'))!.value;
    const byUnit = tableOf(SUMMARY_SHEETS.byUnit);
    const numberAt = (byUnit[0] as string[]).indexOf('报送编号');
    // 财政所's revision 2 of 2023年9月上半月; a unit with no report has none.
    expect(byUnit.slice(1, 4).map((r) => r[numberAt])).toEqual([
      reportNumber('2023-09-H1', evil, 1),
      '',
      '2309A-财政-02',
    ]);
    const rows = tableOf(DETAILS_SHEET);
    const header = rows[0] as string[];
    expect(rows.slice(1).map((r) => r[header.indexOf('报送编号')])).toEqual([
      reportNumber('2023-09-H1', evil, 2),
      reportNumber('2023-09-H1', evil, 2),
    ]);
    expect(rows.slice(1).map((r) => r[header.indexOf('子项（项目名称）')])).toEqual(['曼迈村道硬化', '']);
  });

  it('gives every sheet it writes the same print setup: A4 landscape, one page wide, title and header repeated', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const names = await writeSummarySheets(summary, matrix, details);
    expect(names).toHaveLength(5);
    for (const name of names)
      expect(printOf(h, name), name).toEqual({
        'pageLayout.orientation': 'Landscape',
        'pageLayout.paperSize': 'A4',
        'pageLayout.zoom': { horizontalFitToPages: 1, verticalFitToPages: 0 },
        'pageLayout.centerHorizontally': true,
        'pageLayout.setPrintTitleRows()': ['$1:$2'],
      });
  });

  it('says so in 报送明细 when no unit has reported yet', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSummarySheets(summary, matrix, { planId: DEMO_PLAN_ID, period: '2023-09-H1', rows: [] });
    const table = h.writes(DETAILS_SHEET).find((w) => w.target.startsWith('A2:'))!.value;
    expect(table.slice(1).flat()).toContain('本期尚无单位报送');
  });

  it('shows received times in CST and colour-codes timeliness', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSummarySheets(summary, matrix);
    const table = h.writes(SUMMARY_SHEETS.byUnit).find((w) => w.target.startsWith('A2:'))!.value;
    expect(table[1]).toContain('2023-09-14 23:59');
    expect(table[1]).toContain('按时');
    // A returned unit on revision 2: first arrival (what timeliness rests on) and the current revision's, side by side.
    const header = table[0] as string[];
    const col = (name: string) => header.indexOf(name);
    expect([table[3]![col('首次报送时间(北京时间)')], table[3]![col('本版本报送时间(北京时间)')]]).toEqual([
      '2023-09-12 10:00',
      '2023-09-13 10:00',
    ]);
    const fills = h.log
      .filter((e) => e.sheet === SUMMARY_SHEETS.byUnit && e.kind === 'areas')
      .map((e) => [e.target, e.value]);
    expect(fills).toEqual(
      expect.arrayContaining([
        ['D3', TIMELINESS_COLORS.on_time],
        ['D4', TIMELINESS_COLORS.missing],
        ['D5', TIMELINESS_COLORS.returned],
      ]),
    );
    const missing = h.writes(SUMMARY_SHEETS.missing).find((w) => w.target.startsWith('A2:'))!.value;
    expect(missing.slice(1).map((r) => r[1])).toEqual(['永安村', '财政所']);
  });

  it('clears and reuses summary sheets that already exist instead of adding duplicates', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null, [SUMMARY_SHEETS.byUnit]: null } });
    await writeSummarySheets(summary, matrix);
    expect(h.log.filter((e) => e.path === 'add()').map((e) => e.sheet)).not.toContain(SUMMARY_SHEETS.byUnit);
    expect(h.log).toContainEqual(
      expect.objectContaining({ sheet: SUMMARY_SHEETS.byUnit, target: '', path: 'clear()' }),
    );
  });
});

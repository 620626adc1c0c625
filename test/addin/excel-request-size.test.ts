// Excel on the web caps one request (one context.sync) at 5 MB; the Excel double measures each request and refuses
// one over the cap as Excel does. 生成汇总表 at a scale past it — 22 units × 200 子项 rows of 2,000-character 整改进展,
// ~26 MB of 报送明细 — must still be written whole, in requests under the cap, with no cell over 32,767 characters.
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_LIMIT_BYTES } from '../../addin/excel/request-budget.ts';
import { runExcel } from '../../addin/excel/run-excel.ts';
import { writeSheets } from '../../addin/excel/write-summary.ts';
import { EXCEL_CELL_MAX } from '../../addin/sheets/cell-limit.ts';
import { periodSheetName, periodSheets } from '../../addin/sheets/period-sheets.ts';
import { DETAILS_SHEET, printSetupOf } from '../../addin/sheets/summary-sheets.ts';
import { linkEvidence } from '../../addin/sheets/evidence-links.ts';
import { DEMO_PLAN } from '../fixtures/demo-plan.ts';
import { HEAVY_PERIOD, HEAVY_ROWS_PER_UNIT, heavyPeriod } from '../fixtures/heavy-period.ts';
import { installExcel, uninstallExcel } from './excel-harness.ts';

afterEach(uninstallExcel);

describe('the Excel double', () => {
  it('refuses a sync whose request passes 5 MB, as Excel on the web does, and keeps none of it', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const big = Array.from({ length: 1_000 }, () => ['进'.repeat(2_000)]); // 2,000,000 characters, ~6 MB in UTF-8
    const refused = runExcel(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A1000').values = big;
      await context.sync();
    });
    await expect(refused).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(h.requestBytes.at(-1)).toBeGreaterThan(REQUEST_LIMIT_BYTES);
    expect(h.writes('Sheet1')).toEqual([]);
    await runExcel(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A500').values = big.slice(0, 500);
      await context.sync();
    });
    expect(h.requestBytes.at(-1)).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(h.writes('Sheet1')).toHaveLength(1);
  });
});

describe('生成汇总表 at scale', () => {
  it('a summary for 22 units with 200 long 子项 rows each writes no cell over 32,767 characters and no request over 5 MB', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const { summary, matrix, details } = heavyPeriod(2_000, 3); // and 3 佐证材料 links on every row: 13,200 links
    const specs = periodSheets({ plan: DEMO_PLAN, summary, matrix, details }).map((s) =>
      linkEvidence(s, 'https://zhenggai.example.gov.cn'),
    );
    expect(specs.reduce((n, s) => n + (s.links?.length ?? 0), 0)).toBeGreaterThan(13_000);
    const progresses: string[] = [];
    const written = await writeSheets(specs, [], (sheet) => progresses.push(sheet));
    expect(written.names).toEqual(specs.map((s) => s.name));

    // Every request within the cap; the 报送明细 table alone is several times the cap, so it took several.
    const total = h.requestBytes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(4 * REQUEST_LIMIT_BYTES);
    expect(Math.max(...h.requestBytes)).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    expect(h.requestBytes.length).toBeGreaterThan(specs.length + 5);
    expect(progresses).toEqual(specs.map((s) => s.name));

    // No cell over Excel's limit, on any sheet.
    const cells = specs.flatMap((s) => h.writes(s.name).flatMap((w) => w.value.flat()));
    const longest = cells.reduce<number>((n, c) => Math.max(n, typeof c === 'string' ? c.length : 0), 0);
    expect(longest).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(longest).toBeGreaterThan(EXCEL_CELL_MAX - 2_000); // the joined 整改进展 was cut near the limit, not dropped

    // 报送明细 arrived whole: its slices follow each other from row 2 (header) to the last row, every 整改进展 in full.
    const name = periodSheetName(DETAILS_SHEET, HEAVY_PERIOD);
    const slices = h.writes(name).filter((w) => /^A\d+:/.test(w.target) && !w.target.startsWith('A1:'));
    const tops = slices.map((w) => Number(/^A(\d+):/.exec(w.target)![1]));
    const bottoms = slices.map((w) => Number(/(\d+)$/.exec(w.target)![1]));
    expect(tops[0]).toBe(2);
    tops.slice(1).forEach((top, i) => expect(top).toBe(bottoms[i]! + 1));
    const rows = slices.flatMap((w) => w.value);
    expect(rows).toHaveLength(1 + 22 * HEAVY_ROWS_PER_UNIT);
    expect(rows.slice(1).map((r) => r.find((c) => typeof c === 'string' && c.startsWith('第')))).toEqual(
      details.rows.map((r) => r.progress),
    );
  }, 60_000); // tens of megabytes through the double on a shared machine
});

describe('print setup read back after the sync', () => {
  it('names the sheets whose one-page-wide print the host accepted but did not apply (office-js issue 1860)', async () => {
    const { summary, matrix, details } = heavyPeriod(20);
    const specs = periodSheets({ plan: DEMO_PLAN, summary, matrix, details });
    const wide = specs.filter((s) => printSetupOf(s).fitToWidth).map((s) => s.name);
    expect(wide.length).toBeGreaterThan(0);

    installExcel({ active: 'Sheet1', sheets: { Sheet1: null }, ignoresFitToPage: true });
    const ignored = await writeSheets(specs);
    expect(ignored).toMatchObject({ printSetup: true, fitIgnored: wide });
    uninstallExcel();

    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const applied = await writeSheets(specs);
    expect(applied).toMatchObject({ printSetup: true, fitIgnored: [] });
    expect(h.print(wide[0]!)).toMatchObject({ zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
  });
});

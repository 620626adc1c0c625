// The page without Excel (issue 9), in real Chromium against the real local Worker: a unit downloads the template,
// fills it (written by the library, and once more converted to .xls by LibreOffice), uploads it, sees the planted
// issues by 行/列, downloads the 标注版, fixes, submits and gets a receipt; the supervisor downloads the 汇总 workbook,
// which the test reads back and compares with the API. LibreOffice opens template, 标注版 and 汇总 workbook.
import { periodSheetName } from '../../addin/sheets/period-sheets.ts';
import { SUMMARY_SHEETS } from '../../addin/sheets/summary-sheets.ts';
import { FIRST_DATA_ROW, HEADER_ROW } from '../../addin/sheets/template-layout.ts';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../core/checklist/columns.ts';
import { halfMonthOf } from '../../core/calendar/half-month.ts';
import { unitById } from '../../core/units/unit-registry.ts';
import { type Summary } from '../../core/schemas/api.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { clockHeaders, launchChromium } from './browser.ts';
import { col, goodRow } from './sheet-builders.ts';
import { sheetAsCsv, soffice } from './soffice.ts';
import { download, loadXlsx, openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const UNIT = 'v-minliang';
const UNIT_NAME = unitById(DEMO_UNITS, UNIT)!.name;
const MEASURES = demoMeasuresFor(UNIT);
const FIRST_ROW = FIRST_DATA_ROW;
const NOW = '2026-11-10T10:00:00+08:00';
const PERIOD = halfMonthOf(NOW);

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Writes `cells` ("H3" → value) into the sheet 整改清单 of a copy of `from`, as a clerk's program would save it. */
async function fill(from: string, to: string, cells: Record<string, unknown>): Promise<string> {
  const wb = await loadXlsx(from);
  const ws = wb.getWorksheet('整改清单')!;
  for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v as ExcelJS.CellValue;
  writeFileSync(to, new Uint8Array(await wb.xlsx.writeBuffer()));
  return to;
}

async function issueCells(page: Page): Promise<string[]> {
  return page.$$eval('#issues button.issue', (els) => els.map((e) => e.getAttribute('title') ?? ''));
}

describe('the page without Excel', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  let template: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-web-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-web-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    ({ browser, close: closeBrowser } = await launchChromium());
    ({ page } = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360 }));
    await page.fill('#token', server.tokens!.units[UNIT]!);
    await page.fill('#signer', '岩块');
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('offers 下载 manifest.xml in a desktop browser but not on a phone, where no Excel can load an add-in', async () => {
    expect(await page.isVisible('#manifest-link')).toBe(true);
    const phone = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360, phone: true });
    try {
      await phone.page.waitForSelector('#file-section', { state: 'visible' });
      expect(await phone.page.isVisible('#manifest-link')).toBe(false);
      expect(await phone.page.isVisible('#file-section')).toBe(true);
    } finally {
      await phone.context.close();
    }
  });

  it('shows upload instead of greyed-out buttons and downloads the template 插入模板 would write', async () => {
    expect(await page.isVisible('#file-section')).toBe(true);
    expect(await page.isEnabled('#validate')).toBe(true);
    expect(await page.textContent('#host-banner')).toContain('浏览器');
    // 在 Excel 中使用: the manifest for this very origin, one download.
    expect(await page.getAttribute('#manifest-link', 'href')).toBe('manifest.xml');
    const manifest = await (await fetch(`${server.url}/manifest.xml`)).text();
    expect(manifest).toContain(`<SourceLocation DefaultValue="${server.url}/`);
    template = await download(page, '#download-template', work);
    const ws = (await loadXlsx(template)).getWorksheet('整改清单')!;
    expect(ws.getRow(HEADER_ROW).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    expect(ws.getCell(`${col('measureId')}${FIRST_ROW}`).value).toBe(MEASURES[0]!.id);
    expect(ws.getCell(`${col('status')}${FIRST_ROW}`).dataValidation?.type).toBe('list');
    // LibreOffice opens it and reads the same header and first measure.
    const csv = sheetAsCsv(template, 1, work);
    expect(csv).toContain('措施编号');
    expect(csv).toContain(MEASURES[0]!.title.slice(0, 10));
  });

  it('lists the planted issues of an uploaded .xlsx by 行/列 and returns a 标注版 LibreOffice opens', async () => {
    const cells: Record<string, unknown> = {};
    MEASURES.forEach((m, i) => Object.assign(cells, goodRow(FIRST_ROW + i)));
    cells[`${col('status')}${FIRST_ROW}`] = '完成了';
    cells[`${col('progress')}${FIRST_ROW + 2}`] = '';
    const filled = await fill(template, path.join(work, '民良村-有错.xlsx'), cells);
    await page.setInputFiles('#upload', filled);
    await page.waitForSelector('#file-status.ok');
    await page.click('#validate');
    await page.waitForSelector('#validate-status.error');
    expect(await issueCells(page)).toEqual(
      expect.arrayContaining([`${col('status')}${FIRST_ROW}`, `${col('progress')}${FIRST_ROW + 2}`]),
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-360-issues.png'), fullPage: true });
    const marked = await download(page, '#annotated', work);
    const wb = await loadXlsx(marked);
    expect(wb.worksheets.map((w) => w.name)).toContain('校验结果');
    expect(
      (wb.getWorksheet('整改清单')!.getCell(`${col('status')}${FIRST_ROW}`).fill as ExcelJS.FillPattern).fgColor?.argb,
    ).toBe('FFFDE7E9');
    expect(wb.getWorksheet('整改清单')!.getCell(`${col('status')}${FIRST_ROW}`).value).toBe('完成了');
    const sheets = wb.worksheets.length;
    expect(sheetAsCsv(marked, sheets, work)).toContain(`整改清单,${FIRST_ROW},${col('status')},错误,`);
  });

  it('submits a fixed sheet that LibreOffice saved as .xls, its 完成率 computed by the template formula, and shows the receipt', async () => {
    const cells: Record<string, unknown> = {};
    MEASURES.forEach((m, i) => Object.assign(cells, goodRow(FIRST_ROW + i)));
    // 完成率 left to the formula: LibreOffice computes it from 目标值/完成值 when it opens the file.
    MEASURES.forEach((_, i) => delete cells[`${col('rate')}${FIRST_ROW + i}`]);
    const fixed = await fill(template, path.join(work, '民良村.xlsx'), cells);
    const xls = soffice(fixed, 'xls', path.join(work, 'lo'));
    expect(existsSync(xls)).toBe(true);
    await page.setInputFiles('#upload', xls);
    await page.waitForSelector('#file-status.ok');
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.textContent('#confirm-rows')).toBe(String(MEASURES.length));
    expect(await page.textContent('#confirm-unit')).toBe(UNIT_NAME);
    // The open period is preselected (older missing periods are filed only on purpose).
    expect(await page.inputValue('#period')).toBe(PERIOD);
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-360-receipt.png'), fullPage: true });
    const res = await fetch(`${server.url}/api/v1/reports?period=${PERIOD}`, {
      headers: clockHeaders(NOW, server.tokens!.units[UNIT]!),
    });
    const { reports } = (await res.json()) as { reports: { reportId: string; rowCount: number; signer: string }[] };
    expect(reports[0]).toMatchObject({ rowCount: MEASURES.length, signer: '岩块' });
    const detail = await fetch(`${server.url}/api/v1/reports/${reports[0]!.reportId}`, {
      headers: clockHeaders(NOW, server.tokens!.units[UNIT]!),
    });
    const { rows } = (await detail.json()) as { rows: { rate?: number }[] };
    expect(rows.map((r) => r.rate)).toEqual(MEASURES.map(() => 60)); // goodRow: 6 of 10
  });

  it('gives the supervisor a 汇总 workbook equal to the API summary, which LibreOffice opens', async () => {
    const sup = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 1280 });
    await sup.page.fill('#token', server.tokens!.supervisor);
    await sup.page.click('#save-settings');
    await sup.page.waitForSelector('#summary-section:not([hidden])');
    await sup.page.selectOption('#summary-period', PERIOD);
    const file = await download(sup.page, '#write-summary', work);
    await sup.page.screenshot({ path: path.join(ARTIFACTS, 'web-1280-supervisor.png'), fullPage: true });
    const res = await fetch(`${server.url}/api/v1/summary?period=${PERIOD}`, {
      headers: clockHeaders(NOW, server.tokens!.supervisor),
    });
    const summary = (await res.json()) as Summary;
    // The same sheets the add-in writes, named for the period.
    const ws = (await loadXlsx(file)).getWorksheet(periodSheetName(SUMMARY_SHEETS.byUnit, PERIOD))!;
    const rows = summary.units.map((u, i) => [
      // 填报单位, 报送情况, 行数 (after 首次报送时间, 版本, 报送编号, 本版本报送时间, 主要负责人).
      ws.getCell(`B${3 + i}`).value,
      ws.getCell(`D${3 + i}`).value,
      ws.getCell(`J${3 + i}`).value,
    ]);
    expect(rows).toEqual(
      summary.units.map((u) => [
        u.unitName,
        { on_time: '按时', late: '逾期', missing: '未报', not_due: '待报', returned: '退回', closed: '已销号' }[
          u.timeliness
        ],
        u.rowCount,
      ]),
    );
    expect(rows.find((r) => r[0] === UNIT_NAME)?.[2]).toBe(MEASURES.length);
    expect(sheetAsCsv(file, 1, work)).toContain(UNIT_NAME);
    const csv = await download(sup.page, '#export-csv', work);
    expect(readFileSync(csv, 'utf8')).toContain(UNIT_NAME);
    await sup.context.close();
  });

  it('reads refusals in Chinese: an .et file and a corrupt .xlsx submit nothing', async () => {
    await page.setInputFiles('#upload', {
      name: '清单.et',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('x'),
    });
    await page.waitForSelector('#file-status.error');
    expect(await page.textContent('#file-status')).toContain('请在 WPS 中另存为 .xlsx 后上传');
    await page.setInputFiles('#upload', {
      name: '坏.xlsx',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(template).subarray(0, 3000),
    });
    await page.waitForFunction(() => document.querySelector('#file-status')?.textContent?.includes('损坏'));
    expect(await page.textContent('#validate-status')).toBe('');
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-status.error');
    expect(await page.textContent('#submit-status')).toContain('请先上传');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-1280-refusal.png'), fullPage: true });
    // The README's screenshots, refreshed only on request (npm run docs:screenshots), so tests leave the tree clean.
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1')
      for (const name of ['web-360-issues', 'web-1280-supervisor'])
        copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(ROOT, 'docs', `${name}.png`));
  });
});

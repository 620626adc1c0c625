// The unit's loop in the page without Excel (issue 10), in real Chromium against the real local Worker: the open
// period is preselected and an older missing one is filed only on purpose (补报), the confirmation saying so; a 退回
// reaches the unit with its reason and is preselected until a new revision is filed; 打开打印页 opens the 报送单 of
// the period chosen in its own list; 载入上期报送 downloads the latest revision as a
// 整改清单 .xlsx that checks clean when uploaded unchanged; two 子项 rows under one measure are filed and summed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { type Details, type ReportDetail, type ReportHeader, type Summary } from '../../core/schemas/api.ts';
import { translator } from '../../addin/i18n.ts';
import { FIRST_DATA_ROW } from '../../addin/sheets/template-layout.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, freePort, launchChromium } from './browser.ts';
import { FILED, MEASURES, NOW, OPEN, MISSING, UNIT, submissionOf } from './unit-loop-fixture.ts';
import { col, goodRow } from './sheet-builders.ts';
import { download, loadXlsx, openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const t = translator('zh-CN');
const FIRST_ROW = FIRST_DATA_ROW;

/** A cell's value as a program reading the file sees it: a formula's cached result, a plain value otherwise. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && 'formula' in v) return (v as ExcelJS.CellFormulaValue).result ?? '';
  return v ?? '';
}

describe('the unit loop in the page without Excel', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let web: Awaited<ReturnType<typeof openWebPage>>;
  let page: Page;
  let previous: string;
  const get = async <T>(route: string, token: string): Promise<T> =>
    (await fetch(`${server.url}/api/v1${route}`, { headers: clockHeaders(NOW, token) })).json() as Promise<T>;
  const post = async (route: string, token: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${route}`, {
      method: 'POST',
      headers: { ...clockHeaders(NOW, token), 'Content-Type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });

  async function upload(file: string): Promise<void> {
    await page.evaluate(() => (document.querySelector('#file-status')!.className = 'status'));
    await page.setInputFiles('#upload', file);
    await page.waitForSelector('#file-status.ok');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-webloop-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-webloop-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    for (const period of FILED) {
      const res = await post('/reports', server.tokens!.units[UNIT]!, submissionOf(period), {
        'Idempotency-Key': crypto.randomUUID(),
      });
      expect(res.status, period).toBe(201);
    }
    ({ browser, close: closeBrowser } = await launchChromium());
    web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360 });
    page = web.page;
    await page.fill('#token', server.tokens!.units[UNIT]!);
    await page.fill('#signer', '岩温');
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('preselects the open period for an uploaded report and files the missing one only when chosen (补报)', async () => {
    await page.waitForFunction((p) => document.querySelector(`#server-state li[data-period="${p}"]`), MISSING);
    const template = await download(page, '#download-template', work);
    const wb = await loadXlsx(template);
    const ws = wb.getWorksheet('整改清单')!;
    MEASURES.forEach((_, i) =>
      Object.entries(goodRow(FIRST_ROW + i)).forEach(([a, v]) => (ws.getCell(a).value = v as ExcelJS.CellValue)),
    );
    const filled = path.join(work, '丁来村.xlsx');
    writeFileSync(filled, new Uint8Array(await wb.xlsx.writeBuffer()));
    await upload(filled);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.inputValue('#period')).toBe(OPEN);
    expect(await page.textContent('#confirm-what')).toBe('将报送 2023年12月上半月（按时）');
    await page.selectOption('#period', MISSING);
    expect(await page.textContent('#confirm-what')).toBe('补报 2023年11月下半月，将记为逾期');
    expect(await page.locator('#receipt .receipt').count()).toBe(0);
    await page.locator('#submit-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-loop-360-period-choice.png') });
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    expect(await page.textContent('#receipt .pill')).toBe(t('late'));
    await page.waitForFunction(
      (p) => document.querySelector(`#server-state li[data-period="${p}"] .pill`)?.textContent === '逾期',
      MISSING,
    );
  });

  it('shows a 退回 with its reason until the uploaded report is filed again', async () => {
    const { reports } = await get<{ reports: ReportHeader[] }>(`/reports?period=${MISSING}`, server.tokens!.supervisor);
    const mine = reports.find((r) => r.unitId === UNIT)!;
    expect(
      (await post(`/reports/${mine.reportId}/return`, server.tokens!.supervisor, { reason: '3-1 缺少资金拨付数据' }))
        .status,
    ).toBe(200);
    await page.click('#save-settings');
    await page.waitForSelector('#returned-banners .banner');
    const banner = (await page.textContent('#returned-banners .banner'))!;
    expect(banner).toContain('2023年11月下半月的报送已被退回');
    expect(banner).toContain('原因：3-1 缺少资金拨付数据');
    expect(await page.textContent(`#server-state li[data-period="${MISSING}"] .pill`)).toBe(t('returned'));
    await page.locator('#returned-banners .banner').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-loop-360-returned.png') });

    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.inputValue('#period')).toBe(MISSING);
    expect(await page.textContent('#confirm-what')).toBe('将重新报送已退回的 2023年11月下半月（第 2 版，仍记为逾期）');
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    await page.waitForFunction(() => document.querySelectorAll('#returned-banners .banner').length === 0);
    expect(await page.textContent(`#server-state li[data-period="${MISSING}"] .pill`)).toBe(t('late'));
  });

  it('opens the 报送单 of the chosen period in a new tab with its 报送编号 and rows', async () => {
    await page.selectOption('#print-period', MISSING);
    const [tab] = await Promise.all([web.context.waitForEvent('page'), page.click('#print')]);
    await tab.waitForURL(/\/api\/v1\/print\//);
    await tab.waitForLoadState('load');
    expect(tab.url()).not.toContain(server.tokens!.units[UNIT]!);
    const text = await tab.textContent('body');
    expect(text).toContain('整改进展报送单');
    expect(text).toMatch(/报送编号：2311B-丁来-02/);
    for (const m of MEASURES) expect(text).toContain(m.id);
    expect(text).toContain('已开工项目6个，完成投资120万元');
    await tab.close();
    await page.waitForSelector('#print-status.ok');
  });

  it('载入上期报送 downloads the latest revision as a 整改清单 that checks clean when uploaded unchanged', async () => {
    expect(await page.isVisible('#download-previous')).toBe(true);
    previous = await download(page, '#download-previous', work);
    expect(path.basename(previous)).toBe('整改清单-丁来村-2023年11月下半月.xlsx');
    expect(await page.textContent('#file-status')).toContain('2023年11月下半月第 2 版');
    const { reports } = await get<{ reports: ReportHeader[] }>(
      `/reports?period=${MISSING}`,
      server.tokens!.units[UNIT]!,
    );
    const detail = await get<ReportDetail>(`/reports/${reports[0]!.reportId}`, server.tokens!.units[UNIT]!);
    const ws = (await loadXlsx(previous)).getWorksheet('整改清单')!;
    const keys = ['measureId', 'status', 'progress', 'target', 'actual', 'rate', 'evidence'] as const;
    const inFile = detail.rows.map((_, i) => keys.map((k) => plain(ws.getCell(`${col(k)}${FIRST_ROW + i}`).value)));
    const submitted = detail.rows.map((r) =>
      keys.map((k) => (k === 'status' ? STATUS_LABELS[r.status].zh : ((r as Record<string, unknown>)[k] ?? ''))),
    );
    expect(inFile).toEqual(submitted);
    expect(typeof inFile[0]![3]).toBe('number');

    await upload(previous);
    await page.click('#validate');
    await page.waitForSelector('#validate-status.ok');
    expect(await page.locator('#issues button.issue').count()).toBe(0);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.textContent('#confirm-rows')).toBe(String(detail.rows.length));
  });

  it('files two 子项 rows under one measure and the Worker adds up their figures', async () => {
    const wb = await loadXlsx(previous);
    const ws = wb.getWorksheet('整改清单')!;
    const row = FIRST_ROW + MEASURES.findIndex((m) => m.id === '3-1');
    const extra = FIRST_ROW + MEASURES.length;
    COLUMNS.forEach(
      (c) =>
        (ws.getCell(`${col(c.key)}${extra}`).value = plain(
          ws.getCell(`${col(c.key)}${row}`).value,
        ) as ExcelJS.CellValue),
    );
    const set = (cells: Record<string, unknown>) =>
      Object.entries(cells).forEach(([a, v]) => (ws.getCell(a).value = v as ExcelJS.CellValue));
    set({ [`${col('seq')}${extra}`]: String(MEASURES.length + 1), [`${col('item')}${row}`]: '曼来组道路硬化' });
    set({
      [`${col('item')}${extra}`]: '南楞组饮水工程',
      [`${col('progress')}${extra}`]: '饮水管网铺设3公里，完成投资12.5万元',
      [`${col('target')}${extra}`]: 20,
      [`${col('actual')}${extra}`]: 5,
      [`${col('rate')}${extra}`]: 25,
    });
    const two = path.join(work, '丁来村-两个子项.xlsx');
    writeFileSync(two, new Uint8Array(await wb.xlsx.writeBuffer()));
    await upload(two);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.textContent('#confirm-rows')).toBe(String(MEASURES.length + 1));
    await page.selectOption('#period', OPEN);
    await page.evaluate(() => document.querySelector('#receipt')!.replaceChildren());
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    expect(await page.textContent('#receipt .pill')).toBe(t('on_time'));

    const summary = await get<Summary>(`/summary?period=${OPEN}`, server.tokens!.supervisor);
    const m = summary.measures.find((x) => x.measureId === '3-1')!;
    // goodRow gives the first item 目标值 10 and 完成值 6; the second adds 20 and 5.
    expect(m.reportedUnits).toBe(1);
    expect(m.figures).toMatchObject({ target: 30, actual: 11 });
    const details = await get<Details>(`/details?period=${OPEN}`, server.tokens!.supervisor);
    expect(details.rows.filter((r) => r.unitId === UNIT && r.measureId === '3-1').map((r) => r.item)).toEqual([
      '曼来组道路硬化',
      '南楞组饮水工程',
    ]);
    expect(web.pageErrors).toEqual([]);
  });
});

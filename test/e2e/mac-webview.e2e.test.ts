// Excel for Mac's webview (WKWebView) modelled in the test host: a download started in the pane and window.print()
// do nothing (office-js issue 2700). Every file and printout must still reach the user — through a 10-minute link
// the pane hands to Office.context.ui.openBrowserWindow — and the pane says 已在浏览器中打开, never 已下载.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, fake, freePort, launchChromium, openPane, type Pane } from './browser.ts';
import { FILED, NOW, UNIT, submissionOf } from './unit-loop-fixture.ts';

const PERIOD = FILED[FILED.length - 1]!;
const NAME = periodLabel(PERIOD, { form: 'name' });

describe("the pane in Excel for Mac's webview (no download, no print)", () => {
  let persistDir: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let supervisor: Pane;

  /** What the system browser gets from a link the pane opened. */
  const fetchLink = (url: string) => fetch(url, { headers: { 'X-Rectify-Now': NOW } });
  const opened = (pane: Pane) => fake(pane.page, (f) => f.state.browserWindows.slice());

  beforeAll(async () => {
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-mac-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    const res = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        ...clockHeaders(NOW, server.tokens!.units[UNIT]!),
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(submissionOf(PERIOD)),
    });
    expect(res.status).toBe(201);
    ({ browser, close: closeBrowser } = await launchChromium());
    supervisor = await openPane(browser, `${server.url}/`, { clock: () => NOW, host: { platform: 'Mac' } });
    await supervisor.page.fill('#token', server.tokens!.supervisor);
    await supervisor.page.click('#save-settings');
    await supervisor.page.waitForSelector('#me-status.ok');
    await supervisor.page.waitForSelector('#summary-period option', { state: 'attached' });
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  it('hands 导出 CSV to the browser through a link serving the same bytes as the API, and says so', async () => {
    const { page } = supervisor;
    await page.selectOption('#summary-period', PERIOD);
    await page.click('#export-csv');
    await page.waitForSelector('#summary-status.ok');
    expect(await page.textContent('#summary-status')).toBe(
      `已在浏览器中打开“整改进展汇总-${NAME}.csv”的下载链接（10 分钟内有效），请在浏览器中保存。`,
    );
    const url = (await opened(supervisor)).at(-1)!;
    expect(url).toMatch(/\/api\/v1\/download\//);
    expect(url).not.toContain(server.tokens!.supervisor);
    const viaLink = await fetchLink(url);
    expect(viaLink.headers.get('Content-Disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`整改进展汇总-${NAME}.csv`)}`,
    );
    const served = await fetch(`${server.url}/api/v1/export.csv?period=${PERIOD}`, {
      headers: clockHeaders(NOW, server.tokens!.supervisor),
    });
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(Buffer.from(await served.arrayBuffer()))).toBe(true);
    expect(await fake(page, (f) => f.state.ignoredDownloads.length)).toBe(0);
  });

  it('hands 下载汇总表 to the browser as an .xlsx the library reads back', async () => {
    const { page } = supervisor;
    await page.evaluate(() => (document.querySelector('#summary-status')!.className = 'status'));
    await page.selectOption('#summary-period', PERIOD);
    await page.click('#download-summary');
    await page.waitForSelector('#summary-status.ok', { timeout: 30_000 });
    expect(await page.textContent('#summary-status')).toContain('已在浏览器中打开');
    expect(await page.textContent('#summary-status')).not.toContain('已下载');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await fetchLink((await opened(supervisor)).at(-1)!)).arrayBuffer());
    expect(book.worksheets.length).toBeGreaterThanOrEqual(5);
    expect(await fake(page, (f) => f.state.ignoredDownloads.length)).toBe(0);
  });

  it('opens the 令牌发放单 in the browser instead of printing from the pane', async () => {
    const { page } = supervisor;
    await fetch(`${server.url}/api/v1/enrollment/units/v-yongan/revoke`, {
      method: 'POST',
      headers: { ...clockHeaders(NOW, server.tokens!.supervisor), 'Content-Type': 'application/json' },
      body: '{}',
    });
    await page.click('#access-load');
    await page.waitForFunction(
      () => document.querySelector('#access-units li[data-unit="v-yongan"] .access-state')?.textContent === '未连接',
    );
    await page.click('#access-issue-all');
    await page.waitForFunction(() =>
      document.querySelector('#access-status')?.textContent?.includes('令牌发放单已在浏览器中打开'),
    );
    const html = await (await fetchLink((await opened(supervisor)).at(-1)!)).text();
    expect(html).toContain('永安村');
    expect(html).toMatch(/<td class="code">[2-9A-Z]{4}-[2-9A-Z]{4}<\/td>/);
    expect(await fake(page, (f) => f.state.ignoredPrints)).toBe(0);
  });

  it("opens the unit's 报送单 in the browser", async () => {
    const unit = await openPane(browser, `${server.url}/`, { clock: () => NOW, host: { platform: 'Mac' } });
    const { page } = unit;
    await page.fill('#token', server.tokens!.units[UNIT]!);
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
    await page.waitForSelector(`#print-period option[value="${PERIOD}"]`, { state: 'attached' });
    await page.selectOption('#print-period', PERIOD);
    await page.click('#print');
    await page.waitForSelector('#print-status.ok');
    expect(await page.textContent('#print-status')).toContain('已在浏览器中打开');
    const html = await (await fetchLink((await opened(unit)).at(-1)!)).text();
    expect(html).toContain('整改进展报送单');
    expect(await fake(page, (f) => f.state.ignoredPrints)).toBe(0);
    await unit.context.close();
  });
});

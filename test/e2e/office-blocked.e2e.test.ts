// Intranets without Microsoft's CDN (issue 17): the page in a plain browser decides at once that it is not inside
// Office, so office.js refused at once, never answered or failing after 2 s changes nothing — the page is usable
// within 3 s, uploads, validates and submits, and a ?code= link onboards. Inside Office whose onReady never resolves,
// the pane offers the browser address after its wait and still delivers a queued report; Office that arrives after
// the wait switches the pane to Excel.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../addin/i18n.ts';
import { FIRST_DATA_ROW } from '../../addin/sheets/template-layout.ts';
import type { ReportHeader } from '../../core/schemas/api.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, freePort, launchChromium, openPane, type CdnFailure } from './browser.ts';
import { goodRow } from './sheet-builders.ts';
import { MEASURES, NOW, UNIT, submissionOf } from './unit-loop-fixture.ts';
import { download, loadXlsx, openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const t = translator('zh-CN');

describe("the page and the pane when Microsoft's CDN is blocked", () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const post = async (route: string, token: string, body: unknown) =>
    fetch(`${server.url}/api/v1${route}`, {
      method: 'POST',
      headers: { ...clockHeaders(NOW, token), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const reportsOf = async (period: string) =>
    (
      (await (
        await fetch(`${server.url}/api/v1/reports?period=${period}`, {
          headers: clockHeaders(NOW, server.tokens!.supervisor),
        })
      ).json()) as { reports: ReportHeader[] }
    ).reports.filter((r) => r.unitId === UNIT);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-cdn-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-cdn-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const failures: [CdnFailure, string][] = [
    ['abort', 'is refused at once'],
    ['hang', 'never answers'],
    ['fail-after-2s', 'fails after 2 s'],
  ];
  for (const [cdn, how] of failures) {
    it(`is usable within 3 s, uploads, validates and submits when office.js ${how}`, async () => {
      const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360, cdn });
      const { page } = web;
      await page.waitForSelector('#file-section', { state: 'visible' });
      await page.waitForFunction(() => !document.body.classList.contains('office-pending'), undefined, { polling: 50 });
      // Milliseconds since the navigation started, as the page's own clock counts them.
      expect(await page.evaluate(() => performance.now())).toBeLessThan(3_000);
      // A browser user is never told to open the page they are on.
      expect(await page.textContent('#host-banner')).toBe(t('webNoExcel'));
      expect(await page.isEnabled('#upload')).toBe(true);

      await page.fill('#token', server.tokens!.units[UNIT]!);
      await page.fill('#signer', '岩温');
      await page.click('#save-settings');
      await page.waitForSelector('#me-status.ok');
      const template = await download(page, '#download-template', work);
      const wb = await loadXlsx(template);
      const ws = wb.getWorksheet('整改清单')!;
      MEASURES.forEach((_, i) =>
        Object.entries(goodRow(FIRST_DATA_ROW + i)).forEach(([a, v]) => (ws.getCell(a).value = v as ExcelJS.CellValue)),
      );
      const filled = path.join(work, `丁来村-${cdn}.xlsx`);
      writeFileSync(filled, new Uint8Array(await wb.xlsx.writeBuffer()));
      await page.setInputFiles('#upload', filled);
      await page.waitForSelector('#file-status.ok');
      await page.click('#prepare-submit');
      await page.waitForSelector('#submit-panel:not([hidden])');
      const period = await page.inputValue('#period');
      await page.click('#confirm-send');
      await page.waitForSelector('#receipt .receipt');
      expect((await reportsOf(period)).length).toBe(1);
      if (cdn === 'abort') {
        await page.screenshot({ path: path.join(ARTIFACTS, 'web-360-cdn-blocked.png'), fullPage: true });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: path.join(ARTIFACTS, 'web-1280-cdn-blocked.png'), fullPage: true });
        // The README's screenshots, refreshed on request (npm run docs:screenshots).
        if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
          for (const name of ['web-360-cdn-blocked', 'web-1280-cdn-blocked'])
            copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(ROOT, 'docs', `${name}.png`));
        }
      }
      expect(web.pageErrors).toEqual([]);
      await web.context.close();
    });
  }

  it('onboards through a ?code= link while office.js is refused', async () => {
    const res = await post('/enrollment/codes', server.tokens!.supervisor, { unitIds: ['v-yongan'] });
    expect(res.status).toBe(201);
    const { codes } = (await res.json()) as { codes: { code: string }[] };
    const web = await openWebPage(browser, `${server.url}/?code=${codes[0]!.code}`, {
      clock: () => NOW,
      width: 360,
      cdn: 'abort',
    });
    await web.page.waitForSelector('#enroll-status.ok', { timeout: 10_000 });
    await web.page.waitForSelector('#me-status.ok');
    expect(await web.page.textContent('#me-status')).toContain('永安村');
    await web.context.close();
  });

  it('offers the browser address inside Office whose onReady never resolves, and still delivers a queued report', async () => {
    const queued = [
      {
        key: crypto.randomUUID(),
        submission: submissionOf('2023-10-H2'),
        unitId: UNIT,
        enqueuedAt: Date.now(),
        attempts: 0,
        nextAttemptAt: 0,
        state: 'pending',
      },
    ];
    const pane = await openPane(browser, `${server.url}/`, {
      clock: () => NOW,
      host: { officeNeverReady: true },
      seed: { 'rectify:v1:queue': JSON.stringify(queued), 'rectify:v1:token': server.tokens!.units[UNIT]! },
    });
    const { page } = pane;
    expect(await page.textContent('#host-banner')).toBe(t('officeWaiting', { url: `${server.url}/` }));
    expect(await page.evaluate(() => typeof (window as unknown as { Excel?: unknown }).Excel)).toBe('undefined');
    // The queue's report reaches the server without Excel.
    await page.waitForFunction(() => !localStorage.getItem('rectify:v1:queue'), undefined, { timeout: 15_000 });
    expect((await reportsOf('2023-10-H2')).length).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'taskpane-office-never-ready.png'), fullPage: true });
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });

  it('switches to Excel when Office arrives after the pane stopped waiting', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW, host: { officeReadyAfterMs: 12_000 } });
    const { page } = pane;
    expect(await page.textContent('#host-banner')).toBe(t('officeWaiting', { url: `${server.url}/` }));
    expect(await page.evaluate(() => document.body.classList.contains('no-excel'))).toBe(true);
    await page.waitForFunction(() => !document.body.classList.contains('no-excel'), undefined, { timeout: 15_000 });
    expect(await page.isVisible('#host-banner')).toBe(false);
    await page.evaluate(() => window.__fakeExcel.addSheet('Sheet1'));
    await page.fill('#token', server.tokens!.units[UNIT]!);
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
    await page.click('#insert-template');
    await page.waitForSelector('#template-status.ok');
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });
});

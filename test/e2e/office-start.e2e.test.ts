// The pane on a slow cold start and in Excel's corners: office.js served 5 s late (the pane shows at once and works
// once Office is ready, no false "not in Excel"), 校验 clicked while a cell is being edited, storage partitioned by
// Office.context.partitionKey, and a queued report the workbook remembers but this computer lost.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_EDIT_MESSAGE } from '../../addin/excel/run-excel.ts';
import { translator } from '../../addin/i18n.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { launchChromium, openPane, freePort } from './browser.ts';
import type { FakeExcelApi } from './fake-excel-host.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const t = translator('zh-CN');
const UNIT = 'o-projects';
const NOW = '2026-11-10T10:00:00+08:00';

declare global {
  interface Window {
    __fakeExcel: FakeExcelApi;
  }
}

describe('task pane start-up and Excel corners', () => {
  let persistDir: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-start-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  it('shows the pane at once while office.js arrives 5 s late, then works in Excel without a false banner', async () => {
    const started = Date.now();
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW, officeDelayMs: 5_000 });
    const { page } = pane;
    await page.waitForSelector('#settings', { state: 'visible' });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await page.textContent('#host-banner')).toBe(t('officeLoading'));
    expect(await page.evaluate(() => typeof (window as unknown as { Excel?: unknown }).Excel)).toBe('undefined');
    await shotTo(page, 'taskpane-slow-start-waiting');
    await page
      .waitForFunction(() => !document.body.classList.contains('office-pending'), undefined, { timeout: 30_000 })
      .catch(async (e) => {
        console.log(
          await page.evaluate(() => [
            document.body.className,
            document.querySelector('#host-banner')?.textContent,
            typeof (window as any).Office,
            typeof (window as any).Office?.onReady,
          ]),
          pane.pageErrors,
          pane.consoleErrors,
          pane.blocked,
        );
        throw e;
      });
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(await page.isVisible('#host-banner')).toBe(false);
    expect(await page.evaluate(() => document.body.classList.contains('no-excel'))).toBe(false);

    await page.evaluate(() => window.__fakeExcel.addSheet('Sheet1'));
    await page.fill('#token', server.tokens!.units[UNIT]!);
    await page.fill('#signer', '李明');
    await page.click('#save-settings');
    await page.waitForFunction(() => document.querySelector('#me-status')?.classList.contains('ok'));
    await page.click('#insert-template');
    await page.waitForFunction(() => document.querySelector('#template-status')?.classList.contains('ok'));
    await page.click('#validate');
    await page.waitForFunction(() => (document.querySelector('#validate-status')?.textContent ?? '') !== '');
    const file = await shotTo(page, 'taskpane-slow-start');
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1')
      copyFileSync(file, path.join(ROOT, 'docs', 'taskpane-slow-start.png'));
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });

  it('waits for the user to leave a cell they are editing instead of failing 校验', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    const { page } = pane;
    // Validation needs the plan, which comes with the connection (/me).
    await page.fill('#token', server.tokens!.units[UNIT]!);
    await page.click('#save-settings');
    await page.waitForFunction(() => document.querySelector('#me-status')?.classList.contains('ok'));
    await page.evaluate(() => window.__fakeExcel.addSheet('整改清单'));
    await page.evaluate(() => window.__fakeExcel.setCellEdit(true));
    await page.click('#validate');
    await page.waitForTimeout(500);
    expect(await page.isVisible('#validate-progress')).toBe(true);
    expect(await page.textContent('#validate-status')).toBe('');
    await page.evaluate(() => window.__fakeExcel.setCellEdit(false));
    await page.waitForFunction(() => (document.querySelector('#validate-status')?.textContent ?? '') !== '');
    // The verdict of an empty sheet (no header), not Excel's refusal.
    expect(await page.textContent('#validate-status')).not.toContain(CELL_EDIT_MESSAGE);
    // The active sheet has no checklist header: one sentence naming the sheet to switch to (issue 10).
    expect(await page.textContent('#validate-status')).toContain('不是整改清单');
    expect(
      await page.evaluate(() =>
        window.__fakeExcel.state.runOptions.every(
          (o) => (o as { delayForCellEdit?: boolean } | null)?.delayForCellEdit === true,
        ),
      ),
    ).toBe(true);
    await pane.context.close();
  });

  it("keeps its storage under Office's partition key where Office partitions add-ins", async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW, host: { partitionKey: 'part-A:' } });
    const { page } = pane;
    await page.fill('#token', 'tok-xyz');
    await page.click('#save-settings');
    await page.waitForFunction(() => (document.querySelector('#me-status')?.textContent ?? '') !== '');
    expect(
      await page.evaluate(() => [
        localStorage.getItem('part-A:rectify:v1:token'),
        localStorage.getItem('rectify:v1:token'),
      ]),
    ).toEqual(['tok-xyz', null]);
    await pane.context.close();
  });

  it("warns when a report the workbook remembers as queued is no longer in this computer's storage", async () => {
    const marks = [{ key: '00000000-0000-4000-8000-000000000001', period: '2026-11-H1', unitId: UNIT }];
    const pane = await openPane(browser, `${server.url}/`, {
      clock: () => NOW,
      host: { settings: { 'rectify.pendingReports': marks } },
    });
    const { page } = pane;
    await page.waitForSelector('#queue-lost', { state: 'visible' });
    expect(await page.textContent('#queue-lost')).toBe(t('reportsLost', { count: 1, periods: '2026-11-H1' }));
    // Shown once: the workbook now remembers only what is really queued here (nothing).
    expect(await page.evaluate(() => window.__fakeExcel.state.settings['rectify.pendingReports'] ?? null)).toEqual([]);
    await pane.context.close();
  });
});

async function shotTo(page: import('playwright-core').Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

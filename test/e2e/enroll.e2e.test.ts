// 连接码 in the real pane (Chromium) against the real local Worker: the supervisor revokes a unit's token and issues
// it a code in 单位与令牌 (one click each), the unit's clerk types the code in 设置 and is connected, a second use of
// the same code through the page link is refused; then codes for every unit not yet connected are issued at once and
// the 令牌发放单 — a server page opened in the system browser — is printed to PDF (artifacts/e2e/enrollment-sheet.pdf).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, launchChromium, openPane, type Pane, freePort } from './browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const NOW = '2024-01-10T10:00:00+08:00';
const CODE = /^[2-9A-Z]{4}-[2-9A-Z]{4}$/;

describe('connecting a unit with a 连接码 issued in the pane', () => {
  let persistDir: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let supervisor: Pane;
  let code = '';

  const unitRow = (id: string) => `#access-units li[data-unit="${id}"]`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-enroll-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    ({ browser, close: closeBrowser } = await launchChromium());
    supervisor = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await supervisor.page.fill('#token', server.tokens!.supervisor);
    await supervisor.page.click('#save-settings');
    await supervisor.page.waitForSelector('#me-status.ok');
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  it('lists every unit with its contact and token state for the supervisor', async () => {
    const page = supervisor.page;
    await page.waitForSelector(`${unitRow('v-dinglai')} .access-state`);
    expect(await page.$$eval('#access-units li', (els) => els.length)).toBe(22);
    expect(await page.textContent(unitRow('o-rural-revitalization'))).toContain('罗正强 18088387949');
    expect(await page.textContent(`${unitRow('v-dinglai')} .access-state`)).toBe('已连接（1 个令牌）');
  });

  it('revokes a unit in one click and issues it a code shown in the pane', async () => {
    const page = supervisor.page;
    await page.click(`${unitRow('v-dinglai')} button.access-revoke`);
    await page.waitForFunction(() => document.querySelector('#access-status')?.textContent?.includes('已撤销 丁来村'));
    await page.waitForFunction(
      () => document.querySelector('#access-units li[data-unit="v-dinglai"] .access-state')?.textContent === '未连接',
    );
    const old = await fetch(`${server.url}/api/v1/me`, {
      headers: clockHeaders(NOW, server.tokens!.units['v-dinglai']!),
    });
    expect(old.status).toBe(401);
    await page.click(`${unitRow('v-dinglai')} button.access-issue`);
    await page.waitForSelector('#access-code:not([hidden])');
    code = (await page.textContent('#access-code'))!;
    expect(code).toMatch(CODE);
    expect(await page.textContent('#access-status')).toBe(
      `丁来村 的连接码：${code}（2024-01-17 10:00 前有效，只能使用一次）`,
    );
    await page.waitForFunction(() =>
      document
        .querySelector('#access-units li[data-unit="v-dinglai"] .access-state')
        ?.textContent?.includes('连接码待使用'),
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'enroll-issued.png'), fullPage: true });
    await page.locator('#access-section').screenshot({ path: path.join(ARTIFACTS, 'enroll-access-section.png') });
  });

  it('connects the clerk who types the code in 设置, and the token works for the unit', async () => {
    const unit = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await unit.page.fill('#enroll-code', code.toLowerCase().replace('-', ' '));
    await unit.page.click('#enroll-run');
    await unit.page.waitForSelector('#enroll-status.ok');
    expect(await unit.page.textContent('#enroll-status')).toBe('已用连接码连接：丁来村。令牌已保存在本机。');
    expect(await unit.page.textContent('#me-status')).toContain('填报单位：丁来村');
    const token = await unit.page.inputValue('#token');
    expect(token).toMatch(/^v-dinglai\.rt_[A-Za-z0-9_-]{43}$/);
    expect(await unit.page.inputValue('#enroll-code')).toBe('');
    expect((await fetch(`${server.url}/api/v1/me`, { headers: clockHeaders(NOW, token) })).status).toBe(200);
    await unit.page.screenshot({ path: path.join(ARTIFACTS, 'enroll-connected.png'), fullPage: true });
    expect(unit.pageErrors).toEqual([]);
    await unit.context.close();
  });

  it('refuses a second use of the code opened as a page link, and takes the code out of the address', async () => {
    const other = await openPane(browser, `${server.url}/?code=${code}`, { clock: () => NOW });
    await other.page.waitForSelector('#enroll-status.error');
    expect(await other.page.textContent('#enroll-status')).toMatch(/连接码.*使用过.*只能使用一次/);
    expect(other.page.url()).toBe(`${server.url}/`);
    expect(await other.page.inputValue('#token')).toBe('');
    await other.page.screenshot({ path: path.join(ARTIFACTS, 'enroll-refused.png'), fullPage: true });
    expect(other.pageErrors).toEqual([]);
    await other.context.close();
  });

  it('issues codes to every unit not yet connected at once and prints the 令牌发放单 on one A4 page', async () => {
    const page = supervisor.page;
    // Nine villages lose their demo tokens, as if they had never been connected.
    const villages = [
      'v-minliang',
      'v-yongan',
      'v-gongnong',
      'v-yingge',
      'v-banlie',
      'v-menglai',
      'v-gongsa',
      'v-manlai',
    ];
    for (const id of villages) {
      const res = await fetch(`${server.url}/api/v1/enrollment/units/${id}/revoke`, {
        method: 'POST',
        headers: { ...clockHeaders(NOW, server.tokens!.supervisor), 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
    }
    await page.click('#access-load');
    await page.waitForFunction(
      () => document.querySelector('#access-units li[data-unit="v-manlai"] .access-state')?.textContent === '未连接',
    );
    // The sheet opens in the system browser (a new page here), rendered by the server: printing there works on every host.
    const [sheet] = await Promise.all([supervisor.context.waitForEvent('page'), page.click('#access-issue-all')]);
    await page.waitForFunction(() =>
      document.querySelector('#access-status')?.textContent?.startsWith('已为 8 个单位发放连接码'),
    );
    await sheet.waitForURL(/\/api\/v1\/download\//);
    await sheet.waitForLoadState('load');
    expect(sheet.url()).not.toContain(server.tokens!.supervisor);
    const rows = await sheet.$$eval('tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows.map((r) => r[1])).toEqual([
      '民良村',
      '永安村',
      '公弄村',
      '英格村',
      '班列村',
      '勐来村',
      '公撒村',
      '曼来村',
    ]);
    for (const r of rows) {
      expect(r[4]).toMatch(CODE);
      expect(r[5]).toBe('2024-01-17 10:00');
    }
    expect(await sheet.textContent('body')).toContain(`${server.url}/?code=连接码`);
    expect(await sheet.textContent('.meta')).toContain('发放时间：2024-01-10 10:00（北京时间）');
    // The codes are on the sheet only, never in the pane.
    const paneText = (await page.textContent('body')) ?? '';
    for (const r of rows) expect(paneText).not.toContain(r[4]!);
    await sheet.screenshot({ path: path.join(ARTIFACTS, 'enrollment-sheet-screen.png'), fullPage: true });
    await sheet.emulateMedia({ media: 'print' });
    const pdf = await sheet.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(ARTIFACTS, 'enrollment-sheet.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await sheet.close();
    expect(supervisor.pageErrors).toEqual([]);
  });
});

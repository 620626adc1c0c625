// A sheet's 佐证材料 link in real Chromium against the real local Worker: the supervisor's 报送明细 (.xlsx from the
// page, and in the Excel pane) carries a link per file to the page's ?evidence=<id>; that page, signed out, asks to
// connect first and opens the file once connected; signed in as the supervisor it shows the file; another unit is told
// the file does not exist; a broken id is named as such. 整改进展汇总表 carries one cell per (measure, unit), a count
// linked to ?evidence-list=, which the page opens as 佐证材料查阅 of that unit, measure and period.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../core/schemas/api.ts';
import type { EvidenceFile } from '../../core/schemas/evidence.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, fake, freePort, launchChromium, openPane } from './browser.ts';
import { NOW, OPEN, UNIT, submissionOf } from './unit-loop-fixture.ts';
import { loadXlsx, openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
/** A small but real PDF (one empty page). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const NAME = '入户走访签到表.pdf';

describe('佐证材料 links in the sheets', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let file: EvidenceFile;

  async function connect(page: Page, token: string): Promise<void> {
    await page.fill('#token', token);
    await page.click('#save-settings');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-evidence-link-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-evidence-link-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    const unitToken = server.tokens!.units[UNIT]!;
    const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: clockHeaders(NOW, unitToken) })).json()) as Me;
    const report = submissionOf(OPEN);
    const q = new URLSearchParams({
      plan: me.plans[0]!.id,
      period: OPEN,
      measure: report.rows[0]!.measureId,
      name: NAME,
    });
    const up = await fetch(`${server.url}/api/v1/evidence?${q}`, {
      method: 'POST',
      headers: { ...clockHeaders(NOW, unitToken), 'Content-Type': 'application/pdf' },
      body: PDF,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    file = (await up.json()) as EvidenceFile;
    report.rows[0] = { ...report.rows[0]!, evidenceIds: [file.id] } as (typeof report.rows)[0];
    const posted = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        ...clockHeaders(NOW, unitToken),
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(report),
    });
    expect(posted.status, await posted.clone().text()).toBe(201);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  /** 整改进展汇总表's link for 丁来村's files of the measure in the open period. */
  const listTarget = () =>
    `${server.url}/?evidence-list=${UNIT}&plan=${file.planId}&measure=${file.measureId}&period=${OPEN}`;

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('writes a link per file into 报送明细 (to ?evidence=<id>) and one per unit into 整改进展汇总表 (to ?evidence-list=) of the downloaded .xlsx', async () => {
    const sup = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 1280 });
    await connect(sup.page, server.tokens!.supervisor);
    await sup.page.waitForSelector('#summary-section:not([hidden])');
    await sup.page.selectOption('#summary-period', OPEN);
    const [dl] = await Promise.all([sup.page.waitForEvent('download'), sup.page.click('#download-summary')]);
    const saved = path.join(work, dl.suggestedFilename());
    await dl.saveAs(saved);
    const wb = await loadXlsx(saved);
    const links = (prefix: string) => {
      const ws = wb.worksheets.find((w) => w.name.startsWith(prefix))!;
      const found: { header: unknown; text: unknown; hyperlink: unknown }[] = [];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.hyperlink)
            found.push({ header: ws.getRow(2).getCell(cell.col).value, text: cell.text, hyperlink: cell.hyperlink });
        }),
      );
      return found;
    };
    const target = `${server.url}/?evidence=${file.id}`;
    expect(links('报送明细')).toEqual([{ header: '佐证文件1', text: NAME, hyperlink: target }]);
    expect(links('整改进展汇总表')).toEqual([
      { header: '佐证材料1', text: '丁来村：1 个文件', hyperlink: listTarget() },
    ]);
    expect(sup.pageErrors).toEqual([]);
    await sup.context.close();
  });

  it('writes the same links into the sheets in Excel (the test host keeps each cell’s hyperlink)', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await pane.page.fill('#token', server.tokens!.supervisor);
    await pane.page.click('#save-settings');
    await pane.page.waitForSelector('#summary-section:not([hidden])');
    await pane.page.selectOption('#summary-period', OPEN);
    await pane.page.click('#write-summary');
    await pane.page.waitForSelector('#summary-status.ok', { timeout: 30_000 });
    const cells = await fake(pane.page, (f) =>
      f
        .sheetNames()
        .filter((n) => n.startsWith('报送明细') || n.startsWith('整改进展汇总表'))
        .flatMap((n) => f.links(n).map((l) => ({ sheet: n.split(' ')[0], ...l }))),
    );
    const target = `${server.url}/?evidence=${file.id}`;
    expect(cells.map((c) => [c.sheet, c.v, c.address, c.textToDisplay])).toEqual(
      expect.arrayContaining([
        ['整改进展汇总表', '丁来村：1 个文件', listTarget(), '丁来村：1 个文件'],
        ['报送明细', NAME, target, NAME],
      ]),
    );
    expect(cells).toHaveLength(2);
    await pane.context.close();
  });

  it('lists the files in 佐证材料查阅 by unit, measure and period, and opens one in a new tab through its link', async () => {
    const sup = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 1280 });
    await connect(sup.page, server.tokens!.supervisor);
    const row = sup.page.locator(`#evidence-browser-list tr[data-id="${file.id}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual([
      '丁来村',
      submissionOf(OPEN).rows[0]!.measureId,
      NAME,
      `${PDF.length} 字节`,
      file.sha256.slice(0, 8),
      expect.stringMatching(/^2023-11-30 10:00/),
    ]);
    await sup.page
      .locator('#evidence-browser-section')
      .screenshot({ path: path.join(ARTIFACTS, 'evidence-browser-1280.png') });
    // Another unit chosen: nothing listed.
    await sup.page.selectOption('#evidence-browser-unit', 'v-minliang');
    await sup.page.click('#evidence-browser-run');
    await sup.page.waitForFunction(() =>
      document.querySelector('#evidence-browser-list')!.textContent!.includes('没有符合条件'),
    );
    await sup.page.selectOption('#evidence-browser-unit', UNIT);
    await sup.page.selectOption('#evidence-browser-period', OPEN);
    await sup.page.click('#evidence-browser-run');
    await row.waitFor();
    const [tab] = await Promise.all([sup.context.waitForEvent('page'), row.locator('a').click()]);
    const res = await tab.waitForResponse((r) => r.url().includes('/api/v1/evidence-file/'));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(sup.pageErrors).toEqual([]);
    await sup.context.close();
  });

  it('opens 整改进展汇总表’s cell link as 佐证材料查阅 of that unit, measure and period: after connecting when signed out, and only for the supervisor', async () => {
    const web = await openWebPage(browser, listTarget(), { clock: () => NOW, width: 1280 });
    const banner = web.page.locator('#evidence-link-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain('需要先以乡村振兴办身份连接');
    await connect(web.page, server.tokens!.supervisor);
    await web.page.waitForSelector('#evidence-browser-status.ok');
    expect(await web.page.textContent('#evidence-browser-status')).toBe(
      `已按链接列出：丁来村，措施 ${file.measureId}，2023年12月上半月。`,
    );
    expect(await banner.isHidden()).toBe(true);
    const rows = web.page.locator('#evidence-browser-list tr[data-id]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))).toEqual([file.id]);
    expect(
      await Promise.all(['unit', 'measure', 'period'].map((s) => web.page.inputValue(`#evidence-browser-${s}`))),
    ).toEqual([UNIT, file.measureId, OPEN]);
    // The address forgets the link: a reload lists as usual.
    expect(new URL(web.page.url()).search).toBe('');
    await web.page
      .locator('#evidence-browser-section')
      .screenshot({ path: path.join(ARTIFACTS, 'evidence-list-link-1280.png') });
    expect(web.pageErrors).toEqual([]);
    await web.context.close();

    const unit = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360 });
    await connect(unit.page, server.tokens!.units[UNIT]!);
    await unit.page.waitForSelector('#me-status.ok');
    await unit.page.goto(listTarget());
    await unit.page.waitForFunction(() => document.querySelector('#evidence-link-banner.error'));
    expect(await unit.page.textContent('#evidence-link-banner')).toContain('仅供乡村振兴办查阅');
    expect(await unit.page.isHidden('#evidence-browser-section')).toBe(true);
    await unit.page.goto(listTarget().replace(/&measure=[^&]*/, ''));
    await unit.page.waitForFunction(() =>
      document.querySelector('#evidence-link-banner')!.textContent!.includes('不完整'),
    );
    await unit.context.close();
  });

  it('asks a signed-out browser to connect first, then opens the file once connected as the supervisor', async () => {
    const web = await openWebPage(browser, `${server.url}/?evidence=${file.id}`, { clock: () => NOW, width: 360 });
    const banner = web.page.locator('#evidence-link-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain('需要先连接');
    await web.page.screenshot({ path: path.join(ARTIFACTS, 'evidence-link-signed-out-360.png') });
    const opened = web.page.waitForResponse((r) => r.url().includes('/api/v1/evidence-file/'));
    await connect(web.page, server.tokens!.supervisor);
    const res = await opened;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const bytes = Buffer.from(await (await fetch(res.url(), { headers: { 'X-Rectify-Now': NOW } })).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    await web.context.close();
  });

  it('opens the file at once in a browser already signed in (the token saved on this computer)', async () => {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 1280 });
    await connect(web.page, server.tokens!.supervisor);
    await web.page.waitForSelector('#me-status.ok');
    const opened = web.page.waitForResponse((r) => r.url().includes('/api/v1/evidence-file/'));
    await web.page.goto(`${server.url}/?evidence=${file.id}`, { waitUntil: 'commit' }).catch(() => undefined);
    expect((await opened).status()).toBe(200);
    await web.context.close();
  });

  it('tells another unit the file does not exist, and names a broken id as such', async () => {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360 });
    await connect(web.page, server.tokens!.units['v-minliang']!);
    await web.page.waitForSelector('#me-status.ok');
    const banner = web.page.locator('#evidence-link-banner');
    await web.page.goto(`${server.url}/?evidence=${file.id}`);
    await web.page.waitForFunction(() => document.querySelector('#evidence-link-banner.error'));
    expect(await banner.textContent()).toContain('佐证材料不存在');
    await web.page.goto(`${server.url}/?evidence=ev_123`);
    await web.page.waitForFunction(() => document.querySelector('#evidence-link-banner.error'));
    expect(await banner.textContent()).toContain('编号不完整或有误');
    expect(web.pageErrors).toEqual([]);
    await web.context.close();
  });
});

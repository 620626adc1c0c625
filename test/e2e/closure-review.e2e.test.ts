// The supervisor's side of 销号 on the page (Chromium, no Excel) against the real local Worker: two units apply
// through the API with their own evidence, the supervisor rejects one with a 限期 and closes the other in the page,
// and the 销号台账 downloaded opens with exceljs showing each pair's state and its coloured 预警 cell; LibreOffice then
// opens the 销号台账 and the 通报 .docx and prints them to PDF, the 通报 with its CJK fonts embedded
// (artifacts/e2e/bulletin-*.png to look at). The lists narrow to one unit; its 督办单 shows with counts and the
// unit's 回复, and prints as an A4 page rendered to PDF and PNG.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { formatRate, type ClosureList } from '../../core/closure/index.ts';
import { measuresFor } from '../../core/plan/plan-lookup.ts';
import { type Me } from '../../core/schemas/api.ts';
import { CLOSURE_LEDGER_SHEET, CLOSED_COLOR } from '../../addin/sheets/closure-ledger-sheet.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, freePort, launchChromium } from './browser.ts';
import { soffice } from './soffice.ts';
import { download, loadXlsx, openWebPage } from './web-browser.ts';

/** The text of a PDF as pdftotext (poppler) reads it, without white space (it spaces digits apart from Chinese). */
const pdfText = (pdf: string) => flat(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
const flat = (text: string) => text.replace(/\s+/g, '');

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const NOW = '2023-12-05T10:00:00+08:00';
const PERIOD = '2023-12-H1';
const UNITS = ['v-dinglai', 'v-minliang'];

describe('销号核查 on the page', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let measureId: string;

  const api = async (route: string, token: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}/api/v1${route}`, {
      ...init,
      headers: { ...clockHeaders(NOW, token), ...(init.headers as Record<string, string>) },
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`${route}: ${res.status} ${body}`);
    return JSON.parse(body) as Record<string, unknown>;
  };

  /** The unit reports every measure 已完成, uploads a PDF for `measureId` and applies for its 销号. */
  async function apply(unitId: string): Promise<void> {
    const token = server.tokens!.units[unitId]!;
    const me = (await api('/me', token)) as unknown as Me;
    const plan = me.plans[0]!;
    const rows = measuresFor(plan, unitId).map((m) => ({
      measureId: m.id,
      status: 'done',
      progress: `${m.id}：已全部完成，入户走访 12 户`,
      evidence: '验收单',
    }));
    await api('/reports', token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ period: PERIOD, signer: '岩温', rows }),
    });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const q = new URLSearchParams({ plan: plan.id, period: PERIOD, measure: measureId, name: '验收单.pdf' });
    const file = await api(`/evidence?${q}`, token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: pdf,
    });
    await api('/closures/apply', token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ measureId, summary: `${unitId} 已完成整改并验收`, evidenceIds: [file.id] }),
    });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-closure-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-closure-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    const me = (await api('/me', server.tokens!.units[UNITS[0]!]!)) as unknown as Me;
    const shared = measuresFor(me.plans[0]!, UNITS[0]!)
      .map((m) => m.id)
      .filter((id) => measuresFor(me.plans[0]!, UNITS[1]!).some((m) => m.id === id));
    measureId = shared[0]!;
    for (const u of UNITS) await apply(u);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('rejects one application with a 限期, closes the other, and downloads a ledger showing both', async () => {
    const { page, context, pageErrors } = await openWebPage(browser, `${server.url}/`, {
      clock: () => NOW,
      width: 1280,
    });
    await page.fill('#token', server.tokens!.supervisor);
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
    await page.waitForSelector('#closure-review-section:not([hidden]) .closure-application');
    expect(await page.locator('.closure-application').count()).toBe(2);
    expect(await page.textContent('.closure-rates')).toContain('0/');
    await page.locator('#closure-review-section').screenshot({ path: path.join(ARTIFACTS, 'closure-review-1280.png') });

    const first = page.locator(`.closure-application[data-pair="${measureId}|${UNITS[0]}"]`);
    expect(await first.textContent()).toContain(`${UNITS[0]} 已完成整改并验收`);
    // A rejection without a 限期 is refused in the pane, naming the field.
    await first.locator('.closure-opinion').fill('照片不清晰，请补充入户签字表');
    await first.locator('.closure-reject').click();
    await page.waitForSelector('#closure-status.error');
    expect(await page.textContent('#closure-status')).toContain('限期');
    await first.locator('.closure-extended').fill('2023-12-20');
    await first.locator('.closure-reject').click();
    await page.waitForSelector('#closure-status.ok');
    expect(await page.textContent('#closure-status')).toContain('已驳回');
    expect(await page.locator('.closure-application').count()).toBe(1);

    const second = page.locator(`.closure-application[data-pair="${measureId}|${UNITS[1]}"]`);
    await second.locator('.closure-opinion').fill('材料齐全，同意销号');
    await second.locator('.closure-close').click();
    await page.waitForFunction(() => document.querySelector('#closure-status')?.textContent?.includes('已销号'));
    expect(await page.locator('.closure-application').count()).toBe(0);
    expect(await page.locator('.closure-closed').count()).toBe(1);

    const file = await download(page, '#closure-ledger-download', work);
    const ws = (await loadXlsx(file)).getWorksheet(CLOSURE_LEDGER_SHEET)!;
    const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    const col = (h: string) => header.indexOf(h) + 1;
    const { units } = (await api('/me', server.tokens!.supervisor)) as unknown as Me;
    const rowOf = (unitId: string) => {
      const name = units.find((u) => u.id === unitId)!.name;
      for (let r = 3; r <= ws.rowCount; r++)
        if (ws.getCell(r, col('措施')).value === measureId && ws.getCell(r, col('填报单位')).value === name) return r;
      throw new Error(`no ledger row for ${unitId}`);
    };
    const rejected = rowOf(UNITS[0]!);
    const closed = rowOf(UNITS[1]!);
    expect(ws.getCell(rejected, col('销号状态')).value).toBe('整改中');
    expect(ws.getCell(rejected, col('限期（二次整改）')).value).toBe('2023-12-20');
    expect(ws.getCell(rejected, col('核查意见')).value).toBe('照片不清晰，请补充入户签字表');
    // A 驳回 not answered yet is a yellow warning at least; its cell carries the colour.
    expect(String(ws.getCell(rejected, col('预警')).value)).toMatch(/预警/);
    expect((ws.getCell(rejected, col('预警')).fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
    expect(ws.getCell(closed, col('销号状态')).value).toBe('已销号');
    expect(ws.getCell(closed, col('核查意见')).value).toBe('材料齐全，同意销号');
    expect((ws.getCell(closed, col('销号状态')).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      `FF${CLOSED_COLOR.slice(1)}`,
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
  it('downloads the 销号台账 and the 通报 that LibreOffice opens and prints with the title, the rates and the ranked units', async () => {
    const { page, context, pageErrors } = await openWebPage(browser, `${server.url}/`, {
      clock: () => NOW,
      width: 1280,
    });
    await page.fill('#token', server.tokens!.supervisor);
    await page.click('#save-settings');
    await page.waitForSelector('#closure-review-section:not([hidden]) .closure-closed-list');
    const { units, plans } = (await api('/me', server.tokens!.supervisor)) as unknown as Me;
    const nameOf = (id: string) => units.find((u) => u.id === id)!.name;
    const { rates } = (await api('/closures', server.tokens!.supervisor)) as unknown as ClosureList;
    const pairsRate = `${formatRate(rates.pairs)}`;

    // The ledger as LibreOffice prints it: title with the 整改完成率, both units' rows.
    const ledger = pdfText(soffice(await download(page, '#closure-ledger-download', work), 'pdf', work));
    expect(ledger).toContain('销号台账');
    expect(ledger).toContain(flat(`整改完成率 ${pairsRate}（${rates.pairs.closed}/${rates.pairs.total} 项）`));
    for (const u of UNITS) expect(ledger).toContain(flat(nameOf(u)));

    const docx = await download(page, '#bulletin-download', work);
    expect(path.basename(docx)).toBe('整改工作推进情况通报-2023年12月上半月.docx');
    expect(await page.textContent('#closure-status')).toContain('整改工作推进情况通报');
    const pdf = soffice(docx, 'pdf', work);
    // Every font LibreOffice printed with is embedded (pdffonts' emb column), a CJK face among them.
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.some((f) => /CJK/.test(f))).toBe(true);
    for (const f of fonts) expect(f.split(/\s+/).at(-5), f).toBe('yes');
    const text = pdfText(pdf);
    expect(text).toContain(`关于勐来乡2023年整改工作推进情况的通报`);
    expect(text).toContain(flat(plans[0]!.docNumber!));
    expect(text).toContain(flat(`按单位·措施计 ${pairsRate}（${rates.pairs.closed}/${rates.pairs.total}）`));
    // Nobody is due yet on 12-05, so the ranking rests on the 整改完成率: the unit with the closed pair leads.
    const ranking = text.slice(text.indexOf('二、各单位报送及整改完成情况'), text.indexOf('三、红色预警事项'));
    expect(ranking.indexOf(flat(nameOf(UNITS[1]!)))).toBeGreaterThan(-1);
    expect(ranking.indexOf(flat(nameOf(UNITS[1]!)))).toBeLessThan(ranking.indexOf(flat(nameOf(UNITS[0]!))));
    expect(text).toContain('四、督办单办理情况');
    // Pages to look at.
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '2', pdf, path.join(ARTIFACTS, 'bulletin')]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('reopens the closed pair with a reason and issues a 督办单 for a red pair, both answered in Chinese', async () => {
    const { page, context, pageErrors } = await openWebPage(browser, `${server.url}/`, {
      clock: () => NOW,
      width: 1280,
    });
    await page.fill('#token', server.tokens!.supervisor);
    await page.click('#save-settings');
    await page.waitForSelector('#closure-review-section:not([hidden]) .closure-closed-list');
    await page.click('.closure-closed-list summary');
    const closed = page.locator(`.closure-closed[data-pair="${measureId}|${UNITS[1]}"]`);
    // Without a reason the pane names the field and sends nothing.
    await closed.locator('.closure-reopen').click();
    await page.waitForSelector('#closure-status.error');
    expect(await page.textContent('#closure-status')).toBe('重新打开原因：请填写');
    await closed.locator('.reopen-reason').fill('复查发现台账缺页');
    await closed.locator('.closure-reopen').click();
    await page.waitForFunction(() => document.querySelector('#closure-status')?.textContent?.includes('已重新打开'));
    expect(await page.locator('.closure-closed').count()).toBe(0);

    await page.click('.closure-red-list summary');
    // Red pairs of several units are folded per unit.
    expect(await page.locator('.closure-red-list .unit-group').count()).toBeGreaterThan(1);
    await page.click('.closure-red-list .unit-group summary');
    const red = page.locator('.closure-red').first();
    await red.locator('.notice-requirement').fill('12月15日前完成整改并上传佐证材料');
    await red.locator('.notice-due').fill('2023-12-15');
    await red.locator('.notice-issue').click();
    await page.waitForFunction(() =>
      document.querySelector('#closure-status')?.textContent?.includes('已下发督办单第 1 号'),
    );
    const { notices } = (await api('/notices', server.tokens!.supervisor)) as {
      notices: { requirement: string; dueDate: string }[];
    };
    expect(notices).toEqual([
      expect.objectContaining({ requirement: '12月15日前完成整改并上传佐证材料', dueDate: '2023-12-15' }),
    ]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('narrows the lists to one unit, shows its 督办单 with counts and the 回复, and prints the A4 督办单', async () => {
    const { notices } = (await api('/notices', server.tokens!.supervisor)) as {
      notices: { id: string; unitId: string }[];
    };
    const unitId = notices[0]!.unitId;
    await api(`/notices/${notices[0]!.id}/answer`, server.tokens!.units[unitId]!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: '已完成整改，入户走访台账已上传。' }),
    });
    const { page, context, pageErrors } = await openWebPage(browser, `${server.url}/`, {
      clock: () => NOW,
      width: 1280,
    });
    await page.fill('#token', server.tokens!.supervisor);
    await page.click('#save-settings');
    await page.waitForSelector('#closure-review-section:not([hidden]) .closure-unit-filter');
    // Every unit is offered once, with what waits for the office there.
    const options = await page.locator('.closure-unit-filter option').allTextContents();
    expect(options[0]).toBe('全部单位');
    expect(new Set(options).size).toBe(options.length);
    const { units } = (await api('/me', server.tokens!.supervisor)) as unknown as Me;
    const name = units.find((u) => u.id === unitId)!.name;
    expect(options.find((o) => o.startsWith(`${name}（`))).toContain('督办未回复 0');

    await page.selectOption('.closure-unit-filter', unitId);
    const redPairs = await page
      .locator('.closure-red')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-pair')));
    expect(redPairs.length).toBeGreaterThan(0);
    expect(redPairs.every((p) => p!.endsWith(`|${unitId}`))).toBe(true);
    const list = page.locator('.closure-notice-list');
    expect(await list.locator('summary').first().textContent()).toBe('督办单（已回复 1）');
    expect(await list.locator(`tr[data-unit="${unitId}"]`).textContent()).toBe(`${name}001`);
    const card = list.locator('.notice-card').first();
    expect(await card.textContent()).toContain('督办〔2023〕第 1 号');
    expect(await card.locator('.notice-answer').textContent()).toContain('已完成整改，入户走访台账已上传。');
    await page
      .locator('#closure-review-section')
      .screenshot({ path: path.join(ARTIFACTS, 'closure-review-1280-notices.png') });

    const [sheet] = await Promise.all([context.waitForEvent('page'), card.locator('.notice-print').click()]);
    await sheet.waitForURL(/\/api\/v1\/download\//);
    await sheet.waitForLoadState('load');
    expect(sheet.url()).toContain('/api/v1/download/');
    expect(sheet.url()).not.toContain(server.tokens!.supervisor);
    const text = (await sheet.textContent('body'))!;
    for (const part of [
      '整改督办单',
      '督办〔2023〕第 1 号',
      name,
      '12月15日前完成整改并上传佐证材料',
      '2023年12月15日前',
    ])
      expect(text).toContain(part);
    expect(text).toContain('已完成整改，入户走访台账已上传。');
    expect(text).toContain('主要负责人（签字）');
    const pdf = path.join(ARTIFACTS, 'notice-sheet.pdf');
    await sheet.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    // One A4 page: the signature lines never spill onto a second sheet.
    const pages = (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBe(1);
    await sheet.setViewportSize({ width: 794, height: 1123 });
    await sheet.screenshot({ path: path.join(ARTIFACTS, 'notice-sheet.png'), fullPage: true });
    await page.waitForFunction(() =>
      document.querySelector('.closure-notice-list .notice-card .status.ok')?.textContent?.includes('已在浏览器中打开'),
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});

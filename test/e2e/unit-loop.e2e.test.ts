// The unit's loop in the real pane (Chromium) against the real local Worker: the open period is preselected (a
// returned one while there is one), an older missing period is filed only on purpose (补报) and the confirmation says
// in words what will happen; a 退回 reaches the unit with its reason and stays until a new revision is filed;
// 提交记录 shows the server's state; 打印报送单 has its own period choice and works after a reload.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, columnLetter } from '../../core/checklist/columns.ts';
import { type Details, type ReportHeader, type Summary } from '../../core/schemas/api.ts';
import { translator } from '../../addin/i18n.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, launchChromium, openPane, type Pane, freePort, fake } from './browser.ts';
import type { FakeExcelApi } from './fake-excel-host.ts';
import { FILED, MEASURES, NOW, OPEN, MISSING, UNIT, submissionOf } from './unit-loop-fixture.ts';
import { col, goodRow } from './sheet-builders.ts';
import { FIRST_DATA_ROW } from '../../addin/sheets/template-layout.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const t = translator('zh-CN');
const FIRST_ROW = FIRST_DATA_ROW;

declare global {
  interface Window {
    __fakeExcel: FakeExcelApi;
  }
}

describe('the unit loop in the task pane', () => {
  let persistDir: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let unit: Pane;
  const post = async (route: string, token: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${route}`, {
      method: 'POST',
      headers: { ...clockHeaders(NOW, token), 'Content-Type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-loop-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    for (const period of FILED) {
      const res = await post('/reports', server.tokens!.units[UNIT]!, submissionOf(period), {
        'Idempotency-Key': crypto.randomUUID(),
      });
      expect(res.status, period).toBe(201);
    }
    ({ browser, close: closeBrowser } = await launchChromium());
    unit = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await unit.page.fill('#token', server.tokens!.units[UNIT]!);
    await unit.page.fill('#signer', '岩温');
    await unit.page.fill('#preparer', '玉香');
    await unit.page.fill('#preparer-phone', '0691-1234567');
    await unit.page.click('#save-settings');
    await unit.page.waitForSelector('#me-status.ok');
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  /** Fills every measure's row in 整改清单 (after 插入模板) so the sheet passes 校验. */
  async function fillGoodSheet(page: Page): Promise<void> {
    await page.click('#insert-template');
    await page.waitForSelector('#template-status.ok');
    const cells: Record<string, unknown> = {};
    MEASURES.forEach((_, i) => Object.assign(cells, goodRow(FIRST_ROW + i)));
    await fake(
      page,
      (f, c: Record<string, unknown>) => Object.entries(c).forEach(([a, v]) => f.type('整改清单', a, [[v]])),
      cells,
    );
  }

  async function prepare(page: Page): Promise<void> {
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
  }

  const optionLabels = (page: Page) =>
    page.$$eval('#period option', (os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));

  it('preselects the open period, lists the older missing one as 未报, and says what 确认提交 will do', async () => {
    const page = unit.page;
    const server = () =>
      page.$$eval('#server-state li', (els) =>
        els.map((e) => [e.getAttribute('data-period'), e.querySelector('.pill')!.textContent]),
      );
    await page.waitForFunction(() => document.querySelectorAll('#server-state li').length > 2);
    expect((await server()).slice(0, 3)).toEqual([
      [OPEN, t('not_due')],
      [MISSING, t('missing')],
      ['2023-11-H1', t('late')],
    ]);
    await fillGoodSheet(page);
    await prepare(page);
    expect(await page.inputValue('#period')).toBe(OPEN);
    const labels = await optionLabels(page);
    expect(labels[0]).toEqual([OPEN, '2023年12月上半月（本期）']);
    expect(labels).toContainEqual([MISSING, '2023年11月下半月（未报，可补报）']);
    expect(await page.textContent('#confirm-what')).toBe('将报送 2023年12月上半月（按时）');
    await page.screenshot({ path: path.join(ARTIFACTS, 'unit-loop-period-choice.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'unit-loop-period-choice-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 380, height: 900 });
    // 填报人 and 联系电话 are kept with the workbook, like 主要负责人 (never the token).
    expect(await fake(page, (f) => f.state.settings)).toMatchObject({
      'rectify.signer': '岩温',
      'rectify.preparer': '玉香',
      'rectify.preparerPhone': '0691-1234567',
    });
  });

  it('files a missing period only on purpose (补报), saying first that it will count as late', async () => {
    const page = unit.page;
    await page.selectOption('#period', MISSING);
    expect(await page.textContent('#confirm-what')).toBe('补报 2023年11月下半月，将记为逾期');
    expect(await page.locator('#receipt .receipt').count()).toBe(0);
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    expect(await page.textContent('#receipt .pill')).toBe(t('late'));
    await page.waitForFunction(
      (p) => document.querySelector(`#server-state li[data-period="${p}"] .pill`)?.textContent === '逾期',
      MISSING,
    );
  });

  it('files the open period by default, on time, with the short 报送编号 in the receipt and in 提交记录', async () => {
    const page = unit.page;
    await prepare(page);
    expect(await page.inputValue('#period')).toBe(OPEN);
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    expect(await page.textContent('#receipt .pill')).toBe(t('on_time'));
    const number = await page.$eval('#receipt dd', (d) => d.textContent);
    expect(number).toBe('2312A-丁来-01');
    // 填报人 and 联系电话 from 设置, as submitted.
    const receipt = await page.$$eval('#receipt dt, #receipt dd', (els) => els.map((e) => e.textContent));
    expect(receipt.join('|')).toContain('填报人|玉香|联系电话|0691-1234567');
    expect(await page.textContent('#history li.delivered')).toContain('2312A-丁来-01');
  });

  it('shows a 退回 with its reason until a new revision is filed', async () => {
    const page = unit.page;
    const res = await fetch(`${server.url}/api/v1/reports?period=${MISSING}`, {
      headers: clockHeaders(NOW, server.tokens!.supervisor),
    });
    const { reports } = (await res.json()) as { reports: ReportHeader[] };
    const mine = reports.find((r) => r.unitId === UNIT)!;
    expect(
      (await post(`/reports/${mine.reportId}/return`, server.tokens!.supervisor, { reason: '3-1 缺少资金拨付数据' }))
        .status,
    ).toBe(200);
    // The clerk reconnects (as on opening the pane): the server's state, not the local receipt, decides.
    await page.click('#save-settings');
    await page.waitForSelector('#returned-banners .banner');
    const banner = (await page.textContent('#returned-banners .banner'))!;
    expect(banner).toContain('2023年11月下半月的报送已被退回');
    expect(banner).toContain('原因：3-1 缺少资金拨付数据');
    expect(banner).toContain('2023年11月30日 10:00');
    expect(await page.textContent(`#server-state li[data-period="${MISSING}"] .pill`)).toBe(t('returned'));
    await prepare(page);
    // The returned period is preselected, marked 已退回, and the pane says what filing it again does.
    expect(await page.inputValue('#period')).toBe(MISSING);
    expect(await page.$eval('#period', (s: HTMLSelectElement) => s.selectedOptions[0]!.textContent)).toBe(
      '2023年11月下半月（已退回）',
    );
    expect(await page.textContent('#confirm-what')).toBe('将重新报送已退回的 2023年11月下半月（第 2 版，仍记为逾期）');
    await page.screenshot({ path: path.join(ARTIFACTS, 'unit-loop-returned.png'), fullPage: true });
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    await page.waitForFunction(() => document.querySelectorAll('#returned-banners .banner').length === 0);
    expect(await page.textContent(`#server-state li[data-period="${MISSING}"] .pill`)).toBe(t('late'));
    expect(unit.pageErrors).toEqual([]);
  });

  it('载入上期报送 reproduces the submitted revision cell for cell in a new sheet', async () => {
    const page = unit.page;
    const last = columnLetter(COLUMNS.length - 1);
    const range = `A${FIRST_ROW}:${last}${FIRST_ROW + MEASURES.length - 1}`;
    const submitted = await fake(page, (f, r: string) => f.values('整改清单', r), range);
    await page.click('#load-previous');
    await page.waitForFunction(() => document.querySelector('#template-status')?.textContent?.startsWith('已将'));
    // The newest period's current revision: 12月上半月, filed in the test above.
    expect(await page.textContent('#template-status')).toContain('2023年12月上半月');
    const sheet = await fake(page, (f) => f.state.active);
    expect(sheet).toBe('整改清单(2)');
    const loaded = await fake(page, (f, r: string) => f.values('整改清单(2)', r), range);
    expect(loaded).toEqual(submitted);
    expect(typeof loaded[0]![COLUMNS.findIndex((c) => c.key === 'target')]).toBe('number');
    // The loaded sheet passes 校验 as it is: it can be submitted again after updating the progress.
    await page.click('#validate');
    await page.waitForSelector('#validate-status.ok');
  });

  it('files two 子项 rows under one measure and the summary adds up their figures', async () => {
    const page = unit.page;
    const sheet = '整改清单(2)';
    const i = MEASURES.findIndex((m) => m.id === '3-1');
    const row = FIRST_ROW + i;
    const extra = FIRST_ROW + MEASURES.length;
    const last = columnLetter(COLUMNS.length - 1);
    const [cells] = await fake(page, (f, a: { sheet: string; range: string }) => f.values(a.sheet, a.range), {
      sheet,
      range: `A${row}:${last}${row}`,
    });
    const copy = [...cells!];
    copy[COLUMNS.findIndex((c) => c.key === 'seq')] = String(MEASURES.length + 1);
    const set = (key: string, v: unknown, line: unknown[]) => (line[COLUMNS.findIndex((c) => c.key === key)] = v);
    set('item', '南楞组饮水工程', copy);
    set('progress', '饮水管网铺设3公里，完成投资12.5万元', copy);
    set('target', 20, copy);
    set('actual', 5, copy);
    set('rate', 25, copy);
    await fake(page, (f, a: { sheet: string; range: string; line: unknown[] }) => f.type(a.sheet, a.range, [a.line]), {
      sheet,
      range: `A${extra}:${last}${extra}`,
      line: copy,
    });
    await fake(page, (f, a: { sheet: string; cell: string }) => f.type(a.sheet, a.cell, [['曼来组道路硬化']]), {
      sheet,
      cell: `${col('item')}${row}`,
    });

    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.textContent('#confirm-rows')).toBe(String(MEASURES.length + 1));
    await page.selectOption('#period', OPEN);
    await page.evaluate(() => document.querySelector('#receipt')!.replaceChildren());
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');

    const res = await fetch(`${server.url}/api/v1/summary?period=${OPEN}`, {
      headers: clockHeaders(NOW, server.tokens!.supervisor),
    });
    const summary = (await res.json()) as Summary;
    const m = summary.measures.find((x) => x.measureId === '3-1')!;
    // goodRow gives every row 目标值 10 and 完成值 6; the second item adds 20 and 5.
    expect(m.reportedUnits).toBe(1);
    expect(m.figures).toMatchObject({ target: 30, actual: 11 });
    const details = (await (
      await fetch(`${server.url}/api/v1/details?period=${OPEN}`, {
        headers: clockHeaders(NOW, server.tokens!.supervisor),
      })
    ).json()) as Details;
    expect(details.rows.filter((r) => r.unitId === UNIT && r.measureId === '3-1').map((r) => r.item)).toEqual([
      '曼来组道路硬化',
      '南楞组饮水工程',
    ]);
  });

  /** Opens the pane's 报送单 for `period` (the system browser is a new page here) and prints it to PDF. */
  async function printToPdf(
    period: string,
    name: string,
  ): Promise<{ file: string; pages: number; text: (page: number) => string }> {
    const page = unit.page;
    await page.waitForSelector(`#print-period option[value="${period}"]`, { state: 'attached' });
    await page.selectOption('#print-period', period);
    // Inside Office the pane hands the address to Office.context.ui.openBrowserWindow (the system browser); the fake
    // host records it and the test opens it, as the browser would.
    const before = await fake(page, (f) => f.state.browserWindows.length);
    await page.click('#print');
    await page
      .waitForFunction((n) => window.__fakeExcel.state.browserWindows.length > n, before)
      .catch(async (e) => {
        // Say what the pane showed: a timeout alone does not tell a refused request from a click that did nothing.
        throw new Error(`打开打印页 ${period}: ${await page.textContent('#print-status')} ${e}`);
      });
    const url = await fake(page, (f) => f.state.browserWindows.at(-1)!);
    expect(url).toMatch(/\/api\/v1\/print\//);
    const popup = await unit.context.newPage();
    await popup.goto(url);
    await popup.waitForLoadState('load');
    expect(popup.url()).not.toContain(server.tokens!.units[UNIT]!);
    const file = path.join(ARTIFACTS, `${name}.pdf`);
    await popup.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    await popup.close();
    execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(ARTIFACTS, name)]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))!;
    // A4 landscape: 842 × 595 pt.
    expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([842, 595]);
    return {
      file,
      pages,
      text: (n) =>
        execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }),
    };
  }

  const PROGRESS_60 =
    '本期组织驻村工作队入户走访农户126户，排查风险点12个，已全部建立台账并落实帮扶责任人，完成投资38.5万元，群众满意度回访82户。';

  it('prints a 13-measure report on one A4 landscape page with the signature block', async () => {
    const period = '2023-11-H1';
    const body = {
      period,
      signer: '岩温',
      rows: MEASURES.map((m) => ({
        measureId: m.id,
        status: 'ongoing' as const,
        progress: PROGRESS_60,
        target: 20,
        actual: 12,
        rate: 60,
        fundsPlanned: 50,
        fundsPaid: 38.5,
        evidence: '走访台账、会议记录',
        note: '',
      })),
    };
    expect(PROGRESS_60.length).toBeGreaterThanOrEqual(60);
    const res = await post('/reports', server.tokens!.units[UNIT]!, body, { 'Idempotency-Key': crypto.randomUUID() });
    expect(res.status).toBe(201);
    await unit.page.click('#save-settings');
    // 保存并连接 is disabled until it has reconnected, asked the server's state and flushed the queue: printing
    // earlier would meet the connection being renewed.
    await unit.page.waitForSelector('#save-settings:not([disabled])');
    await unit.page.waitForSelector('#me-status.ok');
    const pdf = await printToPdf(period, 'print-13-rows');
    expect(pdf.pages).toBe(1);
    const text = pdf.text(1);
    expect(text).toContain('整改进展报送单');
    expect(text).toMatch(/2311A-丁来-0\d/);
    expect(text).toContain('主要负责人（签字）：岩温');
    expect(text).toContain('38.5');
  });

  it('prints a 40-row report on several pages with the header on each and the signature block with the last rows', async () => {
    const period = '2023-10-H2';
    const rows = Array.from({ length: 40 }, (_, i) => {
      const m = MEASURES[i % MEASURES.length]!;
      return {
        measureId: m.id,
        item: `第${Math.floor(i / MEASURES.length) + 1}个项目`,
        status: 'ongoing' as const,
        progress: `${i + 1}号：${PROGRESS_60}`,
        target: 20,
        actual: 12,
        rate: 60,
        evidence: '台账',
      };
    });
    const res = await post(
      '/reports',
      server.tokens!.units[UNIT]!,
      { period, signer: '岩温', rows },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(res.status).toBe(201);
    await unit.page.click('#save-settings');
    // 保存并连接 is disabled until it has reconnected, asked the server's state and flushed the queue: printing
    // earlier would meet the connection being renewed.
    await unit.page.waitForSelector('#save-settings:not([disabled])');
    await unit.page.waitForSelector('#me-status.ok');
    const pdf = await printToPdf(period, 'print-40-rows');
    expect(pdf.pages).toBeGreaterThan(1);
    for (let n = 1; n <= pdf.pages; n++) {
      expect(pdf.text(n), `page ${n}`).toContain('整改进展');
      expect(pdf.text(n).replace(/\s+/g, ''), `page ${n}`).toContain(`第${n}页/共${pdf.pages}页`);
    }
    const last = pdf.text(pdf.pages);
    expect(last).toContain('主要负责人（签字）');
    // The signature block never stands alone: the last two rows are on its page.
    expect(last).toContain('39号');
    expect(last).toContain('40号');
  });

  it('prints the 报送单 of a period chosen in its own list right after reopening the pane', async () => {
    const page = unit.page;
    await page.reload();
    await page.waitForSelector('#me-status.ok');
    // Nothing was submitted in this pane since it opened: the list comes from the server's answer.
    await page.waitForSelector('#print-period option', { state: 'attached' });
    const offered = await page.$$eval('#print-period option', (os) =>
      os.map((o) => [(o as HTMLOptionElement).value, o.textContent]),
    );
    expect(offered[0]).toEqual([OPEN, '2023年12月上半月（第 2 版，按时）']);
    expect(offered).toContainEqual([MISSING, '2023年11月下半月（第 2 版，逾期）']);
    expect(await page.textContent('#submit-status')).toBe('');
    const pdf = await printToPdf(MISSING, 'print-after-reload');
    expect(pdf.text(1)).toContain('2311B-丁来-02');
    // Filed from this pane with 填报人 and 联系电话 from its settings: printed on the 报送单.
    expect(pdf.text(1).replace(/\s+/g, '')).toContain('填报人：玉香');
    expect(pdf.text(1).replace(/\s+/g, '')).toContain('联系电话：0691-1234567');
    expect(await page.textContent('#print-status')).toContain('2023年11月下半月第 2 版');
  });
});

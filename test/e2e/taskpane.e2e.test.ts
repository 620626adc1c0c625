// The real task pane (npm run build → dist/addin) served by the real local Worker (wrangler dev, real D1) in
// Debian Chromium. The only stand-in is Excel itself (fake-excel-host.ts). The its run in order and share one
// Worker, one unit pane and one supervisor pane: settings → template → validation → submit → offline queue →
// supervisor summary → formula safety, then the two-sync checks on large sheets.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { halfMonthOf, previousHalfMonth } from '../../core/calendar/half-month.ts';
import { unitById } from '../../core/units/unit-registry.ts';
import { type ReportHeader } from '../../core/schemas/api.ts';
import { TIMELINESS_LABELS } from '../../core/schemas/submission.ts';
import { DEMO_UNITS as UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { HIGHLIGHT_COLORS } from '../../addin/sheets/highlight-colors.ts';
import { FIRST_DATA_ROW, HEADER_ROW, LIST_SHEET_NAME, rateFormula } from '../../addin/sheets/template-layout.ts';
import { DETAILS_SHEET, SUMMARY_SHEETS, TIMELINESS_COLORS } from '../../addin/sheets/summary-sheets.ts';
import { periodSheetName } from '../../addin/sheets/period-sheets.ts';
import { translator } from '../../addin/i18n.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, launchChromium, openPane, type Pane, freePort, fake } from './browser.ts';
import type { FakeExcelApi } from './fake-excel-host.ts';
import { bigChecklist, col, goodRow } from './sheet-builders.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');

/** The README's screenshots are refreshed only on request (UPDATE_DOCS_SCREENSHOTS=1), so tests leave the tree clean. */
function updateDocsScreenshot(file: string, name: string): void {
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== '1') return;
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  copyFileSync(file, path.join(ROOT, 'docs', name));
}
const t = translator('zh-CN');

const UNIT = 'o-projects';
const UNIT_NAME = unitById(UNITS, UNIT)!.name;
const MEASURES = demoMeasuresFor(UNIT);
/** Before the H1 deadline (end of 14 Nov, UTC+8): the unit reports on time. */
const UNIT_NOW = '2026-11-10T10:00:00+08:00';
/** After it: units without a report for H1 are 未报. */
const SUPERVISOR_NOW = '2026-11-16T09:00:00+08:00';
const PERIOD = halfMonthOf(UNIT_NOW);
const LATE_PERIOD = previousHalfMonth(PERIOD);
const SHEET = '整改清单';
const FIRST_ROW = FIRST_DATA_ROW;
const FORMULA = '=HYPERLINK("http://x","y")';
const UNIT_SECTIONS = ['#signer-field', '#template-section', '#validate-section', '#submit-section', '#print-section'];

/** Which of the unit sections and 汇总 are visible. */
async function visibleSections(page: Page): Promise<{ unit: boolean[]; summary: boolean }> {
  return {
    unit: await Promise.all(UNIT_SECTIONS.map((sel) => page.isVisible(sel))),
    summary: await page.isVisible('#summary-section'),
  };
}

declare global {
  interface Window {
    __fakeExcel: FakeExcelApi;
  }
}

async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** 确认提交: the period is chosen in the confirmation itself, with no further question (issue 18). */
async function confirmSend(page: Page): Promise<void> {
  await page.click('#confirm-send');
}

async function typeCells(page: Page, cells: Record<string, unknown>): Promise<void> {
  await fake(
    page,
    (f, c: Record<string, unknown>) => Object.entries(c).forEach(([a, v]) => f.type('整改清单', a, [[v]])),
    cells,
  );
}

describe('task pane in Chromium against the local Worker', () => {
  let persistDir: string;
  let port: number;
  let server: DevServer;
  let tokens: NonNullable<DevServer['tokens']>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let unit: Pane;
  let supervisor: Pane | undefined;
  /** When set, the next POST /reports reaches the Worker but its response is dropped (a lost reply). */
  let dropNextResponse = false;
  const dropped: number[] = [];
  const startWorker = () => startDevServer({ port, persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
  const api = async <T>(pathAndQuery: string, token: string, now = UNIT_NOW): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${pathAndQuery}`, { headers: clockHeaders(now, token) });
    expect(res.status, pathAndQuery).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // npm test builds before vitest runs; rebuilding here would make every other project's wrangler dev (which
    // watches dist/addin) restart mid-request. Build only when the pane is missing or older than its sources.
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-d1-'));
    port = await freePort();
    server = await startWorker();
    tokens = server.tokens!;
    ({ browser, close: closeBrowser } = await launchChromium());
    unit = await openPane(browser, `${server.url}/`, {
      clock: () => UNIT_NOW,
      onPostReport: async (route) => {
        if (!dropNextResponse) return false;
        try {
          const res = await route.fetch({ headers: { ...route.request().headers(), 'x-rectify-now': UNIT_NOW } });
          dropNextResponse = false;
          dropped.push(res.status());
        } catch {
          // Worker not reachable: this attempt fails like any other; drop the reply of the next one instead.
        }
        await route.abort('connectionreset');
        return true;
      },
    });
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  it('shows the unit name from /me after a unit token is pasted, and saves the signer in the workbook', async () => {
    const page = unit.page;
    await page.fill('#token', tokens.units[UNIT]!);
    await page.fill('#signer', '李明');
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
    const status = (await page.textContent('#me-status'))!;
    expect(status).toContain(UNIT_NAME);
    // The token label ("项目办（演示）") must not repeat the unit name or nest brackets.
    expect(status.split(UNIT_NAME)).toHaveLength(2);
    expect(status).not.toMatch(/（[^）]*（/);
    expect(await visibleSections(page)).toEqual({ unit: UNIT_SECTIONS.map(() => true), summary: false });
    const settings = await fake(page, (f) => f.state.settings);
    expect(settings['rectify.signer']).toBe('李明');
    expect(settings['rectify.unitId']).toBe(UNIT);
    // The token stays on this computer: never in the workbook.
    expect(JSON.stringify(settings)).not.toContain(tokens.units[UNIT]!);
    await shot(page, '01-settings');
  });

  it('inserts a 整改清单 sheet with the header, one row per measure of the unit and a dropdown fed from a hidden list sheet', async () => {
    const page = unit.page;
    await page.click('#insert-template');
    await page.waitForSelector('#template-status.ok');
    const last = col('note');
    const wb = await fake(
      page,
      (f, a: { sheet: string; lists: string; last: string; rows: number; header: number; first: number }) => ({
        names: f.sheetNames(),
        sheet: f.sheet(a.sheet),
        lists: f.sheet(a.lists),
        listValues: f.values(a.lists, 'A1:A4'),
        header: f.values(a.sheet, `A${a.header}:${a.last}${a.header}`)[0],
        body: f.values(a.sheet, `A${a.first}:${a.last}${a.first + a.rows - 1}`),
        below: f.values(a.sheet, `A${a.first + a.rows}:${a.last}${a.first + a.rows}`)[0],
        active: f.state.active,
        runs: f.state.runs,
        formulas: f.state.formulas,
        errors: f.state.errors,
      }),
      { sheet: SHEET, lists: LIST_SHEET_NAME, last, rows: MEASURES.length, header: HEADER_ROW, first: FIRST_ROW },
    );
    expect(wb.names).toContain(SHEET);
    expect(wb.active).toBe(SHEET);
    expect(wb.header).toEqual(COLUMNS.map((c) => c.header));
    expect(wb.body.map((r) => r[COLUMNS.findIndex((c) => c.key === 'measureId')])).toEqual(MEASURES.map((m) => m.id));
    expect(wb.below!.every((v) => v === '')).toBe(true);
    expect(wb.sheet!.freezeRows).toBe(HEADER_ROW);
    const statusColumn = col('status');
    const dropdown = wb.sheet!.validations.find((v) => v.address.startsWith(`${statusColumn}${FIRST_ROW}:`));
    expect(JSON.stringify(dropdown?.rule)).toContain(`'${LIST_SHEET_NAME}'!$A$1:$A$4`);
    expect(wb.lists!.visibility).toBe('VeryHidden');
    expect(wb.listValues.map((r) => r[0])).toEqual(Object.values(STATUS_LABELS).map((l) => l.zh));
    expect(wb.formulas).toEqual([]); // no "=…" went in through range.values
    expect(wb.errors).toEqual([]);
    // 完成率 is a formula: blank until 目标值 and 完成值 are typed, then their ratio, as range.values reads it.
    const rate = col('rate');
    expect(wb.body.map((r) => r[COLUMNS.findIndex((c) => c.key === 'rate')])).toEqual(MEASURES.map(() => ''));
    const typed = await fake(
      page,
      (f, a: { sheet: string; cells: Record<string, number>; rate: string }) => {
        Object.entries(a.cells).forEach(([cell, v]) => f.type(a.sheet, cell, [[v]]));
        return { value: f.values(a.sheet, a.rate)[0]![0], cell: f.cell(a.sheet, a.rate) };
      },
      {
        sheet: SHEET,
        cells: { [`${col('target')}${FIRST_ROW}`]: 3, [`${col('actual')}${FIRST_ROW}`]: 2 },
        rate: `${rate}${FIRST_ROW}`,
      },
    );
    expect(typed.value).toBe(66.7);
    expect(typed.cell).toMatchObject({ f: rateFormula(FIRST_ROW) });
    // One Excel.run: look up sheet names, then write everything.
    expect(wb.runs.at(-1)).toMatchObject({ syncs: 2, implicitSync: false, done: true });
    await shot(page, '02-template');
  });

  it('lists planted bad cells, highlights errors and warnings in two colours and selects a cell when its issue is clicked', async () => {
    const page = unit.page;
    // Every row good first, then one planted problem per row.
    const cells: Record<string, unknown> = {};
    MEASURES.forEach((_, i) => Object.assign(cells, goodRow(FIRST_ROW + i)));
    const planted: Record<string, { value: unknown; severity: 'error' | 'warning' }> = {
      [`${col('progress')}${FIRST_ROW}`]: { value: '', severity: 'error' },
      [`${col('status')}${FIRST_ROW + 1}`]: { value: '差不多', severity: 'error' },
      [`${col('rate')}${FIRST_ROW + 2}`]: { value: 150, severity: 'error' },
      [`${col('progress')}${FIRST_ROW + 3}`]: { value: '项目已经全部完工', severity: 'error' },
      [`${col('measure')}${FIRST_ROW + 4}`]: { value: '与方案不一致的措施描述', severity: 'warning' },
    };
    cells[`${col('status')}${FIRST_ROW + 3}`] = '已完成';
    for (const [address, p] of Object.entries(planted)) cells[address] = p.value;
    await typeCells(page, cells);

    await page.click('#validate');
    await page.waitForSelector('#issues button.issue');
    const listed = await page.$$eval('#issues button.issue', (els) =>
      els.map((e) => ({
        cell: e.getAttribute('title')!,
        severity: e.classList.contains('error') ? 'error' : 'warning',
        text: e.textContent!,
      })),
    );
    for (const [address, p] of Object.entries(planted)) {
      expect(
        listed.filter((l) => l.cell === address && l.severity === p.severity),
        address,
      ).not.toHaveLength(0);
    }
    const errorCells = new Set(listed.filter((l) => l.severity === 'error').map((l) => l.cell));
    expect([...errorCells].sort()).toEqual(
      Object.entries(planted)
        .filter(([, p]) => p.severity === 'error')
        .map(([a]) => a)
        .sort(),
    );
    expect(await page.getAttribute('#validate-status', 'class')).toContain('error');

    const fills = await fake(page, (f, a: { s: string; range: string }) => f.fills(a.s, a.range), {
      s: SHEET,
      range: `A${FIRST_ROW}:${col('note')}40`,
    });
    for (const [address, p] of Object.entries(planted))
      expect(fills[HIGHLIGHT_COLORS[p.severity]], address).toContain(address);
    expect(HIGHLIGHT_COLORS.error).not.toBe(HIGHLIGHT_COLORS.warning);
    // Only flagged cells are coloured (the header keeps its own fill; rows 3+ have none otherwise).
    expect(Object.values(fills).flat().sort()).toEqual(Object.keys(planted).sort());

    await page.click(`#issues button.issue[title="${col('rate')}${FIRST_ROW + 2}"]`);
    await page.waitForFunction(
      (a) => window.__fakeExcel.state.selection?.address === a,
      `${col('rate')}${FIRST_ROW + 2}`,
    );
    expect(await fake(page, (f) => f.state.selection)).toEqual({
      sheet: SHEET,
      address: `${col('rate')}${FIRST_ROW + 2}`,
    });
    updateDocsScreenshot(await shot(page, '03-issues'), 'taskpane.png');
  });

  it('submits the fixed sheet, shows a receipt (revision 1, on time) and the Worker lists the report', async () => {
    const page = unit.page;
    const fixed: Record<string, unknown> = {};
    MEASURES.forEach((m, i) => Object.assign(fixed, goodRow(FIRST_ROW + i, m.title)));
    await typeCells(page, fixed);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.textContent('#confirm-rows')).toBe(String(MEASURES.length));
    expect(await page.textContent('#confirm-unit')).toBe(UNIT_NAME);
    // Never reported in this test's Worker, yet the open period is preselected: progress is "as of now".
    expect(await page.inputValue('#period')).toBe(PERIOD);
    expect(await page.textContent('#confirm-what')).toMatch(/^将报送 .*（按时）$/);
    // One verdict: the 校验 section no longer lists the errors found before the fix.
    expect(await page.locator('#issues button.issue').count()).toBe(0);
    expect(await page.getAttribute('#validate-status', 'class')).toContain('ok');
    expect(await page.textContent('#submit-status')).toBe('');
    expect(
      await fake(page, (f, a: { s: string; range: string }) => f.fills(a.s, a.range), {
        s: SHEET,
        range: `A${FIRST_ROW}:${col('note')}40`,
      }),
    ).toEqual({});
    await confirmSend(page);
    await page.waitForSelector('#receipt .receipt');
    const receipt = await page.textContent('#receipt .receipt');
    expect(receipt).toMatch(new RegExp(`${t('revision')}\\s*1`));
    expect(await page.textContent('#receipt .pill')).toBe(t('on_time'));

    const { reports } = await api<{ reports: ReportHeader[] }>(`/reports?period=${PERIOD}`, tokens.units[UNIT]!);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      unitId: UNIT,
      period: PERIOD,
      revision: 1,
      timeliness: 'on_time',
      rowCount: MEASURES.length,
      signer: '李明',
    });
    expect(await page.getAttribute('#receipt .receipt', 'data-report-id')).toBe(reports[0]!.reportId);
    await shot(page, '04-receipt');
  });

  // Generous timeouts: on a loaded 2-core machine the restarted Worker may miss the first retry, and the pane's
  // backoff then waits before the next one.
  it(
    'queues a submission while the Worker is down and delivers it exactly once after a restart, even when a reply is lost',
    { timeout: 150_000 },
    async () => {
      const page = unit.page;
      const stopping = Date.now();
      await server.stop();
      console.log(`[e2e] worker stop: ${Date.now() - stopping} ms`);
      await page.click('#prepare-submit');
      await page.waitForSelector('#submit-panel:not([hidden])');
      await page.selectOption('#period', LATE_PERIOD);
      await confirmSend(page);
      await page.waitForSelector('#submit-status.error');
      expect(await page.textContent('#submit-status')).toContain(t('queued', { when: '' }).slice(0, 8));
      await page.waitForSelector('#history .history-item.pending');
      const pendingText = await page.textContent('#history .history-item.pending');
      expect(pendingText).toContain(`${MEASURES.length} 行`);
      expect(pendingText).not.toContain('行数');
      await shot(page, '05-queued');
      const queuedKey = await page.evaluate(
        () => JSON.parse(localStorage.getItem('rectify:v1:queue') ?? '[]')[0]?.key as string,
      );
      expect(queuedKey).toMatch(/^[0-9a-f-]{36}$/);

      // Same port and D1 directory. The first attempt that reaches it is stored but its reply is dropped.
      let started = Date.now();
      server = await startWorker();
      console.log(`[e2e] worker restart (migrations + seed check + wrangler dev): ${Date.now() - started} ms`);
      expect(server.tokens).toBeNull();
      const attempts = () =>
        page.evaluate(() => JSON.parse(localStorage.getItem('rectify:v1:queue') ?? '[]')[0]?.attempts as number);
      const before = await attempts();
      dropNextResponse = true;
      started = Date.now();
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      // The attempt whose reply was lost has failed in the pane; the item is still queued under the same key.
      await expect.poll(() => dropped.length, { timeout: 60_000 }).toBe(1);
      await page.waitForFunction(
        (n) => JSON.parse(localStorage.getItem('rectify:v1:queue') ?? '[]')[0]?.attempts > n,
        before,
      );
      await page.waitForSelector('#history .history-item.pending');
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.waitForSelector('#receipt .receipt', { timeout: 30_000 });
      expect(dropped).toEqual([201]);
      // The user clicked once: the replay answering our own retry is an ordinary receipt.
      expect(await page.textContent('#receipt .receipt-title')).toBe(t('receiptTitle'));
      expect(await page.textContent('#receipt .pill')).toBe(t('late'));
      expect(await page.evaluate(() => localStorage.getItem('rectify:v1:queue'))).toBeNull();

      const { reports } = await api<{ reports: ReportHeader[] }>(
        `/reports?period=${LATE_PERIOD}&history=1`,
        tokens.units[UNIT]!,
      );
      expect(reports.map((r) => r.revision)).toEqual([1]);
      console.log(`[e2e] queued submission delivered ${Date.now() - started} ms after the network came back`);
      await shot(page, '05-delivered');
    },
  );

  it('files the same content submitted again as a new revision (a resubmission after 退回 must not be a replay)', async () => {
    const page = unit.page;
    const firstId = await page.getAttribute('#receipt .receipt', 'data-report-id');
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    await page.selectOption('#period', LATE_PERIOD);
    await page.evaluate(() => document.querySelector('#receipt')!.replaceChildren());
    await confirmSend(page);
    await page.waitForSelector('#receipt .receipt');
    expect(await page.textContent('#receipt .receipt-title')).toBe(t('receiptTitle'));
    expect(await page.textContent('#receipt .receipt')).toMatch(new RegExp(`${t('revision')}\\s*2`));
    expect(await page.getAttribute('#receipt .receipt', 'data-report-id')).not.toBe(firstId);
    const { reports } = await api<{ reports: ReportHeader[] }>(
      `/reports?period=${LATE_PERIOD}&history=1`,
      tokens.units[UNIT]!,
    );
    expect(reports.map((r) => r.revision).sort()).toEqual([1, 2]);
    const keys = await page.evaluate(() =>
      (JSON.parse(localStorage.getItem('rectify:v1:receipts') ?? '[]') as { idempotencyKey: string }[]).map(
        (e) => e.idempotencyKey,
      ),
    );
    expect(new Set(keys).size).toBe(keys.length);
    await shot(page, '05-repeat');
  });

  it('lets the supervisor generate the summary sheets: this unit on time, every other unit missing', async () => {
    supervisor = await openPane(browser, `${server.url}/`, { clock: () => SUPERVISOR_NOW });
    const page = supervisor.page;
    await page.fill('#token', tokens.supervisor);
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
    const status = (await page.textContent('#me-status'))!;
    expect(status).toContain(t('supervisorLabel'));
    expect(status).not.toMatch(/（[^）]*（/);
    await page.waitForSelector('#summary-section:not([hidden])');
    expect(await visibleSections(page)).toEqual({ unit: UNIT_SECTIONS.map(() => false), summary: true });
    // Nothing was ever submitted from this pane: no empty 提交记录 either.
    expect(await page.isVisible('#history-section')).toBe(false);
    await page.selectOption('#summary-period', PERIOD);
    await page.click('#write-summary');
    await page.waitForSelector('#summary-status.ok');

    const wb = await fake(
      page,
      (f, a: { s: string; d: string; m: string }) => ({
        names: f.sheetNames(),
        rows: f.values(a.s, 'A3:D24'),
        fills: f.fills(a.s, 'D3:D24'),
        runs: f.state.runs,
        formulas: f.state.formulas,
        errors: f.state.errors,
        details: f.values(a.d, 'A2:P40').filter((r) => r.some((v) => v !== '')),
        detailsSheet: f.sheet(a.d),
        wrapped: f.cell(a.d, 'I3')?.wrap,
        // Measure ids "1-1"… must land in text-formatted cells (Excel would read a General "1-1" as a date).
        measureIds: f.values(a.m, 'A3:A15').map((r, i) => ({ v: r[0], nf: f.cell(a.m, `A${3 + i}`)?.nf })),
        // 报送明细: 序号, 填报单位, 报送编号, 版本, 报送时间, 主要负责人 (F), then 措施编号 (G).
        detailIds: f
          .values(a.d, 'G3:G40')
          .map((r, i) => ({ v: r[0], nf: f.cell(a.d, `G${3 + i}`)?.nf }))
          .filter((c) => c.v !== ''),
        detailSigner: f.cell(a.d, 'F3')?.nf,
      }),
      {
        s: periodSheetName(SUMMARY_SHEETS.byUnit, PERIOD),
        d: periodSheetName(DETAILS_SHEET, PERIOD),
        m: periodSheetName(SUMMARY_SHEETS.byMeasure, PERIOD),
      },
    );
    expect(wb.measureIds.length).toBeGreaterThan(0);
    expect(wb.measureIds.every((c) => /^\d-\d$/.test(String(c.v)) && c.nf === '@')).toBe(true);
    expect(wb.detailIds.map((c) => c.v)).toEqual(MEASURES.map((m) => m.id));
    expect(wb.detailIds.every((c) => c.nf === '@')).toBe(true);
    expect(wb.detailSigner).toBe('@');
    // Learn the sheets, write each in a sync of its own (the period's sheets and 趋势), then the print setup and its
    // read-back (office-js issue 1860).
    const written = wb.names.filter((n) => n.endsWith(periodSheetName('', PERIOD)) || n.startsWith('趋势')).length;
    expect(wb.runs).toEqual([{ syncs: 1 + written + 2, implicitSync: false, done: true }]);
    expect(wb.names).toEqual(
      expect.arrayContaining([...Object.values(SUMMARY_SHEETS), DETAILS_SHEET].map((n) => periodSheetName(n, PERIOD))),
    );
    // 报送明细: one line per measure row of the only reporting unit, with the progress text itself, wrapped.
    const [header, ...lines] = wb.details;
    const at = (row: (typeof lines)[number], name: string) => row[header!.indexOf(name)];
    expect(header!.indexOf('整改进展')).toBe(10);
    expect(lines.map((r) => at(r, '措施编号'))).toEqual(MEASURES.map((m) => m.id));
    expect(
      lines.every(
        (r) =>
          at(r, '填报单位') === UNIT_NAME &&
          at(r, '完成情况') === STATUS_LABELS.ongoing.zh &&
          at(r, '整改进展') === goodRow(3)[`${col('progress')}3`],
      ),
    ).toBe(true);
    expect(wb.wrapped).toBe(true);
    expect(wb.detailsSheet!.freezeRows).toBe(2);
    expect(wb.rows).toHaveLength(UNITS.length);
    const byName = new Map(wb.rows.map((r) => [r[1], r[3]]));
    expect(byName.get(UNIT_NAME)).toBe(TIMELINESS_LABELS.on_time.zh);
    const others = UNITS.filter((u) => u.id !== UNIT).map((u) => byName.get(u.name));
    expect(others).toEqual(others.map(() => TIMELINESS_LABELS.missing.zh));
    expect(wb.fills[TIMELINESS_COLORS.on_time]).toHaveLength(1);
    expect(wb.fills[TIMELINESS_COLORS.missing]).toHaveLength(UNITS.length - 1);
    expect(wb.formulas).toEqual([]);
    expect(wb.errors).toEqual([]);
    expect(await page.locator('#summary-units .pill.missing').count()).toBe(UNITS.length - 1);
    await shot(page, '06-summary');
  });

  it("carries a unit's =HYPERLINK(...) progress and signer into the supervisor's sheets as plain text, never a formula", async () => {
    const page = unit.page;
    // Typed into the text-formatted 整改进展 column, the formula is literal text in the unit's own sheet.
    await typeCells(page, { [`${col('progress')}${FIRST_ROW}`]: FORMULA });
    await page.fill('#signer', FORMULA);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    await page.selectOption('#period', PERIOD);
    await confirmSend(page);
    await page.waitForSelector('#receipt .receipt');
    expect(await page.textContent('#receipt .receipt')).toMatch(new RegExp(`${t('revision')}\\s*2`));
    const { reports } = await api<{ reports: ReportHeader[] }>(`/reports?period=${PERIOD}`, tokens.units[UNIT]!);
    const detail = await api<{ rows: { measureId: string; progress: string }[]; signer: string }>(
      `/reports/${reports[0]!.reportId}`,
      tokens.units[UNIT]!,
    );
    expect(detail.signer).toBe(FORMULA);
    expect(detail.rows.find((r) => r.measureId === MEASURES[0]!.id)?.progress).toBe(FORMULA);

    const sup = supervisor!.page;
    // The status line still says "ok" from the first generation: wait for the second write itself.
    const before = await fake(sup, (f) => f.state.runs.length);
    await sup.click('#write-summary');
    await sup.waitForFunction(
      (n) => window.__fakeExcel.state.runs.length > n && window.__fakeExcel.state.runs.every((r) => r.done),
      before,
    );
    await sup.waitForSelector('#summary-status.ok');
    const signerColumn = 'I'; // 主要负责人 on 汇总-按单位
    const found = await fake(
      sup,
      (f, a: { sheet: string; unit: string; column: string }) => {
        const rows = f.values(a.sheet, 'A3:B24');
        const i = rows.findIndex((r) => r[1] === a.unit);
        return {
          cell: f.cell(a.sheet, `${a.column}${3 + i}`),
          header: f.values(a.sheet, `${a.column}2`)[0]![0],
          formulas: f.state.formulas,
        };
      },
      { sheet: periodSheetName(SUMMARY_SHEETS.byUnit, PERIOD), unit: UNIT_NAME, column: signerColumn },
    );
    expect(found.header).toBe('主要负责人');
    expect(found.cell).toMatchObject({ v: FORMULA, formula: false });
    expect(found.formulas).toEqual([]);
    // 报送明细 carries the progress text itself: the formula arrives as plain text, as do the signer and unit.
    const details = await fake(
      sup,
      (f, a: { sheet: string; measure: string }) => {
        const header = f.values(a.sheet, 'A2:S2')[0]!;
        const rows = f.values(a.sheet, 'A3:S40');
        const i = rows.findIndex((r) => r[header.indexOf('措施编号')] === a.measure);
        const cellOf = (name: string) => f.cell(a.sheet, `${String.fromCharCode(65 + header.indexOf(name))}${3 + i}`);
        return {
          progress: cellOf('整改进展'),
          signer: cellOf('主要负责人'),
          revision: cellOf('版本'),
          formulas: f.state.formulas,
        };
      },
      { sheet: periodSheetName(DETAILS_SHEET, PERIOD), measure: MEASURES[0]!.id },
    );
    expect(details.progress).toMatchObject({ v: FORMULA, formula: false });
    expect(details.signer).toMatchObject({ v: FORMULA, formula: false });
    expect(details.revision?.v).toBe(2);
    expect(details.formulas).toEqual([]);
    updateDocsScreenshot(await shot(sup, '07-summary-formula-safe'), 'taskpane-supervisor.png');
  });

  it('opened offline, uses the last /me answer to insert, check and queue a report, and sends it once back online', async () => {
    const page = unit.page;
    // Every API request fails as if the network were gone (the page itself still loads).
    await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
    // Offline, the pane takes the current period from its own clock: put that clock at the unit's test time.
    await page.clock.setFixedTime(new Date(UNIT_NOW));
    try {
      await page.reload();
      await expect
        .poll(() => page.textContent('#me-status'), { timeout: 15_000 })
        .toContain('离线：使用上次连接的信息');
      expect(await page.textContent('#me-status')).toContain(UNIT_NAME);
      // The cached answer is kept by a fingerprint of server + token, never with the token itself.
      const cached = (await page.evaluate(() => localStorage.getItem('rectify:v1:me')))!;
      expect(cached).toContain(UNIT);
      expect(cached).not.toContain(tokens.units[UNIT]!);
      // A reload starts a fresh fake workbook: insert the template again and fill it.
      await page.click('#insert-template');
      await page.waitForSelector('#template-status.ok');
      const cells: Record<string, unknown> = {};
      MEASURES.forEach((m, i) => Object.assign(cells, goodRow(FIRST_ROW + i, m.title)));
      await typeCells(page, cells);
      await page.fill('#signer', '李明');
      await page.click('#prepare-submit');
      await page.waitForSelector('#submit-panel:not([hidden])');
      // The server's state is out of reach: the open period by the cached answer and the PC clock.
      expect(await page.inputValue('#period')).toBe(PERIOD);
      await confirmSend(page);
      await page.waitForSelector('#history .history-item.pending');
      expect(await page.textContent('#submit-status')).toContain(t('queued', { when: '' }).slice(0, 8));
      // Only Chinese in the pane: not the browser's "net::ERR_…" / "Failed to fetch".
      expect(await page.textContent('#submit-status')).not.toMatch(/[A-Za-z]{4,}/);
    } finally {
      await page.unroute('**/api/v1/**');
    }
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForSelector('#me-status.ok');
    await page.waitForSelector('#receipt .receipt', { timeout: 20_000 });
    expect(await page.evaluate(() => localStorage.getItem('rectify:v1:queue'))).toBeNull();
    const { reports } = await api<{ reports: ReportHeader[] }>(`/reports?period=${PERIOD}`, tokens.units[UNIT]!);
    expect(reports[0]).toMatchObject({ unitId: UNIT, revision: 3, signer: '李明' });
    expect(await page.getAttribute('#receipt .receipt', 'data-report-id')).toBe(reports[0]!.reportId);
  }, 60_000);

  it('raised no uncaught error in either pane and reached nothing but 127.0.0.1 and the local office.js', () => {
    for (const pane of [unit, supervisor!]) {
      expect(pane.pageErrors).toEqual([]);
      // office.js asks for its telemetry frame; the route blocks it like every other outside host.
      for (const url of pane.blocked) expect(new URL(url).hostname).not.toBe('127.0.0.1');
    }
    console.log(
      `[e2e] blocked outside requests: ${[...new Set([...unit.blocked, ...supervisor!.blocked].map((u) => new URL(u).host))].join(', ') || 'none'}`,
    );
  });

  for (const rows of [50, 10_000]) {
    it(`validates a ${rows.toLocaleString('en')}-row sheet in exactly two syncs with getRanges address strings under 7,000 characters`, async () => {
      const page = unit.page;
      const name = `大表${rows}`;
      await fake(
        page,
        (f, a: { name: string; grid: unknown[][] }) => {
          f.addSheet(a.name, true);
          f.type(a.name, 'A1', a.grid);
          f.resetCounters();
        },
        { name, grid: bigChecklist(UNIT, rows) },
      );
      const started = Date.now();
      await page.click('#validate');
      await page.waitForFunction(
        () =>
          !document.querySelector<HTMLButtonElement>('#validate')!.disabled &&
          document.querySelector('#validate-status')!.textContent !== '',
      );
      const ms = Date.now() - started;
      const s = await fake(
        page,
        (f, n: string) => ({
          syncs: f.state.syncs,
          runs: f.state.runs,
          lengths: f.state.getRanges.map((a) => a.length),
          areas: f.state.getRanges.map((a) => a.split(',').length),
          fills: Object.values(f.fills(n)).flat().length,
          errors: f.state.errors,
        }),
        name,
      );
      console.log(
        `[e2e] validate ${rows} rows: ${ms} ms, ${s.syncs} syncs, ${s.lengths.length} getRanges calls, longest ${Math.max(...s.lengths)} chars, ${s.fills} cells highlighted`,
      );
      expect(s.errors).toEqual([]);
      expect(s.syncs).toBe(2);
      expect(s.runs.every((r) => !r.implicitSync)).toBe(true);
      expect(s.lengths.length).toBeGreaterThan(0);
      expect(Math.max(...s.lengths)).toBeLessThan(7_000);
      expect(Math.max(...s.areas)).toBeLessThanOrEqual(500);
      // Every planted bad cell (one in three rows) is coloured.
      expect(s.fills).toBeGreaterThanOrEqual(Math.floor(rows / 3));
      expect(await page.textContent('#validate-status')).toContain(String(rows));
      // What the clerk sees first (the status and the first issues); a full-page shot of the 300 listed issues
      // takes Chromium over 30 s on a loaded machine.
      if (rows === 10_000) await page.screenshot({ path: path.join(ARTIFACTS, '08-validate-10000.png') });
    }, 60_000);
  }
});

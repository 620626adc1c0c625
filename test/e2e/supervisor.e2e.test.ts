// The supervisor's side in the real pane (Chromium) against the real local Worker, with three units' reports over
// six periods: the 整改进展汇总表 checked cell by cell against /summary + /details, two periods generated one after the
// other keeping both periods' sheets, 退回 with its confirmation, the list update and the withdrawal, 查看 a unit's
// report written to a sheet, and the 汇总表 printed to PDF by Chromium from the same spec. Before any of that, the
// pane shows who has filed as soon as it opens (no download), and 查看 opens with the figures, under its unit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { measuresFor } from '../../core/plan/plan-lookup.ts';
import { type Details, type ReportHeader, type Summary } from '../../core/schemas/api.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type Status } from '../../core/schemas/status.ts';
import { type Trends } from '../../core/schemas/trends.ts';
import { DETAILS_SHEET } from '../../addin/sheets/summary-sheets.ts';
import { periodSheetName } from '../../addin/sheets/period-sheets.ts';
import { PROGRESS_SHEET, progressSheet } from '../../addin/sheets/progress-sheet.ts';
import { formatRate, rate as closureRate, type ClosureList } from '../../core/closure/index.ts';
import { sheetHtml } from '../../addin/ui/sheet-html.ts';
import { trendsSheetName } from '../../addin/excel/trends-sheet.ts';
import { columnIndex } from '../../addin/excel/address-chunks.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { clockHeaders, launchChromium, openPane, type Pane, freePort, fake } from './browser.ts';
import type { FakeExcelApi } from './fake-excel-host.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const NOW = '2023-12-05T10:00:00+08:00';
const PERIODS = ['2023-09-H1', '2023-09-H2', '2023-10-H1', '2023-10-H2', '2023-11-H1', '2023-11-H2'];
const UNITS = ['v-dinglai', 'v-minliang', 'o-finance'];
const LAST = PERIODS[5]!;
const PREVIOUS = PERIODS[4]!;
const cal = calendarFor({ kind: 'half-monthly' });

declare global {
  interface Window {
    __fakeExcel: FakeExcelApi;
  }
}

describe("the supervisor's sheets and 退回 in the task pane", () => {
  let persistDir: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let supervisor: Pane;
  let plan: Plan;

  const api = async <T>(p: string, token = server.tokens!.supervisor, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${p}`, {
      ...init,
      headers: { ...clockHeaders(NOW, token), ...(init.headers as Record<string, string>) },
    });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  /** Unit j's report for period i: figures on 3-2 and 4-1; 民良村 skips the 3rd period; 财政所 files the 5th late. */
  async function file(unitId: string, i: number, j: number): Promise<void> {
    const statuses: Status[] = ['ongoing', 'phased', 'done'];
    const rows = measuresFor(plan, unitId).map((m, k) => ({
      measureId: m.id,
      status: statuses[(i + j + k) % 3]!,
      progress: `第${i + 1}期${m.id}：入户走访${i + j + k + 1}户`,
      evidence: '走访台账',
      ...(m.id === '3-2' || m.id === '4-1'
        ? { target: 10, actual: i + j, fundsPlanned: 20, fundsPaid: 2 * i + j + 0.5 }
        : {}),
    }));
    const period = PERIODS[i]!;
    const late = unitId === 'o-finance' && i === 4;
    const at = new Date(cal.deadlineOf(period).getTime() + (late ? 3 : -5) * 3_600_000).toISOString();
    const res = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        ...clockHeaders(at, server.tokens!.units[unitId]!),
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      // 财政所 names its 填报人 and 联系电话 (查看 shows them).
      body: JSON.stringify({
        period,
        signer: '张三',
        ...(unitId === 'o-finance' ? { preparer: '李四', preparerPhone: '0691-7654321' } : {}),
        rows,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  /** The unit applies for 销号 of its `k`-th measure with a PDF at `at`, and the supervisor closes it the same day. */
  async function closePair(unitId: string, k: number, at: string): Promise<void> {
    const measureId = measuresFor(plan, unitId)[k]!.id;
    const post = async (route: string, token: string, body: BodyInit, type: string) => {
      const res = await fetch(`${server.url}/api/v1${route}`, {
        method: 'POST',
        headers: { ...clockHeaders(at, token), 'Content-Type': type },
        body,
      });
      expect(res.status, `${route}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const unit = server.tokens!.units[unitId]!;
    const q = new URLSearchParams({ plan: plan.id, period: LAST, measure: measureId, name: '验收单.pdf' });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const file = await post(`/evidence?${q}`, unit, pdf, 'application/octet-stream');
    const apply = { measureId, summary: '已完成整改并验收', evidenceIds: [file.id] };
    await post('/closures/apply', unit, JSON.stringify(apply), 'application/json');
    const verdict = { decision: 'close', opinion: '现场核查属实', verifiedOn: at.slice(0, 10) };
    const pair = `/closures/${measureId}/${unitId}/verdict?plan=${plan.id}`;
    await post(pair, server.tokens!.supervisor, JSON.stringify(verdict), 'application/json');
  }

  async function generate(period: string): Promise<void> {
    const page = supervisor.page;
    const before = await fake(page, (f) => f.state.runs.length);
    await page.selectOption('#summary-period', period);
    await page.click('#write-summary');
    await page
      .waitForFunction(
        (n) => window.__fakeExcel.state.runs.length > n && window.__fakeExcel.state.runs.every((r) => r.done),
        before,
      )
      // Say what the pane showed: a timeout alone does not tell a failed request from a stuck batch.
      .catch(async (e) => {
        throw new Error(
          `生成汇总表 ${period}: ${await page.textContent('#summary-status')} ${JSON.stringify(await fake(page, (f) => [f.state.runs, f.state.errors]))} ${e}`,
        );
      });
    await page.waitForSelector('#summary-status.ok');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-supervisor-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    plan = (await api<{ plans: Plan[] }>('/plans')).plans[0]!;
    for (let i = 0; i < PERIODS.length; i++) {
      for (let j = 0; j < UNITS.length; j++) if (!(UNITS[j] === 'v-minliang' && i === 2)) await file(UNITS[j]!, i, j);
    }
    // Two 销号 (each on a measure the unit reported 已完成 in 11-H2): one before 11-H2's due day, one after it.
    await closePair('v-dinglai', 0, '2023-11-20T10:00:00+08:00');
    await closePair('v-minliang', 2, '2023-12-01T10:00:00+08:00');
    ({ browser, close: closeBrowser } = await launchChromium());
    supervisor = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await supervisor.page.fill('#token', server.tokens!.supervisor);
    await supervisor.page.click('#save-settings');
    await supervisor.page.waitForSelector('#summary-section:not([hidden])');
  }, 240_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  it('shows who has filed, late, returned and missing as soon as the pane opens, and follows the chosen period', async () => {
    const page = supervisor.page;
    const pills = () =>
      page.$$eval('#summary-units tr[data-unit]', (rows) =>
        rows.map((r) => [r.getAttribute('data-unit'), r.querySelector('.pill')!.className.replace('pill ', '')]),
      );
    // Nothing clicked yet: the open period (12月上半月, not due) for every unit of the township.
    await page.waitForSelector('#summary-units tr[data-unit]');
    const open = await api<Summary>('/summary');
    expect(await pills()).toEqual(open.units.map((u) => [u.unitId, u.timeliness]));
    expect(open.units.length).toBe(22);
    // Choosing a period redraws the table from /summary, still without any file.
    await page.selectOption('#summary-period', PREVIOUS);
    const previous = await api<Summary>(`/summary?period=${PREVIOUS}`);
    await page.waitForFunction(() => document.querySelector('#summary-units tr[data-unit="o-finance"] .pill.late'));
    expect(await pills()).toEqual(previous.units.map((u) => [u.unitId, u.timeliness]));
    expect(
      previous.units
        .filter((u) => u.timeliness === 'on_time')
        .map((u) => u.unitId)
        .sort(),
    ).toEqual(['v-dinglai', 'v-minliang']);
    expect(await page.textContent('#summary-units [data-totals]')).toContain(`${'未报'} ${previous.totals.missing}`);
    expect(await fake(page, (f) => f.state.runs.length)).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-overview.png'), fullPage: true });
  });

  it('writes the 整改进展汇总表 whose every measure row matches /summary and /details: joined progress, sums, rates, counts, missing units', async () => {
    await generate(LAST);
    const [summary, details] = await Promise.all([
      api<Summary>(`/summary?period=${LAST}`),
      api<Details>(`/details?period=${LAST}`),
    ]);
    const name = periodSheetName(PROGRESS_SHEET, LAST);
    const got = await fake(
      supervisor.page,
      (f, a: string) => ({
        grid: f.values(a, 'A2:S40'),
        sheet: f.sheet(a),
        errors: f.state.errors,
        formulas: f.state.formulas,
      }),
      name,
    );
    expect(got.errors).toEqual([]);
    expect(got.formulas).toEqual([]);
    // The 整改完成率 under the title as it stood at 11-H2's due day (one 销号 by then; /closures counts both today),
    // the title row tall enough for its four lines.
    const closures = await api<ClosureList>('/closures');
    expect(closures.rates.pairs.closed).toBe(2);
    const title = String(await fake(supervisor.page, (f, a: string) => f.values(a, 'A1')[0]![0], name));
    expect(title.split('\n')).toHaveLength(4);
    expect(title).toContain(
      `整改完成率（截至 2023-11-29（期次截止日），已销号 ÷ 应销号）：单位·措施 1/${closures.rates.pairs.total}`,
    );
    expect(title).toMatch(/按单位：丁来村 1\/\d+（/);
    expect(got.sheet!.rowHeights[1]).toBeGreaterThanOrEqual(4 * 17);
    expect(await fake(supervisor.page, (f, a: string) => f.cell(a, 'A1')?.wrap, name)).toBe(true);
    expect(got.sheet!.print).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      titleRows: '$1:$2',
    });
    // Every sheet of the period prints the same way (A4 landscape, one page wide, title rows repeated), 趋势 included.
    const prints = await fake(supervisor.page, (f) =>
      f.sheetNames().map((n) => [n, f.sheet(n)!.print] as [string, Record<string, unknown>]),
    );
    const written = prints.filter(([n]) => n.endsWith(periodSheetName('', LAST)) || n.startsWith('趋势'));
    expect(written.length).toBeGreaterThanOrEqual(7);
    for (const [n, print] of written)
      expect(print, n).toMatchObject({
        orientation: 'Landscape',
        paperSize: 'A4',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      });
    const [header, ...rows] = got.grid;
    const at = (r: (typeof rows)[number], h: string) => r[header!.indexOf(h)];
    const names = new Map(summary.units.map((u) => [u.unitId, u.unitName]));
    let checked = 0;
    for (const m of plan.measures) {
      const row = rows.find((r) => r[0] === m.id)!;
      const mine = details.rows.filter((d) => d.measureId === m.id);
      const units = [...new Set(mine.map((d) => d.unitId))];
      // Joined progress: one "单位：进展" part per reporting unit, in the order /details lists them.
      expect(at(row, '各单位整改进展')).toBe(
        mine.length ? mine.map((d) => `${d.unitName}：${d.progress}`).join('；\n') : '（本期尚无单位报送）',
      );
      const total = (k: 'target' | 'actual' | 'fundsPlanned' | 'fundsPaid') =>
        mine.some((d) => d[k] !== undefined) ? Math.round(mine.reduce((s, d) => s + (d[k] ?? 0), 0) * 100) / 100 : '';
      expect(at(row, '目标值合计')).toBe(total('target'));
      expect(at(row, '完成值合计')).toBe(total('actual'));
      expect(at(row, '计划资金(万元)合计')).toBe(total('fundsPlanned'));
      expect(at(row, '已拨付(万元)合计')).toBe(total('fundsPaid'));
      const rate = (a: number | '', b: number | '') =>
        typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 1000) / 10 : '';
      expect(at(row, '完成率(%)')).toBe(rate(total('actual'), total('target')));
      expect(at(row, '资金拨付率(%)')).toBe(rate(total('fundsPaid'), total('fundsPlanned')));
      expect(at(row, '已完成')).toBe(mine.filter((d) => d.status === 'done').length);
      expect(at(row, '已报单位数')).toBe(units.length);
      expect(at(row, '应报单位数')).toBe(m.responsibleUnitIds.length);
      expect(at(row, '未报单位')).toBe(
        m.responsibleUnitIds
          .filter((id) => !units.includes(id))
          .map((id) => names.get(id))
          .join('、'),
      );
      checked++;
    }
    expect(checked).toBe(13);
    // 4-1 has figures from all three units in this period: the sums are non-trivial.
    expect(
      at(
        rows.find((r) => r[0] === '4-1')!,
        '目标值合计',
      ),
    ).toBe(30);
  });

  it("generates a second period beside the first: both periods' sheets stay", async () => {
    await generate(PREVIOUS);
    const names = await fake(supervisor.page, (f) => f.sheetNames());
    for (const p of [LAST, PREVIOUS]) {
      for (const base of [PROGRESS_SHEET, '汇总-按单位', '未报单位', '汇总-按措施', '报送矩阵', '报送明细'])
        expect(names).toContain(periodSheetName(base, p));
    }
    expect(names.every((n) => n.length <= 31)).toBe(true);
    // The matrix starts at the plan's first period at the earliest, and carries its generation time.
    const title = await fake(
      supervisor.page,
      (f, a: string) => f.values(a, 'A1')[0]![0],
      periodSheetName('报送矩阵', PREVIOUS),
    );
    expect(String(title)).toContain('生成于');
    // 11-H1's 整改进展汇总表 counts the rate at its own due day: before either 销号.
    const progress = await fake(
      supervisor.page,
      (f, a: string) => f.values(a, 'A1')[0]![0],
      periodSheetName(PROGRESS_SHEET, PREVIOUS),
    );
    expect(String(progress)).toContain('整改完成率（截至 2023-11-14（期次截止日），已销号 ÷ 应销号）：单位·措施 0/');
  });

  it('asks before 退回 (unit, period, revision, reason), updates the list at once, clears the reason, and withdraws the return', async () => {
    const page = supervisor.page;
    await generate(LAST);
    const row = page.locator('#summary-units tr[data-unit="v-dinglai"]');
    await page.fill('#return-reason', '佐证材料不全');
    await row.locator('[data-action="return"]').click();
    const confirm = (await page.textContent('#return-confirm'))!;
    expect(confirm).toContain('丁来村');
    expect(confirm).toContain('2023年11月下半月');
    expect(confirm).toContain('第 1 版');
    expect(confirm).toContain('佐证材料不全');
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-return-confirm.png'), fullPage: true });
    await page.click('#return-yes');
    await row.locator('.pill.returned').waitFor();
    expect(await page.inputValue('#return-reason')).toBe('');
    expect(await row.locator('[data-action="return"]').count()).toBe(0);
    const { reports } = await api<{ reports: ReportHeader[] }>(`/reports?period=${LAST}`);
    const report = reports.find((r) => r.unitId === 'v-dinglai')!;
    expect(report.returned?.reason).toBe('佐证材料不全');

    await row.locator('[data-action="unreturn"]').click();
    await row.locator('.pill.on_time').waitFor();
    expect(await row.locator('[data-action="return"]').count()).toBe(1);
    const after = await api<ReportHeader>(`/reports/${report.reportId}`);
    expect(after.returned).toBeNull();
  });

  it("shows a unit's current report with its figures right under the unit, in view, and writes it to a sheet", async () => {
    const page = supervisor.page;
    await page.setViewportSize({ width: 360, height: 640 });
    await page.locator('#summary-units tr[data-unit="o-finance"] [data-action="view"]').click();
    await page.waitForSelector('#report-detail');
    expect(await page.textContent('#report-detail')).toContain('第6期');
    expect(await page.textContent('#report-preparer')).toBe('填报人：李四 · 联系电话：0691-7654321');
    // Under its unit's row, not below the 22-unit list, and scrolled into view.
    expect(
      await page.$eval('#summary-units tr[data-unit="o-finance"]', (r) =>
        r.nextElementSibling?.contains(document.querySelector('#report-detail')),
      ),
    ).toBe(true);
    await expect
      .poll(() =>
        page.$eval('#report-detail', (d) => {
          const b = d.getBoundingClientRect();
          return b.top >= 0 && b.top < window.innerHeight;
        }),
      )
      .toBe(true);
    const heads = await page.$$eval('#report-detail th', (ths) => ths.map((th) => th.textContent));
    expect(heads).toEqual(
      expect.arrayContaining(['目标值', '完成值', '计量单位', '完成率(%)', '计划资金(万元)', '已拨付(万元)']),
    );
    // 4-1 carries figures (file(): target 10, actual i + j, funds 20 and 2i + j + 0.5; 财政所 is j = 2, period i = 5).
    const cell = (key: string) =>
      page.$eval(`#report-detail tr[data-measure="4-1"] td[data-key="${key}"]`, (td) => td.textContent);
    expect([await cell('target'), await cell('actual'), await cell('fundsPlanned'), await cell('fundsPaid')]).toEqual([
      '10',
      '7',
      '20',
      '12.5',
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-report-view-360.png') });
    await page.setViewportSize({ width: 380, height: 900 });
    await page.click('#report-to-sheet');
    const name = periodSheetName('报送-财政所', LAST);
    await page.waitForFunction((n) => window.__fakeExcel.sheetNames().includes(n), name);
    const grid = await fake(page, (f, a: string) => f.values(a, 'A3:I3'), name);
    expect(grid[0]![1]).toBe('财政所');
    // The same short 报送编号 as the receipt and the 报送单.
    expect(String(await fake(page, (f, a: string) => f.values(a, 'A1')[0]![0], name))).toContain(
      '报送编号 2311B-财政-01',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervisor-report-view.png'), fullPage: true });
  });

  it('prints the 汇总表 to A4 landscape PDF from the same spec (Chromium), one page wide', async () => {
    const [summary, details] = await Promise.all([
      api<Summary>(`/summary?period=${LAST}`),
      api<Details>(`/details?period=${LAST}`),
    ]);
    for (const layout of ['joined', 'per-unit'] as const) {
      const page = await browser.newPage();
      await page.setContent(sheetHtml(progressSheet({ plan, summary, details, layout })));
      const pdf = path.join(ARTIFACTS, `progress-${layout}.pdf`);
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      await page.close();
      const info = execFileSync('pdfinfo', [pdf]).toString();
      expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/); // A4 landscape
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        path.join(ARTIFACTS, `progress-${layout}`),
      ]);
    }
  });

  it('draws the 趋势 sheet with native charts beside its tables, and the same trends as inline SVG in the pane', async () => {
    const page = supervisor.page;
    await generate(LAST); // the 趋势 sheet exists from the earlier runs: it is rebuilt, not added twice
    const trends = await api<Trends>(`/trends?to=${LAST}`);
    const name = trendsSheetName(plan);
    const got = await fake(
      page,
      (f, a: [string, string]) => ({
        sheet: f.sheet(a[0]),
        names: f.sheetNames(),
        grid: f.values(a[0], a[1]),
        errors: f.state.errors,
      }),
      [name, `A3:K${trends.periods.length + 3}`],
    );
    expect(got.errors).toEqual([]);
    expect(got.names.filter((n) => n === name)).toHaveLength(1);
    const n = trends.periods.length;
    expect(n).toBe(8); // 2023-08-H1 (the plan's first period) … 2023-11-H2
    expect(got.sheet!.charts).toEqual([
      {
        type: 'ColumnStacked100',
        source: `A3:F${n + 3}`,
        seriesBy: 'Columns',
        title: '各期报送情况（占应报单位）',
        position: 'M3:U18',
      },
      {
        type: 'Line',
        source: `I3:K${n + 3}`,
        seriesBy: 'Columns',
        title: '资金：计划与已拨付（万元）',
        position: 'M20:U35',
      },
      {
        type: 'Line',
        source: `A${n + 6}:I${n + 6 + 13}`,
        seriesBy: 'Rows',
        title: '各措施“已完成”的单位数',
        position: 'M37:U52',
      },
      {
        type: 'Line',
        source: `A${n + 6 + 13 + 3}:C${n + 6 + 13 + 3 + n}`,
        seriesBy: 'Columns',
        title: '整改完成率（%）',
        position: 'M54:U69',
      },
    ]);
    // Every value the double holds on the sheet (its used range, the title included) lies left of the charts.
    const usedRight = columnIndex(/:([A-Z]+)\d+$/.exec(got.sheet!.used)![1]!);
    expect(usedRight).toBeLessThan(columnIndex('M'));
    // The sheet's tables are the API's numbers: 10-H1 (index 4) has 民良村 missing; 11-H1 (index 6) 财政所 late.
    const [header, ...rows] = got.grid;
    expect(header).toEqual([
      '期次',
      '按时',
      '逾期',
      '退回',
      '未报',
      '待报',
      '应报单位',
      '',
      '期次',
      '计划资金（万元）',
      '已拨付（万元）',
    ]);
    rows.forEach((r, i) => {
      const p = trends.periods[i]!;
      expect(r.slice(1, 7)).toEqual([p.on_time, p.late, p.returned, p.missing, p.not_due, p.units]);
      expect(r.slice(9, 11)).toEqual([p.fundsPlanned, p.fundsPaid]);
    });
    expect([trends.periods[4]!.on_time, trends.periods[6]!.late]).toEqual([2, 1]);
    // The test host refuses what Excel refuses: an unknown chart type, a source range past the sheet's last row.
    const tries = await page.evaluate(async (sheet) => {
      const add = (type: string, address: string) =>
        Excel.run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(sheet);
          ws.charts.add(type as Excel.ChartType, ws.getRange(address), 'Auto');
          await ctx.sync();
        }).then(
          () => 'accepted',
          (e: { code?: string }) => e.code ?? 'no code',
        );
      return [await add('Radar3DFancy', 'A3:F5'), await add('Line', 'A1048570:B1048577')];
    }, name);
    expect(tries).toEqual(['InvalidArgument', 'InvalidArgument']);

    // The pane: one stacked bar segment per non-zero share, a point per period on each funds line, a row per measure.
    const svg = await page.evaluate(() => ({
      bars: document.querySelectorAll('#trends svg[data-chart="timeliness"] rect').length,
      points: [...document.querySelectorAll('#trends svg[data-chart="funds"] polyline')].map(
        (l) => l.getAttribute('points')!.split(' ').length,
      ),
      labels: document.querySelectorAll('#trends svg[data-chart="measures"] text').length,
      box: document.querySelector('#trends svg[data-chart="timeliness"]')!.getBoundingClientRect().height,
    }));
    const segments = trends.periods.reduce(
      (k, p) => k + [p.on_time, p.late, p.returned, p.missing, p.not_due].filter((x) => x > 0).length,
      0,
    );
    expect(svg.bars).toBe(segments);
    expect(svg.points).toEqual([n, n]);
    expect(svg.labels).toBeGreaterThanOrEqual(13);
    expect(svg.box).toBeGreaterThan(80);
    // 整改完成率 at each due day: a point per period on both lines, the last (11-H2) with the 销号 of 11-20 in it.
    const closure = await page.evaluate(() =>
      ['pairs', 'measures'].map((k) =>
        [...document.querySelectorAll(`#trends svg[data-chart="closure"] circle[data-series="${k}"] title`)].map(
          (t) => t.textContent,
        ),
      ),
    );
    const total = trends.periods[n - 1]!.closure!.pairs.total;
    expect(closure[0]).toHaveLength(n);
    expect(closure[1]).toHaveLength(n);
    expect(closure[0]![n - 2]).toBe(`${PREVIOUS} 单位·措施 0/${total}（0.0%）`);
    expect(closure[0]![n - 1]).toBe(`${LAST} 单位·措施 1/${total}（${formatRate(closureRate(1, total))}）`);
    await page.locator('#trends-box').screenshot({ path: path.join(ARTIFACTS, 'supervisor-trends.png') });
  });

  it("downloads the period's CSV (导出 CSV) with its BOM, the same bytes the API serves", async () => {
    const page = supervisor.page;
    await page.selectOption('#summary-period', LAST);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toBe(`整改进展汇总-${periodLabel(LAST, { form: 'name' })}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const res = await fetch(`${server.url}/api/v1/export.csv?period=${LAST}`, {
      headers: clockHeaders(NOW, server.tokens!.supervisor),
    });
    const served = Buffer.from(await res.arrayBuffer());
    const firstLine = (b: Buffer) => b.subarray(3).toString('utf8').split(/\r?\n/)[0];
    expect(firstLine(bytes)).toBe(firstLine(served));
    expect(firstLine(bytes)).toMatch(/^[^,]+,/);
    expect(bytes.equals(served)).toBe(true);
    await page.waitForSelector('#summary-status.ok');
    expect(await page.textContent('#summary-status')).toContain(download.suggestedFilename());
  });

  it('downloads the same period-named sheets as an .xlsx (下载汇总表), read back with the library', async () => {
    const page = supervisor.page;
    await page.selectOption('#summary-period', LAST);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-summary')]);
    expect(download.suggestedFilename()).toBe(`整改进展汇总-${periodLabel(LAST, { form: 'name' })}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name);
    for (const base of [PROGRESS_SHEET, '汇总-按单位', '未报单位', '汇总-按措施', '报送矩阵', '报送明细'])
      expect(names).toContain(periodSheetName(base, LAST));
    const summary = (await (
      await fetch(`${server.url}/api/v1/summary?period=${LAST}`, {
        headers: clockHeaders(NOW, server.tokens!.supervisor),
      })
    ).json()) as Summary;
    const byUnit = book.getWorksheet(periodSheetName('汇总-按单位', LAST))!;
    expect(summary.units.map((_, i) => byUnit.getCell(`B${3 + i}`).value)).toEqual(
      summary.units.map((u) => u.unitName),
    );
  });
  it('keeps every request of 生成汇总表 under 5 MB, and says so when Excel accepted one-page-wide printing but did not apply it', async () => {
    // The pane above: its host applies the print setup; no note, and no request near Excel on the web's cap.
    expect(await supervisor.page.textContent('#summary-status')).not.toContain('一页宽');
    const sizes = await fake(supervisor.page, (f) => f.state.requestBytes);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThan(5_000_000);
    // The host refuses a request over the cap whole, as Excel on the web does: not even the sheet is added.
    const refused = await supervisor.page.evaluate(() =>
      Excel.run(async (ctx) => {
        const big = Array.from({ length: 1_000 }, () => ['进'.repeat(2_000)]);
        ctx.workbook.worksheets.add('大请求').getRange('A1:A1000').values = big;
        await ctx.sync();
      }).then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      ),
    );
    expect(refused).toBe('RequestPayloadSizeLimitExceeded');
    expect(await fake(supervisor.page, (f) => f.sheetNames())).not.toContain('大请求');

    // A host like the one in office-js issue 1860: it takes zoom = { horizontalFitToPages: 1 } and keeps scale 100.
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW, host: { ignoresFitToPage: true } });
    try {
      const page = pane.page;
      await page.fill('#token', server.tokens!.supervisor);
      await page.click('#save-settings');
      await page.waitForSelector('#summary-section:not([hidden])');
      await page.selectOption('#summary-period', LAST);
      await page.click('#write-summary');
      await page.waitForSelector('#summary-status.ok');
      const sheet = periodSheetName(PROGRESS_SHEET, LAST);
      await page.waitForFunction((n) => document.querySelector('#summary-status')!.textContent!.includes(n), sheet);
      // Every sheet is asked to print one page wide, so each is named, 整改进展汇总表 first.
      const said = (await page.textContent('#summary-status'))!;
      expect(said).toContain(`（Excel 未应用“所有列打印在一页宽”：打印“${sheet}、`);
      expect(said).toContain(`${periodSheetName(DETAILS_SHEET, LAST)}、`);
      expect(said).toContain('”前，请在“页面布局 → 调整为合适大小”中把宽度设为 1 页。）');
      expect(await fake(page, (f, n: string) => f.sheet(n)!.print, sheet)).toMatchObject({
        orientation: 'Landscape',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      });
    } finally {
      await pane.page.context().close();
    }
  });
});

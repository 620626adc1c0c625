// Any real table, matched instead of refused (issue 22), in real Chromium against the real local Worker, with tables
// written by LibreOffice (the stand-in for WPS): a unit's own 台账 without 措施编号 and with merged 存在问题 cells is
// matched to the unit's measures with one confirmation, in Excel (the test host) and on the page, where a wrong match
// is corrected before anything is sent; a county-style plan imports with no confirmation, a plan with headers nobody
// knows with one (remembered for its layout), and the seed plan in its own layout uploads on the page as it is.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import type { ReportDetail, ReportHeader } from '../../core/schemas/api.ts';
import { translator } from '../../addin/i18n.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { countyPlanSheet, unknownHeaderPlanSheet } from '../fixtures/county-plan-sheet.ts';
import { seedPlanSheet } from '../fixtures/seed-plan-sheet.ts';
import { OWN_WORDS, OWN_WORDS_UNIT, ownWordsChecklist } from '../fixtures/own-words-checklist.ts';
import { LEDGER_EXPECTED, LEDGER_HEADER, unitLedger } from '../fixtures/unit-ledger.ts';
import { clockHeaders, fake, freePort, launchChromium, openPane } from './browser.ts';
import { libreOfficeXlsx, readBack } from './lo-table.ts';
import { download, loadXlsx, openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const NOW = '2023-09-10T10:00:00+08:00';
const t = translator('zh-CN');

async function connect(page: Page, token: string): Promise<void> {
  await page.fill('#token', token);
  await page.fill('#signer', '岩温');
  await page.click('#save-settings');
  await page.waitForSelector('#me-status.ok');
}

/** The measure chosen in the row-matching step for each row, in row order. */
const chosenMeasures = (page: Page) =>
  page.$$eval('#row-match select[data-row]', (els) => els.map((e) => (e as HTMLSelectElement).value));

async function showSheet(page: Page, sheet: string, grid: unknown[][]): Promise<void> {
  await fake(
    page,
    (f, a: { sheet: string; grid: unknown[][] }) => {
      f.addSheet(a.sheet);
      f.type(a.sheet, 'A1', a.grid);
    },
    { sheet, grid },
  );
}

describe('tables in other layouts, matched instead of refused', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const files: Record<'ledger' | 'ownWords' | 'county' | 'unknown' | 'seed', string> = {} as never;
  const get = async <T>(route: string, token: string): Promise<T> =>
    (await fetch(`${server.url}/api/v1${route}`, { headers: clockHeaders(NOW, token) })).json() as Promise<T>;

  async function reportRows(unitId: string): Promise<string[]> {
    const token = server.tokens!.units[unitId]!;
    const { reports } = await get<{ reports: ReportHeader[] }>('/reports?period=2023-09-H1', token);
    const mine = reports.filter((r) => r.unitId === unitId);
    if (!mine.length) return [];
    const detail = await get<ReportDetail>(`/reports/${mine[0]!.reportId}`, token);
    return detail.rows.map((r) => r.measureId);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-match-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-match-files-'));
    const ledger = unitLedger();
    files.ledger = libreOfficeXlsx(ledger, {
      dir: work,
      name: '丁来村台账',
      sheet: '台账',
      mergeColumns: [1, 2],
      fromRow: 2,
      toRow: ledger.length - 1,
    });
    files.ownWords = libreOfficeXlsx(ownWordsChecklist(), {
      dir: work,
      name: '民良村整改台账',
      sheet: '台账',
      mergeColumns: [],
      fromRow: 1,
      toRow: 1,
    });
    files.county = libreOfficeXlsx(countyPlanSheet(), {
      dir: work,
      name: '县级整改任务清单',
      sheet: '任务清单',
      mergeColumns: [1, 2, 3],
      fromRow: 2,
      toRow: 5,
    });
    files.unknown = libreOfficeXlsx(unknownHeaderPlanSheet(), {
      dir: work,
      name: '整改台账-新表头',
      sheet: '整改',
      mergeColumns: [1],
      fromRow: 2,
      toRow: 5,
    });
    const seed = seedPlanSheet();
    files.seed = libreOfficeXlsx(seed, {
      dir: work,
      name: '勐发2023-85号整改方案',
      sheet: '整改方案',
      mergeColumns: [1],
      fromRow: 2,
      toRow: seed.length - 1,
    });
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 240_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('matches a LibreOffice ledger without 措施编号 in Excel with one confirmation, and submits it', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    const page = pane.page;
    await connect(page, server.tokens!.units['v-dinglai']!);
    const { sheetName, grid } = await readBack(files.ledger);
    // LibreOffice wrote the merge: the reader sees 存在问题 only in its first row.
    expect(grid.slice(2).map((r) => r[1] !== '')).toEqual(
      LEDGER_EXPECTED.map((id, i) => i === 0 || LEDGER_EXPECTED[i - 1]![0] !== id[0]),
    );
    await showSheet(page, sheetName, grid);
    await page.click('#validate');
    await page.waitForSelector('#row-match details[open]');
    expect(await page.textContent('#validate-status')).toBe(t('ledgerConfirmRows'));
    expect(await chosenMeasures(page)).toEqual(LEDGER_EXPECTED);
    expect(await page.locator('#row-match .unmatched').count()).toBe(0);
    await page.locator('#validate-section').screenshot({ path: path.join(ARTIFACTS, 'ledger-row-match.png') });

    await page.click('#row-match .match-confirm');
    await page.waitForSelector('#validate-status.ok');
    expect(await page.locator('#issues .issue').count()).toBe(0);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    expect(await page.textContent('#confirm-rows')).toBe(String(LEDGER_EXPECTED.length));
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    expect(await reportRows('v-dinglai')).toEqual(LEDGER_EXPECTED);
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });

  it('lists a row left unmatched on the page and lets the clerk correct it before anything is sent', async () => {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 380 });
    const page = web.page;
    await connect(page, server.tokens!.units['v-yongan']!);
    await page.setInputFiles('#upload', files.ledger);
    await page.waitForSelector('#row-match details[open]');
    expect(await chosenMeasures(page)).toEqual(LEDGER_EXPECTED);

    // A wrong choice: row 4 (提升驻村帮扶能力) left without a measure.
    await page.selectOption('#row-match select[data-row="4"]', '');
    await page.click('#row-match .match-confirm');
    await page.waitForSelector('#validate-status.error');
    expect(await page.textContent('#row-match .unmatched')).toContain('第4行');
    expect(await page.textContent('#issues')).toContain('第4行未对应到任何整改措施');
    expect(await page.textContent('#issues')).toContain('1-2');
    expect(await reportRows('v-yongan')).toEqual([]);
    // 标注版 on the clerk's own layout: the same header; marked are the unmatched row's 整改措施 cell (C4) and the
    // header's 整改措施 cell (C2), where the sheet-wide finding "1-2 has no row" sits — no other cell.
    expect(await page.isVisible('#annotated')).toBe(true);
    const marked = (await loadXlsx(await download(page, '#annotated', work))).worksheets[0]!;
    expect(LEDGER_HEADER.map((_, i) => marked.getCell(2, i + 1).text)).toEqual(LEDGER_HEADER);
    const fills: string[] = [];
    marked.eachRow((row) =>
      row.eachCell((cell) => {
        if ((cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb) fills.push(cell.address);
      }),
    );
    expect(fills).toEqual(['C2', 'C4']);

    await page.selectOption('#row-match select[data-row="4"]', '1-2');
    await page.click('#row-match .match-confirm');
    await page.waitForSelector('#validate-status.ok');
    expect(await page.isVisible('#annotated')).toBe(true);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    expect(await reportRows('v-yongan')).toEqual(LEDGER_EXPECTED);
    expect(web.pageErrors).toEqual([]);
    await web.context.close();
  });

  it('asks in Excel which columns are 完成情况 and 整改进展 of a LibreOffice ledger with its own headers', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    const page = pane.page;
    await connect(page, server.tokens!.units[OWN_WORDS_UNIT]!);
    const { sheetName, grid } = await readBack(files.ownWords);
    await showSheet(page, sheetName, grid);
    await page.click('#validate');
    await page.waitForSelector('#column-match details[open]');
    expect(await page.textContent('#validate-status')).toBe(t('ledgerConfirmColumns'));
    expect(await page.$eval('#column-match select[data-field="status"]', (e) => (e as HTMLSelectElement).value)).toBe(
      String(grid[0]!.indexOf(OWN_WORDS.status)),
    );
    await page.click('#column-match .match-confirm');
    await page.waitForSelector('#validate-status.ok');
    expect(await page.locator('#issues .issue').count()).toBe(0);
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });

  it('asks on the page which columns are 完成情况 and 整改进展 of a ledger headed 办理状态 and 目前工作推进情况, once', async () => {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 380 });
    const page = web.page;
    await connect(page, server.tokens!.units[OWN_WORDS_UNIT]!);
    await page.setInputFiles('#upload', files.ownWords);
    await page.waitForSelector('#column-match details[open]');
    expect(await page.textContent('#validate-status')).toBe(t('ledgerConfirmColumns'));
    expect(await page.textContent('#issues')).not.toContain('缺少必填列');
    const chosen = (field: string) =>
      page.$eval(`#column-match select[data-field="${field}"]`, (e) => {
        const s = e as HTMLSelectElement;
        return s.options[s.selectedIndex]!.text;
      });
    expect(await chosen('status')).toContain(OWN_WORDS.status);
    expect(await chosen('progress')).toContain(OWN_WORDS.progress);
    await page.locator('#validate-section').screenshot({ path: path.join(ARTIFACTS, 'ledger-column-match.png') });

    await page.click('#column-match .match-confirm');
    await page.waitForSelector('#validate-status.ok');
    expect(await page.locator('#issues .issue').count()).toBe(0);
    expect(await page.locator('#column-match details[open]').count()).toBe(0);
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    await page.click('#confirm-send');
    await page.waitForSelector('#receipt .receipt');
    const rows = ownWordsChecklist().length - 1;
    expect(await reportRows(OWN_WORDS_UNIT)).toHaveLength(rows);

    // The same layout again: the confirmed columns are used without asking.
    await page.setInputFiles('#upload', files.ownWords);
    await page.waitForSelector('#validate-status.ok');
    expect(await page.locator('#column-match details[open]').count()).toBe(0);
    expect(web.pageErrors).toEqual([]);
    await web.context.close();
  });

  it('imports a county-style plan in Excel with no confirmation, keeping 问题类型, 整改目标 and 牵头单位 + 配合单位', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    const page = pane.page;
    await connect(page, server.tokens!.supervisor);
    const { sheetName, grid } = await readBack(files.county);
    await showSheet(page, sheetName, grid);
    await page.fill('#plan-title', '沧源县2024年审计反馈问题整改方案');
    await page.fill('#plan-doc', '沧发〔2024〕3号');
    // 立行立改 is due at the plan's first period.
    await page.fill('#plan-first', '2023-09-H2');
    await page.click('#read-plan');
    await page.waitForSelector('#plan-status.ok');
    expect(await page.textContent('#plan-status')).toContain('2个问题、4条措施');
    expect(await page.locator('#plan-match details[open]').count()).toBe(0);
    expect(await page.textContent('#plan-preview')).toContain('项目办：1-1');
    await page.click('#publish-plan');
    await page.waitForFunction(() => document.querySelector('#plan-status')?.textContent?.includes('已发布'));
    const { plans } = await get<{ plans: Plan[] }>('/plans', server.tokens!.supervisor);
    const county = plans.find((p) => p.docNumber === '沧发〔2024〕3号')!;
    expect(county.problems.map((p) => p.category)).toEqual(['资金管理', '项目管理']);
    expect(county.measures[1]!.completionStandard).toBe('2024年6月底前项目资金拨付率达到100%');
    expect(county.measures[0]!.responsibleUnitIds).toEqual(['o-finance', 'o-projects', 'v-dinglai']);
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });

  it('asks once for the columns of a plan with unknown headers, takes a correction, and remembers the layout', async () => {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    const page = pane.page;
    await connect(page, server.tokens!.supervisor);
    const { sheetName, grid } = await readBack(files.unknown);
    await showSheet(page, sheetName, grid);
    await page.fill('#plan-first', '2023-09-H2');
    await page.click('#read-plan');
    await page.waitForSelector('#plan-match details[open]');
    expect(await page.textContent('#plan-status')).toBe(t('planConfirmColumns'));
    expect(await page.isVisible('#publish-plan')).toBe(false);
    const chosen = () =>
      page.$$eval('#plan-match select[data-field]', (els) =>
        Object.fromEntries(els.map((e) => [e.getAttribute('data-field'), (e as HTMLSelectElement).value])),
      );
    // 反映问题 B, 落实举措 C, 包村领导 D, 主责单位 E, 协同单位 F, 时间节点 G: every suggestion right.
    expect(await chosen()).toMatchObject({
      problem: '1',
      measure: '2',
      lead: '3',
      units: '4',
      coUnits: '5',
      deadline: '6',
    });
    await page.locator('#plan-section').screenshot({ path: path.join(ARTIFACTS, 'plan-column-match.png') });

    // Corrected before anything is stored: 协同单位 is not to be read.
    await page.selectOption('#plan-match select[data-field="coUnits"]', '');
    await page.click('#plan-match .match-confirm');
    await page.waitForSelector('#plan-status.ok');
    expect(await page.textContent('#plan-preview')).not.toContain('项目办');
    // Confirmed columns fold away; 列对应 opens them again.
    expect(await page.locator('#plan-match details[open]').count()).toBe(0);
    await page.click('#plan-match summary');
    await page.selectOption('#plan-match select[data-field="coUnits"]', '5');
    await page.click('#plan-match .match-confirm');
    await page.waitForFunction(() => document.querySelector('#plan-preview')?.textContent?.includes('项目办：1-1'));

    // The same layout again: read at once with the remembered columns.
    await page.evaluate(() => document.querySelector('#plan-status')!.replaceChildren());
    await page.click('#read-plan');
    await page.waitForSelector('#plan-status.ok');
    expect(await page.locator('#plan-match details[open]').count()).toBe(0);
    expect(await page.textContent('#plan-status')).toContain('2个问题、4条措施');
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });

  it('reads the seed plan in its own layout uploaded on the page, with no confirmation, and publishes it', async () => {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 380 });
    const page = web.page;
    await connect(page, server.tokens!.supervisor);
    await page.waitForSelector('#plan-section:not([hidden])');
    await page.fill('#plan-title', '勐来乡整改方案（重新导入）');
    await page.fill('#plan-doc', '勐发〔2023〕85号-2');
    expect(await page.textContent('#read-plan')).toBe(t('readPlanUpload'));
    // The table is read as soon as it is chosen: no second click.
    await page.setInputFiles('#plan-upload', files.seed);
    await page.waitForSelector('#plan-status.ok');
    expect(await page.textContent('#plan-status')).toContain('4个问题、13条措施');
    expect(await page.locator('#plan-match details[open]').count()).toBe(0);
    await page.locator('#plan-section').screenshot({ path: path.join(ARTIFACTS, 'plan-import-page.png') });
    await page.click('#publish-plan');
    await page.waitForFunction(() => document.querySelector('#plan-status')?.textContent?.includes('已发布'));
    const { plans } = await get<{ plans: Plan[] }>('/plans', server.tokens!.supervisor);
    const seed = plans.find((p) => p.docNumber === '勐发〔2023〕85号-2')!;
    expect(seed.measures.map((m) => m.id)).toEqual(
      plans.find((p) => p.docNumber === '勐发〔2023〕85号')!.measures.map((m) => m.id),
    );
    expect(web.pageErrors).toEqual([]);
    await web.context.close();
  });

  it('reads the county table on the page and the seed table in Excel too, each with no confirmation', async () => {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 380 });
    await connect(web.page, server.tokens!.supervisor);
    await web.page.fill('#plan-first', '2023-09-H2');
    await web.page.setInputFiles('#plan-upload', files.county);
    await web.page.waitForSelector('#plan-status.ok');
    expect(await web.page.textContent('#plan-status')).toContain('2个问题、4条措施');
    expect(await web.page.locator('#plan-match details[open]').count()).toBe(0);
    expect(web.pageErrors).toEqual([]);
    await web.context.close();

    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await connect(pane.page, server.tokens!.supervisor);
    const { sheetName, grid } = await readBack(files.seed);
    await showSheet(pane.page, sheetName, grid);
    await pane.page.click('#read-plan');
    await pane.page.waitForSelector('#plan-status.ok');
    expect(await pane.page.textContent('#plan-status')).toContain('4个问题、13条措施');
    expect(await pane.page.locator('#plan-match details[open]').count()).toBe(0);
    expect(pane.pageErrors).toEqual([]);
    await pane.context.close();
  });
});

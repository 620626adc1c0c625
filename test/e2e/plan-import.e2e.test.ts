// 导入整改方案 in the real pane (Chromium) against the real local Worker: the supervisor opens a plan table whose
// 存在问题 cells are merged over their measures, sees every planted bad cell listed (click selects it), fixes them,
// previews which units get which measures, publishes, and a unit of the new plan then sees it in its pane.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../core/schemas/plan.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { planSheet } from '../fixtures/plan-sheet.ts';
import { clockHeaders, launchChromium, openPane, type Pane, freePort, fake } from './browser.ts';
import type { FakeExcelApi } from './fake-excel-host.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const NOW = '2024-01-10T10:00:00+08:00';
const SHEET = '整改方案';

declare global {
  interface Window {
    __fakeExcel: FakeExcelApi;
  }
}

async function connect(page: Page, token: string): Promise<void> {
  await page.fill('#token', token);
  await page.click('#save-settings');
  await page.waitForSelector('#me-status.ok');
}

describe('importing a plan from a sheet in the task pane', () => {
  let persistDir: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let supervisor: Pane;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-plan-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    ({ browser, close: closeBrowser } = await launchChromium());
    supervisor = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await connect(supervisor.page, server.tokens!.supervisor);
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });

  it('lists every planted bad cell of a plan table with merged 存在问题 cells, and clicking one selects it', async () => {
    const page = supervisor.page;
    expect(await page.isVisible('#plan-section')).toBe(true);
    await fake(
      page,
      (f, a: { sheet: string; grid: unknown[][] }) => {
        f.addSheet(a.sheet);
        f.type(a.sheet, 'A1', a.grid);
      },
      { sheet: SHEET, grid: planSheet(true) },
    );
    await page.fill('#plan-title', '勐来乡2024年审计反馈问题整改方案');
    await page.fill('#plan-doc', '勐发〔2024〕12号');
    await page.selectOption('#plan-schedule', 'monthly');
    await page.fill('#plan-day', '25');
    await page.fill('#plan-first', '2024-01');
    await page.click('#read-plan');
    await page.waitForSelector('#plan-status.error');
    const cells = await page.$$eval('#plan-issues .issue .cell', (els) => els.map((e) => e.textContent));
    expect(cells).toEqual(['E5', 'F6', 'D7', 'A8']);
    expect(await page.textContent('#plan-issues')).toContain('是否为“丁来村”');
    expect(await page.isVisible('#publish-plan')).toBe(false);
    await page.click('#plan-issues .issue >> nth=1');
    await page.waitForFunction(() => window.__fakeExcel.state.selection?.address?.endsWith('F6'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-import-issues.png'), fullPage: true });
  });

  it('previews a clean sheet, publishes it, and the new plan is stored as read', async () => {
    const page = supervisor.page;
    await fake(page, (f, a: { sheet: string; grid: unknown[][] }) => f.type(a.sheet, 'A1', a.grid), {
      sheet: SHEET,
      grid: planSheet(false),
    });
    await page.click('#read-plan');
    await page.waitForSelector('#plan-status.ok');
    expect(await page.textContent('#plan-status')).toContain('2个问题、6条措施');
    const preview = (await page.textContent('#plan-preview'))!;
    expect(preview).toContain('丁来村：1-1、1-2');
    expect(preview).toContain('财政所：1-1、2-1、2-3');
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-import-preview.png'), fullPage: true });
    await page.click('#publish-plan');
    await page.waitForFunction(() => document.querySelector('#plan-status')?.textContent?.includes('已发布'));

    const res = await fetch(`${server.url}/api/v1/plans`, { headers: clockHeaders(NOW, server.tokens!.supervisor) });
    const { plans } = (await res.json()) as { plans: Plan[] };
    const audit = plans.find((p) => p.docNumber === '勐发〔2024〕12号');
    expect(audit).toMatchObject({ schedule: { kind: 'monthly', day: 25 }, firstPeriod: '2024-01', status: 'active' });
    expect(audit!.measures.map((m) => m.id)).toEqual(['1-1', '1-2', '2-1', '2-2', '2-3', '2-4']);
    expect(audit!.measures[0]!.responsibleUnitIds).toEqual(['o-finance', 'v-dinglai']);
    expect(audit!.problems[0]).toEqual({ id: '1', title: '项目资金拨付滞后', detail: '3个项目资金拨付率低于50%。' });
  });

  it('lets a unit of the new plan choose it in 设置, with monthly periods', async () => {
    const unit = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    await connect(unit.page, server.tokens!.units['v-dinglai']!);
    expect(await unit.page.isVisible('#plan-field')).toBe(true);
    const options = await unit.page.$$eval('#plan option', (els) => els.map((e) => e.textContent));
    expect(options.some((o) => o?.includes('勐发〔2024〕12号'))).toBe(true);
    await unit.page.selectOption('#plan', { index: options.findIndex((o) => o?.includes('勐发〔2024〕12号')) });
    // The period is chosen in the 提交 step now; the unit's standing under the new plan lists its monthly periods.
    await unit.page.waitForSelector('#server-state li[data-period="2024-01"]', { timeout: 15_000 });
    expect(
      await unit.page.$$eval('#server-state li[data-period]', (els) =>
        els.every((e) => /^\d{4}-\d{2}$/.test(e.getAttribute('data-period')!)),
      ),
    ).toBe(true);
    expect(unit.pageErrors).toEqual([]);
    await unit.context.close();
  });
});

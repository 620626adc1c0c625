// The unit's side of 销号 (issue 20) in the page without Excel, in real Chromium against the real local Worker: a
// unit whose latest report says 已完成 applies with a LibreOffice-written PDF; the supervisor (API) rejects with a
// 限期; the pane shows the 驳回 with the 限期 and a yellow 预警; the unit applies again. A 督办单 shows at the top of
// the section and is answered from it, then stays readable (folded, counted) and prints; an application the rule
// refuses is explained under the form, in Chinese; a 驳回 shows its reason.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosureList, NoticeList } from '../../core/closure/index.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { csvToPdf } from '../support/libreoffice.ts';
import { clockHeaders, freePort, launchChromium } from './browser.ts';
import { FILED, MISSING, NOW, UNIT, submissionOf } from './unit-loop-fixture.ts';
import { openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const DONE = '1-1';
const ONGOING = '1-2';

describe('销号 from the unit’s pane', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  let pdf: string;
  const get = async <T>(route: string, token: string): Promise<T> =>
    (await fetch(`${server.url}/api/v1${route}`, { headers: clockHeaders(NOW, token) })).json() as Promise<T>;
  const post = async (route: string, token: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${route}`, {
      method: 'POST',
      headers: { ...clockHeaders(NOW, token), 'Content-Type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });
  const pair = (measure: string) => `#closure-unit-box li[data-measure="${measure}"]`;
  const supervisorView = async (measure: string) =>
    (await get<ClosureList>(`/closures?unit=${UNIT}`, server.tokens!.supervisor)).pairs.find(
      (p) => p.measureId === measure,
    )!;
  /** Reconnects (保存并连接): the section asks the Worker again. */
  const reconnect = async () => {
    await page.evaluate(() => (document.querySelector('#me-status')!.className = 'status'));
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
  };

  async function applyFor(measure: string, summary: string, files: string[]): Promise<void> {
    // The form opens with a click on 申请销号 (it stays open after a refusal).
    if (!(await page.locator(`${pair(measure)} .closure-apply`).evaluate((d) => (d as HTMLDetailsElement).open)))
      await page.click(`${pair(measure)} .closure-apply summary`);
    await page.fill(`${pair(measure)} textarea[name="summary"]`, summary);
    if (files.length) await page.setInputFiles(`${pair(measure)} input[name="evidence"]`, files);
    await page.click(`${pair(measure)} .closure-apply button`);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-cunit-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-cunit-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    const token = server.tokens!.units[UNIT]!;
    for (const period of FILED)
      expect(
        (await post('/reports', token, submissionOf(period), { 'Idempotency-Key': crypto.randomUUID() })).status,
      ).toBe(201);
    // The latest report (11月下半月, late) says 1-1 is 已完成; 1-2 stays 推进中.
    const latest = submissionOf(MISSING);
    latest.rows = latest.rows.map((r) => (r.measureId === DONE ? { ...r, status: 'done' as const } : r));
    expect((await post('/reports', token, latest, { 'Idempotency-Key': crypto.randomUUID() })).status).toBe(201);
    writeFileSync(path.join(work, '入户走访验收表.csv'), '村组,户数,验收结果\n丁来一组,12,合格\n丁来二组,9,合格\n');
    pdf = csvToPdf(path.join(work, '入户走访验收表.csv'), work, path.join(work, 'lo-profile'));
    ({ browser, close: closeBrowser } = await launchChromium());
    ({ page } = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 360 }));
    await page.fill('#token', token);
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('lists the unit’s measures as 整改中, the section first in the pane', async () => {
    await page.waitForSelector(pair(DONE));
    expect(await page.textContent(`${pair(DONE)} .pill.closure-in_progress`)).toBe('整改中');
    expect(await page.evaluate(() => document.querySelector('#pane > section:not([hidden])')?.id)).toBe(
      'closure-unit-section',
    );
  });

  it('refuses in Chinese, before uploading anything, a measure whose latest status is not 已完成', async () => {
    await applyFor(ONGOING, '已走访部分农户。', [pdf]);
    await page.waitForSelector(`${pair(ONGOING)} .closure-apply .status.error`);
    expect(await page.textContent(`${pair(ONGOING)} .closure-apply .status`)).toContain(
      '完成情况须为“已完成”才能申请销号',
    );
    expect(await supervisorView(ONGOING)).toMatchObject({ state: 'in_progress', evidenceCount: 0 });
  });

  it('asks for an evidence file before sending anything', async () => {
    await applyFor(DONE, '全部入户走访已完成。', []);
    expect(await page.textContent(`${pair(DONE)} .closure-apply .status.error`)).toBe(
      '申请销号须至少附 1 份佐证材料。',
    );
    expect((await supervisorView(DONE)).state).toBe('in_progress');
  });

  it('applies with a LibreOffice-written PDF; the supervisor sees the application with the file', async () => {
    await applyFor(DONE, '全部入户走访已完成，验收合格。', [pdf]);
    await page.waitForSelector(`${pair(DONE)} .pill.closure-applied`);
    expect(await page.locator(`${pair(DONE)} .closure-apply`).count()).toBe(0);
    const seen = await supervisorView(DONE);
    expect(seen).toMatchObject({ state: 'applied', part: 'whole' });
    const { events } = await get<{ events: { kind: string; text: string; evidenceIds?: string[] }[] }>(
      `/closures/events?measure=${DONE}&unit=${UNIT}`,
      server.tokens!.supervisor,
    );
    expect(events.map((e) => e.kind)).toEqual(['applied']);
    expect(events[0]!.text).toBe('全部入户走访已完成，验收合格。');
    expect(events[0]!.evidenceIds).toHaveLength(1);
  });

  it('shows a 驳回 with its 限期 and a yellow 预警, and lets the unit apply again', async () => {
    const verdict = await post(`/closures/${DONE}/${UNIT}/verdict`, server.tokens!.supervisor, {
      decision: 'reject',
      opinion: '验收表缺少签字',
      verifiedOn: '2023-11-30',
      extendedDeadline: '2023-12-10',
    });
    expect(verdict.status).toBe(200);
    await reconnect();
    await page.waitForSelector(`${pair(DONE)} .pill.closure-in_progress`);
    expect(await page.textContent(`${pair(DONE)} .deadline-line`)).toBe('销号申请被驳回，限期 2023-12-10 前二次整改');
    expect(await page.textContent(`${pair(DONE)} .pill.warn-yellow`)).toBe('黄色预警');
    expect(await page.textContent(`${pair(DONE)} .warning-text`)).toContain('销号申请被驳回，尚未重新申请');
    // Why: the reason, who and when.
    expect(await page.textContent(`${pair(DONE)} .rejection-reason`)).toMatch(
      /^驳回原因：验收表缺少签字（.+，2023-11-30）$/,
    );
    await page
      .locator('#closure-unit-section')
      .screenshot({ path: path.join(ARTIFACTS, 'closure-unit-360-rejected.png') });

    await applyFor(DONE, '已补齐验收表签字。', [pdf]);
    await page.waitForSelector(`${pair(DONE)} .pill.closure-applied`);
    expect(await page.locator(`${pair(DONE)} .pill.warn-yellow`).count()).toBe(0);
    const { events } = await get<{ events: { kind: string }[] }>(
      `/closures/events?measure=${DONE}&unit=${UNIT}`,
      server.tokens!.supervisor,
    );
    expect(events.map((e) => e.kind)).toEqual(['applied', 'rejected', 'applied']);
  });

  it('shows an open 督办单 at the top of the section and sends the unit’s 回复', async () => {
    const issued = await post('/notices', server.tokens!.supervisor, {
      measureId: ONGOING,
      unitId: UNIT,
      requirement: '请于12月5日前报送入户走访台账',
      dueDate: '2023-12-05',
    });
    expect(issued.status).toBe(201);
    await reconnect();
    const card = '#closure-unit-box .closure-notices .notice-card.open';
    await page.waitForSelector(card);
    expect(await page.evaluate(() => document.querySelector('#closure-unit-box')!.firstElementChild!.className)).toBe(
      'closure-notices',
    );
    const text = (await page.textContent(card))!;
    expect(text).toContain('待回复');
    expect(text).toContain('请于12月5日前报送入户走访台账');
    expect(text).toContain('办结时限：2023年12月5日');
    expect(await page.textContent('.closure-notices .notice-counts')).toBe('待回复 1');
    await page
      .locator('#closure-unit-section')
      .screenshot({ path: path.join(ARTIFACTS, 'closure-unit-360-notice.png') });
    await page.fill(`${card} textarea`, '台账已整理，见附件。');
    await page.setInputFiles(`${card} input[type="file"]`, [pdf]);
    await page.click(`${card} button.primary`);
    await page.waitForSelector(card, { state: 'detached' });
    const { notices } = await get<NoticeList>(`/notices?unit=${UNIT}`, server.tokens!.supervisor);
    expect(notices[0]).toMatchObject({ state: 'answered', answer: { text: '台账已整理，见附件。' } });
    expect(notices[0]!.answer!.evidenceIds).toHaveLength(1);
    // Answered: counted, folded below, still readable and printable.
    expect(await page.textContent('.closure-notices .notice-counts')).toBe('已回复 1');
    await page.click('.notices-answered summary');
    const answered = '.notices-answered .notice-card.answered';
    expect(await page.textContent(`${answered} .notice-answer`)).toContain('台账已整理，见附件。');
    const [sheet] = await Promise.all([page.context().waitForEvent('page'), page.click(`${answered} .notice-print`)]);
    await sheet.waitForURL(/\/api\/v1\/download\//);
    await sheet.waitForLoadState('load');
    expect(sheet.url()).not.toContain(server.tokens!.units[UNIT]!);
    expect(await sheet.textContent('body')).toContain('台账已整理，见附件。');
    await sheet.close();
    expect(await page.textContent(`${answered} .status.ok`)).toContain('已在浏览器中打开督办〔2023〕第 1 号');
  });
});

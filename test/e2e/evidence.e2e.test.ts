// 佐证材料 from the page without Excel and from the Excel pane, in real Chromium against the real local Worker (R2
// and D1 through wrangler): a LibreOffice-written PDF and a 12 MB phone photo attached to two rows; the line drops
// while the photo's second part is on its way; the report is confirmed while offline; back online, the photo resumes
// without re-sending its first part, and the files and the report each arrive exactly once; the supervisor opens both.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, ReportDetail, ReportHeader } from '../../core/schemas/api.ts';
import type { EvidenceFile } from '../../core/schemas/evidence.ts';
import { FIRST_DATA_ROW } from '../../addin/sheets/template-layout.ts';
import { buildAddin, isBuildFresh } from '../../scripts/build-addin.ts';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { csvToPdf } from '../support/libreoffice.ts';
import { clockHeaders, fake, freePort, launchChromium, openPane } from './browser.ts';
import { goodRow } from './sheet-builders.ts';
import { MEASURES, NOW, UNIT, submissionOf } from './unit-loop-fixture.ts';
import { download, loadXlsx, openWebPage } from './web-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const PHOTO_BYTES = 12 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A real JPEG (drawn by Chromium) grown to `total` bytes with APP11 segments, as phones pad theirs with metadata. */
async function phonePhoto(page: Page, total: number, fill: number): Promise<Buffer> {
  const base = Buffer.from(
    await page.evaluate(async () => {
      const c = new OffscreenCanvas(4000, 3000);
      const g = c.getContext('2d')!;
      for (let i = 0; i < 300; i++) {
        g.fillStyle = `hsl(${(i * 37) % 360},55%,50%)`;
        g.fillRect((i * 131) % 4000, (i * 71) % 3000, 400, 300);
      }
      return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer())];
    }),
  );
  const segments: Buffer[] = [];
  let need = total - base.length;
  const segment = (size: number) => {
    const s = Buffer.alloc(size, fill);
    s[0] = 0xff;
    s[1] = 0xeb;
    s.writeUInt16BE(size - 2, 2);
    segments.push(s);
    need -= size;
  };
  while (need > 65_537) segment(Math.min(65_537, need - 4));
  if (need) segment(need);
  return Buffer.concat([base.subarray(0, 2), ...segments, base.subarray(2)]);
}

/** Attaches files to the n-th row of the 佐证材料 list through the file chooser its 添加文件 opens. */
async function attach(page: Page, rowIndex: number, files: string[]): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('.evidence-row').nth(rowIndex).locator('button.small-button').click(),
  ]);
  await chooser.setFiles(files);
}

interface Flow {
  /** The pane or page, connected as the unit, its checklist filled and listed in 佐证材料. */
  page: Page;
  context: BrowserContext;
  /** Evidence requests the page sent (method and path), in order. */
  sent: string[];
}

describe('佐证材料 in the page and the Excel pane', () => {
  let persistDir: string;
  let work: string;
  let server: DevServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let pdf: string;
  let planId: string;
  const api = async <T>(route: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url}/api/v1${route}`, {
      ...init,
      headers: { ...clockHeaders(NOW, token), ...(init.headers as Record<string, string>) },
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (!isBuildFresh()) await buildAddin();
    persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-evidence-'));
    work = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-evidence-files-'));
    server = await startDevServer({ port: await freePort(), persistDir, vars: { ALLOW_CLOCK_OVERRIDE: '1' } });
    planId = (await api<Me>('/me', server.tokens!.units[UNIT]!)).body.plans[0]!.id;
    writeFileSync(
      path.join(work, '入户走访签到表.csv'),
      '姓名,村组,签到时间\n岩温,一组,2023-11-10 09:00\n玉香,二组,2023-11-10 09:05\n',
    );
    pdf = csvToPdf(path.join(work, '入户走访签到表.csv'), work, path.join(work, 'lo-profile'));
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    for (const d of [persistDir, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  /** The unit's current revision for the period (0 when none is filed). */
  async function currentRevision(period: string): Promise<number> {
    const { body } = await api<{ reports: ReportHeader[] }>(`/reports?period=${period}`, server.tokens!.units[UNIT]!);
    return body.reports.find((r) => r.unitId === UNIT)?.revision ?? 0;
  }

  function watch(context: BrowserContext): string[] {
    const sent: string[] = [];
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/v1/evidence'))
        sent.push(`${r.method()} ${u.pathname.replace(/\/uploads\/[^/]+/, '/uploads/:id')}`);
    });
    return sent;
  }

  async function connect(page: Page, token: string): Promise<void> {
    await page.fill('#token', token);
    await page.fill('#signer', '岩温');
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
  }

  async function inPage(width: number): Promise<Flow> {
    const web = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width });
    const sent = watch(web.context);
    await connect(web.page, server.tokens!.units[UNIT]!);
    const wb = await loadXlsx(await download(web.page, '#download-template', work));
    const ws = wb.getWorksheet('整改清单')!;
    MEASURES.forEach((_, i) =>
      Object.entries(goodRow(FIRST_DATA_ROW + i)).forEach(([a, v]) => (ws.getCell(a).value = v as ExcelJS.CellValue)),
    );
    const filled = path.join(work, `丁来村-${width}.xlsx`);
    writeFileSync(filled, new Uint8Array(await wb.xlsx.writeBuffer()));
    await web.page.setInputFiles('#upload', filled);
    await web.page.waitForSelector('#file-status.ok');
    await web.page.click('#evidence-rows');
    await web.page.waitForSelector('.evidence-row');
    return { page: web.page, context: web.context, sent };
  }

  async function inExcel(): Promise<Flow> {
    const pane = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    const sent = watch(pane.context);
    await connect(pane.page, server.tokens!.units[UNIT]!);
    await pane.page.click('#insert-template');
    await pane.page.waitForSelector('#template-status.ok');
    const cells: Record<string, unknown> = {};
    MEASURES.forEach((m, i) => Object.assign(cells, goodRow(FIRST_DATA_ROW + i, m.title)));
    await fake(
      pane.page,
      (f, c: Record<string, unknown>) => Object.entries(c).forEach(([a, v]) => f.type('整改清单', a, [[v]])),
      cells,
    );
    return { page: pane.page, context: pane.context, sent };
  }

  /** The whole story for one flow; `attachSecond` attaches the photo to the second row (by list or by cursor). */
  async function dropAndResume(
    flow: Flow,
    label: string,
    attachSecond: (photo: string) => Promise<void>,
  ): Promise<void> {
    const { page, context, sent } = flow;
    const photo = path.join(work, `IMG_${label}.jpg`);
    writeFileSync(photo, await phonePhoto(page, PHOTO_BYTES, label.charCodeAt(0)));
    const cdp = await context.newCDPSession(page);
    const line = (offline: boolean) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    // The line drops while the photo's second part is on its way.
    let cut = false;
    await context.route('**/api/v1/evidence/uploads/*/parts/2', async (route) => {
      if (cut) return route.fallback();
      cut = true;
      await line(true);
      await route.abort('internetdisconnected');
    });

    await attach(page, 0, [pdf]);
    await page.waitForSelector('.evidence-row >> nth=0 >> .evidence-file .status.ok');
    await page.check('#evidence-keep-original');
    await attachSecond(photo);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.evidence-file')].some((li) => li.textContent!.includes('等待上传')),
    );
    expect(cut).toBe(true);
    await page.locator('#evidence-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `evidence-${label}-offline.png`), fullPage: false });

    // Offline, the report is confirmed: it waits in the queue.
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    const period = await page.inputValue('#period');
    const revisionBefore = await currentRevision(period);
    await page.click('#confirm-send');
    if (await page.isVisible('#period-confirm')) await page.click('#period-confirm-yes');
    await page.waitForSelector('#history .history-item.pending');
    // It says which file it waits for.
    await page.waitForFunction(
      (name) => document.body.textContent!.includes(`佐证材料“${name}”尚未上传`),
      path.basename(photo),
    );

    await line(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForSelector('#receipt .receipt', { timeout: 30_000 });
    expect(await page.textContent('#receipt .receipt')).toContain(
      `佐证材料2 个：“${path.basename(pdf)}”、“${path.basename(photo)}”`,
    );
    await expect.poll(() => sent.at(-1), { timeout: 60_000 }).toBe('POST /api/v1/evidence/uploads/:id/complete');
    // Delivered, the report's period is no longer the one owed: choose it again (as for a resubmission) to see its files.
    await page.click('#prepare-submit');
    await page.waitForSelector('#submit-panel:not([hidden])');
    await page.selectOption('#period', period);
    await page.waitForFunction(() => document.querySelectorAll('.evidence-file .status.ok').length === 2);
    await page.locator('#evidence-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `evidence-${label}-uploaded.png`), fullPage: false });

    // The photo resumed: its first part was sent once, only parts 2 and 3 followed.
    const parts = sent.filter((s) => s.startsWith('PUT '));
    expect(parts.filter((s) => s.endsWith('/parts/1'))).toHaveLength(1);
    expect(sent).toContain('GET /api/v1/evidence/uploads/:id');
    expect(parts.filter((s) => s.endsWith('/parts/3'))).toHaveLength(1);

    // Exactly once on the server, bytes as sent.
    const unitToken = server.tokens!.units[UNIT]!;
    const { body } = await api<{ files: EvidenceFile[] }>(`/evidence?plan=${encodeURIComponent(planId)}`, unitToken);
    const photoFile = body.files.filter((f) => f.name === path.basename(photo));
    const pdfFile = body.files.filter((f) => f.sha256 === sha256(readFileSync(pdf)));
    expect(photoFile).toHaveLength(1);
    expect(pdfFile).toHaveLength(1);
    expect(photoFile[0]).toMatchObject({
      size: PHOTO_BYTES,
      sha256: sha256(readFileSync(photo)),
      type: 'jpeg',
      measureId: MEASURES[1]!.id,
    });
    expect(pdfFile[0]).toMatchObject({ type: 'pdf', measureId: MEASURES[0]!.id });
    // One new revision of the report, however often the pane retried.
    expect(await currentRevision(period)).toBe(revisionBefore + 1);
    // The report names each row's file by the id its upload answered: waiting files went up before the report.
    const header = (await api<{ reports: ReportHeader[] }>(`/reports?period=${period}`, unitToken)).body.reports.find(
      (r) => r.unitId === UNIT,
    )!;
    const detail = (await api<ReportDetail>(`/reports/${header.reportId}`, unitToken)).body;
    const named = (measureId: string) => detail.rows.find((r) => r.measureId === measureId)?.evidenceIds;
    expect(named(MEASURES[0]!.id)).toEqual([pdfFile[0]!.id]);
    expect(named(MEASURES[1]!.id)).toEqual([photoFile[0]!.id]);
    expect(detail.evidence?.map((f) => f.name)).toEqual([pdfFile[0]!.name, photoFile[0]!.name]);

    // The supervisor opens both through the page's ?evidence= link (what a sheet's link points at).
    const sup = await openWebPage(browser, `${server.url}/`, { clock: () => NOW, width: 1280 });
    await connect(sup.page, server.tokens!.supervisor);
    for (const [file, type] of [
      [pdfFile[0]!, 'application/pdf'],
      [photoFile[0]!, 'image/jpeg'],
    ] as const) {
      const opened = sup.page.waitForResponse((r) => r.url().includes('/api/v1/evidence-file/'));
      await sup.page.goto(`${server.url}/?evidence=${file.id}`, { waitUntil: 'commit' }).catch(() => undefined);
      const res = await opened;
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe(type);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      // The bytes behind the link the supervisor's browser opened (Chromium's PDF viewer keeps the body to itself).
      const bytes = Buffer.from(await (await fetch(res.url(), { headers: { 'X-Rectify-Now': NOW } })).arrayBuffer());
      expect(sha256(bytes)).toBe(file.sha256);
      if (!sup.page.url().includes('/api/v1/evidence-file/'))
        await sup.page.goto(`${server.url}/`).catch(() => undefined);
    }
    await sup.context.close();
    await context.close();
  }

  it('in the page without Excel: attaches beside each row, resumes the photo after the line drops, sends the report naming both files once; the supervisor opens both', async () => {
    const flow = await inPage(360);
    await dropAndResume(flow, 'page', (photo) => attach(flow.page, 1, [photo]));
  }, 180_000);

  it('in the Excel pane: attaches to the row under the cursor, with the same drop, resume and exactly-once delivery', async () => {
    const flow = await inExcel();
    await flow.page.click('#evidence-rows');
    await flow.page.waitForSelector('.evidence-row');
    await dropAndResume(flow, 'excel', async (photo) => {
      await fake(flow.page, (f, row: number) => f.selectCell('整改清单', `B${row}`), FIRST_DATA_ROW + 1);
      const [chooser] = await Promise.all([
        flow.page.waitForEvent('filechooser'),
        flow.page.click('#evidence-current'),
      ]);
      expect(await flow.page.getAttribute('.evidence-row.current', 'data-row')).toBe(`${MEASURES[1]!.id}|`);
      await chooser.setFiles(photo);
    });
  }, 180_000);

  /** An iPhone photo: an ISO-BMFF `ftyp` box of brand heic, then `size` bytes in all. */
  function heicPhoto(name: string, size: number): { file: string; bytes: Buffer } {
    // Bytes of their own per name: the same bytes again would be stored once, under the first name.
    const bytes = Buffer.alloc(size, name);
    Buffer.from([0, 0, 0, 0x18]).copy(bytes, 0);
    bytes.write('ftypheic\0\0\0\0mif1heic', 4, 'latin1');
    const file = path.join(work, name);
    writeFileSync(file, bytes);
    return { file, bytes };
  }

  /** Attaches a 3 MB HEIC photo to the first row: the pane says it cannot shrink it and sends the bytes unchanged. */
  async function heicSentAsItIs(flow: Flow, label: string): Promise<void> {
    const { page, context } = flow;
    expect(await page.isChecked('#evidence-keep-original')).toBe(false);
    const heic = heicPhoto(`IMG_${label}.HEIC`, 3 * 1024 * 1024);
    await attach(page, 0, [heic.file]);
    const li = page.locator(`.evidence-file[data-name="${path.basename(heic.file)}"]`);
    await li.locator('.status.ok').waitFor({ timeout: 30_000 });
    expect(await page.textContent('#evidence-status')).toContain(
      `照片“${path.basename(heic.file)}”是 HEIC 格式，浏览器无法缩小，将按原图（3 MB）上传。`,
    );
    await page.locator('#evidence-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `evidence-heic-${label}.png`), fullPage: false });
    const { body } = await api<{ files: EvidenceFile[] }>(`/evidence?plan=${planId}`, server.tokens!.units[UNIT]!);
    expect(body.files.filter((f) => f.name === path.basename(heic.file))).toEqual([
      expect.objectContaining({ type: 'heic', size: heic.bytes.length, sha256: sha256(heic.bytes) }),
    ]);
    await context.close();
  }

  it('a HEIC photo attached in the page is sent as it is, and the page says the browser cannot shrink it', async () => {
    await heicSentAsItIs(await inPage(1280), 'heic-page');
  }, 120_000);

  it('a HEIC photo attached in the Excel pane is sent as it is, and the pane says the browser cannot shrink it', async () => {
    const flow = await inExcel();
    await flow.page.click('#evidence-rows');
    await flow.page.waitForSelector('.evidence-row');
    await heicSentAsItIs(flow, 'heic-excel');
  }, 120_000);

  it('keeps 列出各行 disabled until the 佐证材料 chunk has wired it, so an early click is never lost', async () => {
    const { page, context } = await openPane(browser, `${server.url}/`, { clock: () => NOW });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await context.route('**/chunks/evidence-panel-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await page.waitForSelector('#evidence-section');
    expect(await page.isDisabled('#evidence-rows')).toBe(true);
    release();
    await page.waitForSelector('#evidence-rows:not([disabled])');
    await context.close();
  }, 60_000);

  it('删除 in the page deletes an uploaded file on the server; a file a report names stays listed, with the reason', async () => {
    const { page, context } = await inPage(1280);
    const unitToken = server.tokens!.units[UNIT]!;
    const serverFiles = async () =>
      (await api<{ files: EvidenceFile[] }>(`/evidence?plan=${planId}`, unitToken)).body.files;
    const attachOne = async (name: string) => {
      const file = path.join(work, name);
      writeFileSync(file, `%PDF-1.4\n% ${name} ${Date.now()}\n%%EOF\n`);
      await attach(page, 0, [file]);
      const li = page.locator(`.evidence-file[data-name="${name}"]`);
      await li.locator('.status.ok').waitFor();
      return { li, file: (await serverFiles()).find((f) => f.name === name)! };
    };

    const gone = await attachOne('作废说明.pdf');
    await gone.li.locator('button.link-button').click();
    await gone.li.waitFor({ state: 'detached' });
    expect((await serverFiles()).some((f) => f.id === gone.file.id)).toBe(false);

    const named = await attachOne('已报送说明.pdf');
    const report = submissionOf(named.file.period);
    report.rows[0] = { ...report.rows[0]!, evidenceIds: [named.file.id] } as (typeof report.rows)[0];
    const posted = await api(`/reports`, unitToken, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(report),
    });
    expect(posted.status).toBe(201);
    await named.li.locator('button.link-button').click();
    await page.waitForSelector('#evidence-status.error');
    expect(await page.textContent('#evidence-status')).toContain('文件“已报送说明.pdf”已被报送引用，不能删除');
    expect(await named.li.count()).toBe(1);
    expect((await serverFiles()).some((f) => f.id === named.file.id)).toBe(true);
    await context.close();
  }, 120_000);
});

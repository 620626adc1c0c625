// Benchmark: the page without Excel (issue 9). (1) The JavaScript a browser downloads for the web path — the pane
// plus the lazy chunks an .xlsx upload loads (goal ≤ 350 KB gzipped), with the .xls/.ods reader shown apart (it is
// downloaded only for those files). (2) In real Chromium against the real local Worker: the time from choosing a
// 1,000-row .xlsx to its issue list being shown (read + validate, the library chunk already cached), goal < 1 s.
// Run: node --import tsx bench/web-path.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import { buildAddin } from '../scripts/build-addin.ts';
import { bigChecklist } from '../test/e2e/sheet-builders.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { openWebPage } from '../test/e2e/web-browser.ts';
import { fmtBytes, isMain, printTable, type BenchRow } from './lib/result.ts';
import { startLocalWorker } from './lib/local-worker.ts';

export const WEB_GOAL_BYTES = 350 * 1024;
export const READ_GOAL_MS = 1000;
const DIST = path.resolve(import.meta.dirname, '..', 'dist', 'addin');
const UNIT = 'v-minliang';

function gz(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

export async function sizes(): Promise<BenchRow[]> {
  await buildAddin({ dev: false });
  const chunks = readdirSync(path.join(DIST, 'chunks')).map((f) => path.join(DIST, 'chunks', f));
  const named = (prefix: string) => chunks.filter((f) => path.basename(f).startsWith(prefix));
  const [sheetjs, exceljs] = [named('sheetjs-lib-'), named('exceljs-lib-')];
  const common = [
    path.join(DIST, 'taskpane.js'),
    ...chunks.filter((f) => !sheetjs.includes(f) && !exceljs.includes(f)),
  ].reduce((n, f) => n + gz(f), 0);
  const [xlsxLib, xlsLib] = [exceljs, sheetjs].map((fs) => fs.reduce((n, f) => n + gz(f), 0)) as [number, number];
  const row = (name: string, bytes: number, what: string): BenchRow => ({
    name,
    goal: `≤ ${fmtBytes(WEB_GOAL_BYTES)}`,
    measured: `${fmtBytes(bytes)} (${what})`,
    ratio: `${((bytes / WEB_GOAL_BYTES) * 100).toFixed(0)}% of goal`,
    pass: bytes <= WEB_GOAL_BYTES,
  });
  // .xlsx reading and every download (template, 标注版, 汇总) use exceljs; .xls/.ods reading uses SheetJS alone.
  return [
    row(
      'web path JS: template + .xlsx/.csv upload (gzip -9)',
      common + xlsxLib,
      `pane ${fmtBytes(common)} + exceljs ${fmtBytes(xlsxLib)}`,
    ),
    row('web path JS: .xls/.ods upload (gzip -9)', common + xlsLib, `pane + SheetJS ${fmtBytes(xlsLib)}`),
    row(
      'web path JS: everything (gzip -9)',
      common + xlsxLib + xlsLib,
      'template or 标注版 downloaded AND an .xls/.ods uploaded',
    ),
  ];
}

export async function readTime(rows = 1000): Promise<BenchRow> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-web-'));
  const worker = await startLocalWorker({ clockOverride: true });
  const { browser, close } = await launchChromium();
  try {
    const wb = new ExcelJSLib.Workbook();
    const ws = wb.addWorksheet('整改清单');
    bigChecklist(UNIT, rows).forEach((r, i) =>
      r.forEach((v, j) => v !== '' && (ws.getCell(i + 1, j + 1).value = v as string | number)),
    );
    const file = path.join(dir, `清单-${rows}.xlsx`);
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const { page } = await openWebPage(browser, `${worker.url}/`, {
      clock: () => '2026-11-10T10:00:00+08:00',
      width: 1280,
    });
    await page.fill('#token', worker.tokens.units[UNIT]!);
    await page.click('#save-settings');
    await page.waitForSelector('#me-status.ok');
    const times: number[] = [];
    for (let run = 0; run < 4; run++) {
      const t0 = performance.now();
      await page.setInputFiles('#upload', file);
      await page.waitForFunction(() => document.querySelector('#file-status')?.className.includes('ok'));
      await page.click('#validate');
      await page.waitForFunction(() => document.querySelectorAll('#issues button.issue').length > 0);
      times.push(performance.now() - t0);
      await page.evaluate(() => {
        document.querySelector('#issues')!.replaceChildren();
        document.querySelector('#file-status')!.className = 'status';
      });
    }
    // The first run also downloads and compiles the exceljs chunk; the median of the rest is the steady figure.
    const steady = times.slice(1).sort((a, b) => a - b)[1]!;
    return {
      name: `read + validate a ${rows.toLocaleString('en')}-row .xlsx in Chromium`,
      goal: `< ${READ_GOAL_MS} ms`,
      measured: `${steady.toFixed(0)} ms median (first, with the chunk download: ${times[0]!.toFixed(0)} ms)`,
      ratio: `${(steady / READ_GOAL_MS).toFixed(2)}×`,
      pass: steady < READ_GOAL_MS,
    };
  } finally {
    await close();
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  return [...(await sizes()), await readTime()];
}

if (isMain(import.meta.url)) printTable(await run());

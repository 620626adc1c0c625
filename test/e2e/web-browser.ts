// A plain browser on the page (no Excel host): office.js served from node_modules as the CDN would, nothing else
// reachable but 127.0.0.1, and the Worker's clock moved through X-Rectify-Now.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { failOffice, type CdnFailure } from './browser.ts';

const OFFICE_DIST = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '@microsoft', 'office-js', 'dist');
const OFFICE_PREFIX = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

export async function openWebPage(
  browser: Browser,
  url: string,
  o: { clock: () => string; width: number; cdn?: CdnFailure; phone?: boolean },
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: o.width, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    // A phone: touch only, no hover (the media features the page reads).
    ...(o.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await context.route(
    (u) => u.hostname !== '127.0.0.1',
    async (route) => {
      const href = route.request().url();
      if (href.startsWith(OFFICE_PREFIX) && o.cdn) return failOffice(route, o.cdn);
      const rel = href.startsWith(OFFICE_PREFIX)
        ? decodeURIComponent(new URL(href).pathname.slice('/lib/1/hosted/'.length))
        : '';
      const file = path.join(OFFICE_DIST, rel);
      if (rel && !rel.includes('..') && existsSync(file))
        return route.fulfill({ body: readFileSync(file), contentType: 'application/javascript; charset=utf-8' });
      return route.abort('blockedbyclient');
    },
  );
  await context.route('**/api/v1/**', (route) =>
    route.continue({ headers: { ...route.request().headers(), 'x-rectify-now': o.clock() } }),
  );
  // The load event waits for async scripts: with the CDN hanging it never comes.
  await page.goto(url, { waitUntil: o.cdn ? 'domcontentloaded' : 'load' });
  await page.waitForFunction(() => !document.body.classList.contains('office-pending'));
  return { context, page, pageErrors };
}

/** An .xlsx the page wrote, read back with the library. */
export async function loadXlsx(file: string) {
  const wb = new ExcelJSLib.Workbook();
  await wb.xlsx.load(readFileSync(file).buffer as ArrayBuffer);
  return wb;
}

/** Clicks `click` and saves the download it starts into `dir`; returns the file's path. */
export async function download(page: Page, click: string, dir: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(click)]);
  const file = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

// A blank page on an http://127.0.0.1 origin (answered by the test itself: no server) running one bundled module,
// for browser-only parts of the pane (IndexedDB, canvas) that need no Worker. The module puts what it offers on
// `window` (see evidence-in-browser.ts).
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const MODULE_PAGE_URL = 'http://127.0.0.1:9/';

export async function openModulePage(
  browser: Browser,
  entry: string,
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const out = await build({
    entryPoints: [path.resolve(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
  const script = out.outputFiles[0]!.text;
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === MODULE_PAGE_URL)
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><meta charset="utf-8"><body></body>',
      });
    if (url === `${MODULE_PAGE_URL}module.js`)
      return route.fulfill({ contentType: 'application/javascript; charset=utf-8', body: script });
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await context.addInitScript({
    content: `document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('script'); s.src = '${MODULE_PAGE_URL}module.js'; document.head.append(s); });`,
  });
  await page.goto(MODULE_PAGE_URL);
  await page.waitForFunction(() => 'evidenceTest' in window);
  return { context, page, pageErrors };
}

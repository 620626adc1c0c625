// Browser side of the e2e tests: Debian Chromium through playwright-core (never a downloaded browser), no network
// but 127.0.0.1, office.js served from node_modules, the test-only Excel host installed before any page script,
// and the Worker's clock moved through its X-Rectify-Now header (honoured only with ALLOW_CLOCK_OVERRIDE=1).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import type { FakeExcelApi, FakeHostOptions } from './fake-excel-host.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OFFICE_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const OFFICE_PREFIX = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

/** Flags from ../shared/TOOLCHAIN.md; the resolver rule keeps Chromium's own lookups off the internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'rectify-chromium-'));
  // launch() runs headless with a fresh profile per context; --user-data-dir is not accepted by launch().
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: profile },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let hostScript: string | undefined;
/** The fake Excel host as one IIFE script for addInitScript. */
export async function fakeHostScript(): Promise<string> {
  if (hostScript) return hostScript;
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'fake-excel-host.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
  hostScript = out.outputFiles[0]!.text;
  return hostScript;
}

export interface PaneOptions {
  /** The instant the Worker should take as "now" for this pane's API calls (read on every request). */
  clock: () => string | undefined;
  /** Lets a test intercept POST /reports (e.g. drop a response after the Worker stored the report). */
  onPostReport?: (route: Route) => Promise<boolean>;
  /** Serve office.js this many ms late, as a slow CDN on a cold start would. */
  officeDelayMs?: number;
  /** Options for the fake Excel host: Office's partition key, workbook settings, platform, a late or absent onReady. */
  host?: FakeHostOptions;
  /** localStorage entries present before the pane loads (set once per context, not again on a reload). */
  seed?: Record<string, string>;
  /** The CDN refusing office.js at once, never answering, or failing after 2 s (an intranet without Microsoft's CDN). */
  cdn?: CdnFailure;
}

export interface Pane {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Console messages with level error (failed requests while the Worker is down land here too). */
  consoleErrors: string[];
  /** URLs the page tried to reach outside 127.0.0.1 (all blocked). */
  blocked: string[];
}

export async function openPane(browser: Browser, url: string, o: PaneOptions): Promise<Pane> {
  const context = await browser.newContext({
    viewport: { width: 380, height: 900 },
    locale: 'zh-CN',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const blocked: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await context.addInitScript({ content: `window.__fakeExcelOptions = ${JSON.stringify(o.host ?? {})};` });
  await context.addInitScript({ content: await fakeHostScript() });
  if (o.seed) {
    await context.addInitScript((entries) => {
      try {
        if (location.protocol !== 'http:' || sessionStorage.getItem('rectify-test-seeded')) return;
        sessionStorage.setItem('rectify-test-seeded', '1');
        for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
      } catch {
        // A frame without storage (about:blank): nothing to seed there.
      }
    }, o.seed);
  }

  await context.route(
    (u) => u.hostname !== '127.0.0.1',
    async (route) => {
      const href = route.request().url();
      if (href.startsWith(OFFICE_PREFIX) && o.cdn) return failOffice(route, o.cdn);
      if (href.startsWith(OFFICE_PREFIX)) {
        const rel = decodeURIComponent(new URL(href).pathname.slice('/lib/1/hosted/'.length));
        const file = path.join(OFFICE_DIST, rel);
        if (!rel.includes('..') && existsSync(file)) {
          if (o.officeDelayMs && rel === 'office.js') await new Promise((r) => setTimeout(r, o.officeDelayMs));
          return route.fulfill({ body: readFileSync(file), contentType: 'application/javascript; charset=utf-8' });
        }
      }
      blocked.push(href);
      return route.abort('blockedbyclient');
    },
  );
  await context.route('**/api/v1/**', async (route) => {
    const now = o.clock();
    const req = route.request();
    if (
      req.method() === 'POST' &&
      new URL(req.url()).pathname === '/api/v1/reports' &&
      o.onPostReport &&
      (await o.onPostReport(route))
    )
      return;
    try {
      await route.continue({ headers: { ...req.headers(), ...(now ? { 'x-rectify-now': now } : {}) } });
    } catch {
      // The page went away mid-request; nothing to continue.
    }
  });
  // The load event waits for async scripts, office.js included: a slow start is observed from DOMContentLoaded.
  await page.goto(url, { waitUntil: o.officeDelayMs || o.cdn ? 'domcontentloaded' : 'load' });
  if (!o.officeDelayMs && !o.cdn) await page.waitForFunction(() => !document.body.classList.contains('office-pending'));
  return { context, page, pageErrors, consoleErrors, blocked };
}

export type CdnFailure = 'abort' | 'hang' | 'fail-after-2s';

/** Answers an office.js request as a CDN that is blocked would: refused at once, never, or after 2 s. */
export async function failOffice(route: Route, how: CdnFailure): Promise<void> {
  if (how === 'hang') return new Promise(() => undefined);
  if (how === 'fail-after-2s') await new Promise((r) => setTimeout(r, 2_000));
  await route.abort('connectionrefused').catch(() => undefined);
}

/** Headers the Worker's clock injection expects, for requests the test itself makes. */
export function clockHeaders(now: string, token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'X-Rectify-Now': now };
}

/** A free port on 127.0.0.1 for a test's own `wrangler dev`. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs `fn` against the page's test Excel host (window.__fakeExcel) with a serialisable argument. */
export const fake = <T>(page: Page, fn: (f: FakeExcelApi, arg: never) => T, arg?: unknown): Promise<T> =>
  page.evaluate(
    ([src, a]) =>
      new Function('f', 'a', `return (${src})(f, a)`)(
        (window as unknown as { __fakeExcel: FakeExcelApi }).__fakeExcel,
        a,
      ),
    [fn.toString(), arg] as const,
  ) as Promise<T>;

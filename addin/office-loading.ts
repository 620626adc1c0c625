// Loading office.js without ever blocking the page. The <script> tag in taskpane.html is `async`, so the HTML shows at
// once however slow (or blocked) Microsoft's CDN is; its address is set at build time (OFFICE_JS_URL in
// scripts/build-addin.ts) because 21Vianet tenants in China are served from another CDN.
//
// Whether the page runs inside Office at all is decided at once, from the marks an Office host leaves before any
// script runs (officeHostSignal) — never by waiting for office.js: on an intranet that refuses Microsoft's CDN the
// page in a plain browser must work exactly as well. Inside Office the pane waits for Office.onReady, but only up to
// OFFICE_WAIT_MS: when office.js or its follow-on files are blocked, onReady never resolves (documented), so the pane
// then offers the browser address and keeps its queue working, and still switches to Excel if Office arrives later.

export type OfficeOutcome = 'ready' | 'failed';

/** How long the pane inside Office waits for office.js before offering the browser page (Office may still come). */
export const OFFICE_WAIT_MS = 10_000;

/** The slice of `window` the host check reads (a plain object in unit tests). */
export interface HostWindow {
  location: { search: string };
  name: string;
  parent: unknown;
  external?: unknown;
  webkit?: { messageHandlers?: Record<string, unknown> };
  agaveHost?: unknown;
  sessionStorage?: { getItem(key: string): string | null };
}

const hasFunction = (o: unknown, name: string) => !!o && typeof (o as Record<string, unknown>)[name] === 'function';

function sessionHostInfo(win: HostWindow): string | null {
  try {
    return win.sessionStorage?.getItem('hostInfoValue') ?? null;
  } catch {
    return null;
  }
}

function windowNameHostInfo(name: string): boolean {
  try {
    const parsed = JSON.parse(name) as Record<string, unknown> | null;
    return !!parsed && (!!parsed.hostInfo || !!parsed.xdmInfo);
  } catch {
    return false;
  }
}

/**
 * True when an Office host opened this page, read from the marks office.js itself reads to find its host
 * (_retrieveHostInfo and the plain-browser check in office.debug.js of @microsoft/office-js 1.1.110): the
 * `_host_Info` (or `_xdm_Info`) query parameter or `hostInfo` in window.name (Office on the web, Windows WebView2),
 * office.js's saved `hostInfoValue` in sessionStorage (a reload inside the same pane), `window.external.GetHostInfo`
 * or `GetContext` (Windows' older webviews), `agaveHost`, and the WKWebView message handler `Agave` (Mac, iPad). A
 * page inside a frame counts too (Office on the web frames the pane). A plain browser tab has none of these.
 */
export function officeHostSignal(win: HostWindow = window as unknown as HostWindow): boolean {
  if (/[?&](_host_Info|_xdm_Info)=/.test(win.location.search)) return true;
  if (windowNameHostInfo(win.name)) return true;
  if (sessionHostInfo(win)) return true;
  if (hasFunction(win.external, 'GetHostInfo') || hasFunction(win.external, 'GetContext')) return true;
  if (win.agaveHost !== undefined) return true;
  if (win.webkit?.messageHandlers?.Agave) return true;
  return win.parent !== win;
}

/** Resolves once the office.js <script> has run ('ready') or failed to load ('failed'). */
function officeScript(doc: Document): Promise<OfficeOutcome> {
  if (typeof Office !== 'undefined') return Promise.resolve('ready');
  const tag = doc.getElementById('office-js') as HTMLScriptElement | null;
  if (!tag) return Promise.resolve('failed');
  return new Promise((resolve) => {
    tag.addEventListener('load', () => resolve(typeof Office !== 'undefined' ? 'ready' : 'failed'), { once: true });
    // A failure before this listener existed is never heard: the caller's time limit covers that case.
    tag.addEventListener('error', () => resolve('failed'), { once: true });
    if (typeof Office !== 'undefined') resolve('ready');
  });
}

/** office.js loaded and Office.onReady resolved ('ready'), or the script failed ('failed'); may never settle. */
export async function officeArrival(doc: Document = document): Promise<OfficeOutcome> {
  if ((await officeScript(doc)) === 'failed') return 'failed';
  if (typeof Office.onReady !== 'function') return 'failed';
  await Office.onReady();
  return 'ready';
}

/** The arrival, or 'waiting' once `ms` have passed without it (the arrival may still come later). */
export function withinTime(arrival: Promise<OfficeOutcome>, ms = OFFICE_WAIT_MS): Promise<OfficeOutcome | 'waiting'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), ms);
  });
  return Promise.race([arrival, limit]).finally(() => clearTimeout(timer));
}

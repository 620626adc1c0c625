// Loading office.js without ever leaving a blank pane. The <script> tag in taskpane.html is `async`, so the pane's
// HTML shows at once however slow (or blocked) Microsoft's CDN is; its address is set at build time (OFFICE_JS_URL
// in scripts/build-addin.ts) because 21Vianet tenants in China are served from another CDN. Then the pane waits for
// Office.onReady for as long as it takes — no timeout: on a slow cold start `Excel` appears only when office.js has
// finished, and deciding earlier would wrongly disable every Excel button for the session (or claim Excel is too old).

export type OfficeOutcome = 'ready' | 'failed';

/** Resolves once the office.js <script> has run ('ready') or failed to load ('failed'). */
function officeScript(doc: Document): Promise<OfficeOutcome> {
  if (typeof Office !== 'undefined') return Promise.resolve('ready');
  const tag = doc.getElementById('office-js') as HTMLScriptElement | null;
  if (!tag) return Promise.resolve('failed');
  return new Promise((resolve) => {
    tag.addEventListener('load', () => resolve(typeof Office !== 'undefined' ? 'ready' : 'failed'), { once: true });
    tag.addEventListener('error', () => resolve('failed'), { once: true });
    // The script may have finished between the check above and adding the listeners.
    if (typeof Office !== 'undefined') resolve('ready');
  });
}

/**
 * Waits for office.js and Office.onReady. `onSlow` fires once if that takes longer than `slowAfterMs`, so the pane
 * can say it is still waiting. Outside Office, onReady resolves quickly with no host and Excel stays undefined.
 */
export async function waitForOffice(opts: { doc?: Document; slowAfterMs?: number; onSlow?: () => void } = {}): Promise<OfficeOutcome> {
  const timer = setTimeout(() => opts.onSlow?.(), opts.slowAfterMs ?? 10_000);
  try {
    if ((await officeScript(opts.doc ?? document)) === 'failed') return 'failed';
    if (typeof Office.onReady !== 'function') return 'failed';
    await Office.onReady();
    return 'ready';
  } finally {
    clearTimeout(timer);
  }
}

// Opening pages and files in the system browser, and knowing when the pane must. Inside Office: Office's
// openBrowserWindow (OpenBrowserWindowApi 1.1); else a new tab. The webview of Excel for Mac and iPad (WKWebView)
// ignores both a download started in the pane and window.print() (office-js issue 2700, closed by design), so there
// every file and printout goes through a short-lived link opened in the browser (panels/deliver-file.ts).
// Outside Office the tab must be opened while the click is still a user gesture (a popup opened after a slow
// request is blocked), so `prepare` runs synchronously at the click and the address follows when it is known.
export interface BrowserWindowSlot {
  open(url: string): void;
  /** The request failed: close the empty tab again. */
  cancel(): void;
}

type OpenBrowserWindow = (url: string) => void;

function officeOpener(): OpenBrowserWindow | undefined {
  const ui =
    typeof Office !== 'undefined'
      ? (Office.context?.ui as { openBrowserWindow?: OpenBrowserWindow } | undefined)
      : undefined;
  return ui?.openBrowserWindow ? (url) => ui.openBrowserWindow!(url) : undefined;
}

export function prepareBrowserWindow(): BrowserWindowSlot {
  const office = officeOpener();
  if (office) return { open: office, cancel: () => undefined };
  const tab = window.open('', '_blank');
  // The printed page must not reach back into the pane.
  if (tab) tab.opener = null;
  return {
    open: (url) => {
      if (tab && !tab.closed) tab.location.href = url;
      else window.open(url, '_blank', 'noopener');
    },
    cancel: () => tab?.close(),
  };
}

/**
 * Opens the page whose link `link` asks the server for: the tab (or Office's window) is taken at once, so call it from
 * the click. Rejects as `link` does, the empty tab closed again.
 */
export async function openLinkInBrowser(link: () => Promise<{ url: string }>): Promise<void> {
  const tab = prepareBrowserWindow();
  try {
    tab.open((await link()).url);
  } catch (err) {
    tab.cancel();
    throw err;
  }
}

/** False in the webview of Excel for Mac or iPad (known from Office, or from WKWebView's Office handler before it). */
export function paneCanSaveAndPrint(): boolean {
  try {
    const platform = typeof Office !== 'undefined' ? String(Office.context?.diagnostics?.platform ?? '') : '';
    if (platform === 'Mac' || platform === 'iOS') return false;
  } catch {
    // Office not initialised: decide from the webview below.
  }
  const webkit = (window as unknown as { webkit?: { messageHandlers?: Record<string, unknown> } }).webkit;
  return !webkit?.messageHandlers?.Agave;
}

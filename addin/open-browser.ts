// Opens a page in the system browser: Office's openBrowserWindow inside Office (OpenBrowserWindowApi 1.1; a task
// pane's own window.print() does nothing on Excel for Mac and is unreliable on the web), else a new tab.
// Outside Office the tab must be opened while the click is still a user gesture (a popup opened after a slow
// request is blocked), so `prepare` runs synchronously at the click and the address follows when it is known.
export interface BrowserWindowSlot {
  open(url: string): void;
  /** The request failed: close the empty tab again. */
  cancel(): void;
}

export function prepareBrowserWindow(): BrowserWindowSlot {
  const ui = typeof Office !== 'undefined' ? (Office.context?.ui as { openBrowserWindow?: (u: string) => void } | undefined) : undefined;
  if (ui?.openBrowserWindow) return { open: (url) => ui.openBrowserWindow!(url), cancel: () => undefined };
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

// Opens a page in the system browser: Office's openBrowserWindow inside Office (OpenBrowserWindowApi 1.1; a task
// pane's own window.print() does nothing on Excel for Mac and is unreliable on the web), else a new tab.
export function openInBrowser(url: string): void {
  const ui = typeof Office !== 'undefined' ? (Office.context?.ui as { openBrowserWindow?: (u: string) => void } | undefined) : undefined;
  if (ui?.openBrowserWindow) ui.openBrowserWindow(url);
  else window.open(url, '_blank', 'noopener');
}

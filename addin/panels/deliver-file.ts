// The one way a file leaves the pane: a download where the webview can save one, else a 10-minute link opened in the
// system browser (Excel for Mac and iPad; see open-browser.ts). Answers the status line that says which happened —
// "已下载" only after a download, "已在浏览器中打开" only when the browser was asked to open the link.
import { downloadTypeOf } from '../../core/downloads/download-link.ts';
import { paneCanSaveAndPrint, prepareBrowserWindow } from '../open-browser.ts';
import { saveFile } from '../ui/save-file.ts';
import type { PaneContext } from './pane-context.ts';

export async function deliverFile(ctx: PaneContext, name: string, data: Blob | Uint8Array): Promise<string> {
  const type = downloadTypeOf(name);
  if (paneCanSaveAndPrint()) {
    saveFile(name, data, type);
    return ctx.t('downloaded', { file: name });
  }
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type });
  const { url } = await ctx.client().downloadLink(name, blob);
  prepareBrowserWindow().open(url);
  return ctx.t('openedInBrowser', { file: name });
}

// 打印督办单, the same on both sides of 销号 (the unit's 督办与销号 and the office's 销号核查): the A4 督办单 through a
// 10-minute link opened in the system browser (Office) or a new tab, the outcome in the notice card's status line.
import type { Notice } from '../../core/closure/index.ts';
import { closureClientFor } from '../api/closure-client.ts';
import { openLinkInBrowser } from '../open-browser.ts';
import { noticePrintOpened } from '../ui/notice-view.ts';
import { showStatus, type PaneContext } from './pane-context.ts';

export function printNotice(ctx: PaneContext, notice: Notice, line: HTMLElement): void {
  openLinkInBrowser(() => closureClientFor(ctx.storage).noticePrintLink(notice.id)).then(
    () => showStatus(line, noticePrintOpened(notice, ctx.locale), 'ok'),
    (err: unknown) => showStatus(line, ctx.errorText(err), 'error'),
  );
}

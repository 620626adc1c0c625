// 提交记录 and the offline queue's background work: the list of receipts and waiting submissions (重试, 删除), and
// the next automatic retry. What a send answered is handed to `onSent` (the 提交 step shows it).
import type { SendOutcome } from '../queue/submission-queue.ts';
import { renderHistory } from '../ui/history-view.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface HistoryPanel {
  render(): void;
  /** After any send or flush: redraw 提交记录, hand each outcome on, schedule the next retry. */
  afterSend(outcomes: SendOutcome[]): void;
  /** Sends what waits for the connected unit (all of it with force, e.g. after connecting). */
  flush(force?: boolean): Promise<void>;
}

export function createHistoryPanel(ctx: PaneContext, onSent: (o: SendOutcome) => void): HistoryPanel {
  const { queue } = ctx;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function render(): void {
    $('history').replaceChildren(
      renderHistory(
        queue.list(),
        queue.receipts.list(),
        ctx.t,
        ctx.locale,
        {
          retry: (key) => void queue.retry(key, ctx.connectedUnitId()).then((o) => afterSend(o ? [o] : [])),
          discard: (key) => {
            queue.discard(key);
            render();
          },
        },
        ctx.session ? (ctx.session.me.unit?.id ?? null) : undefined,
      ),
    );
  }

  function scheduleRetry(): void {
    if (retryTimer) clearTimeout(retryTimer);
    const due = queue.nextDueIn(ctx.connectedUnitId());
    if (due === undefined) return;
    retryTimer = setTimeout(() => void flush(false), due);
  }

  function afterSend(outcomes: SendOutcome[]): void {
    for (const o of outcomes) onSent(o);
    render();
    scheduleRetry();
  }

  async function flush(force = false): Promise<void> {
    afterSend(await queue.flush({ force, unitId: ctx.connectedUnitId() }));
  }

  return { render, afterSend, flush };
}

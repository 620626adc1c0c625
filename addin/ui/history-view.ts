// 提交记录: queued (pending / failed) submissions on top, then delivered receipts.
import { chineseDateTime } from '../../core/text/chinese-date.ts';
import { formatCst } from '../../core/calendar/half-month.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import type { Locale, Translate } from '../i18n.ts';
import type { ReceiptEntry } from '../queue/receipt-log.ts';
import { SubmissionQueue, type QueueItem } from '../queue/submission-queue.ts';
import { h } from './dom.ts';
import { receiptNumber } from './receipt-view.ts';

export interface HistoryHandlers {
  retry(key: string): void;
  discard(key: string): void;
}

/** "2023年9月上半月 · 5 行" for a queued item. */
export function queuedItemSummary(item: Pick<QueueItem, 'submission'>, t: Translate, locale: Locale): string {
  const n = item.submission.rows.length;
  return `${periodLabel(item.submission.period, { locale })} · ${t(n === 1 ? 'rowCountOne' : 'rowCount', { n })}`;
}

/**
 * Why a queued item is not sent from this pane, or undefined when it is the connected unit's own. `current` is the
 * connected unit's id, null when connected without a unit (supervisor), undefined before /me has answered.
 */
export function queuedItemNote(
  item: Pick<QueueItem, 'unitId' | 'unitName'>,
  current: string | null | undefined,
  t: Translate,
): string | undefined {
  if (!item.unitId) return t('unknownUnitItem');
  if (current === undefined) return t('waitConnectItem');
  if (SubmissionQueue.sendableAs(item, current ?? undefined)) return undefined;
  return t('otherUnitItem', { unit: item.unitName ?? item.unitId });
}

export function renderHistory(
  queue: readonly QueueItem[],
  receipts: readonly ReceiptEntry[],
  t: Translate,
  locale: Locale,
  on: HistoryHandlers,
  current: string | null | undefined,
): HTMLElement {
  if (!queue.length && !receipts.length) return h('p', { class: 'muted' }, t('noHistory'));
  const list = h('ul', { class: 'history' });
  for (const item of queue) {
    const failed = item.state === 'failed';
    const note = queuedItemNote(item, current, t);
    list.append(
      h(
        'li',
        { class: `history-item ${item.state}` },
        h('span', { class: `pill ${failed ? 'late' : 'not_due'}` }, t(failed ? 'failedItem' : 'pending')),
        h('span', {}, ` ${queuedItemSummary(item, t, locale)}`),
        note ? h('div', { class: 'small other-unit' }, note) : null,
        item.lastError
          ? h('div', { class: 'muted small' }, locale === 'en-US' ? item.lastError.messageEn : item.lastError.message)
          : null,
        h(
          'div',
          { class: 'actions' },
          // Another unit's item is never sent under this token, not even on request: no 重试 for it.
          note ? null : h('button', { type: 'button', class: 'link', onclick: () => on.retry(item.key) }, t('retry')),
          h('button', { type: 'button', class: 'link', onclick: () => on.discard(item.key) }, t('discard')),
        ),
      ),
    );
  }
  for (const e of receipts) {
    list.append(
      h(
        'li',
        { class: 'history-item delivered' },
        h('span', { class: `pill ${e.receipt.timeliness}` }, t(e.receipt.timeliness)),
        h('span', {}, ` ${periodLabel(e.receipt.period, { locale })} · ${t('revision')} ${e.receipt.revision}`),
        h(
          'div',
          { class: 'muted small', 'data-report-id': e.receipt.reportId },
          `${receiptNumber(e)} · ${locale === 'zh-CN' ? chineseDateTime(e.receipt.receivedAt) : formatCst(e.receipt.receivedAt)} · ${e.signer}`,
        ),
      ),
    );
  }
  return list;
}

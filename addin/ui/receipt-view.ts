// The receipt shown after a successful submission and in 提交记录.
import { chineseDateTime } from '../../core/text/chinese-date.ts';
import { formatCst } from '../../core/calendar/half-month.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import type { Locale, Translate } from '../i18n.ts';
import type { ReceiptEntry } from '../queue/receipt-log.ts';
import { h } from './dom.ts';

/** The 报送编号 of a delivered report, as on its 报送单. */
export function receiptNumber(entry: Pick<ReceiptEntry, 'receipt' | 'unitName'>): string {
  return reportNumber(entry.receipt.period, entry.unitName ?? entry.receipt.unitId, entry.receipt.revision);
}

export function renderReceipt(entry: ReceiptEntry, t: Translate, locale: Locale): HTMLElement {
  const r = entry.receipt;
  const row = (label: string, value: Node | string) => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'div',
    { class: 'receipt', 'data-report-id': r.reportId },
    // A replay answering our own retry (a lost reply) is an ordinary receipt: the user clicked once.
    h('div', { class: 'receipt-title' }, t('receiptTitle')),
    h(
      'dl',
      {},
      // The short 报送编号 the 报送单 prints (2612A-丁来-01), read out over the phone; the UUID stays an attribute.
      row(t('reportId'), receiptNumber(entry)),
      row(t('unit'), entry.unitName ?? r.unitId),
      row(t('period'), periodLabel(r.period, { locale })),
      row(t('revision'), String(r.revision)),
      // One way of writing a time in Chinese everywhere: 2023年11月30日 10:05.
      row(
        t('receivedAt'),
        locale === 'zh-CN'
          ? `${chineseDateTime(r.receivedAt)}（北京时间）`
          : `${formatCst(r.receivedAt)} (Beijing time)`,
      ),
      row(t('timeliness'), h('span', { class: `pill ${r.timeliness}` }, t(r.timeliness))),
      row(t('signer'), entry.signer),
      entry.preparer ? row(t('preparer'), entry.preparer) : [],
      entry.preparerPhone ? row(t('preparerPhone'), entry.preparerPhone) : [],
      row(t('rows'), String(entry.rowCount)),
      // 佐证材料 the Worker filed with the report, each once.
      r.evidence?.length
        ? row(
            t('evidence'),
            t('receiptEvidence', {
              count: r.evidence.length,
              names: r.evidence.map((f) => `“${f.name}”`).join(locale === 'en-US' ? ', ' : '、'),
            }),
          )
        : [],
    ),
  );
}

// 打印报送单: the A4 paper copy the plan requires (signed by the head of unit and sealed). Rendered into a
// print-only section of the pane; CSS @media print hides everything else.
import { STATUS_LABELS, calendarFor, measureById, type Plan, type SubmissionRow } from '../../core/index.ts';
import type { Locale, Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface PrintData {
  plan: Plan;
  unitName: string;
  period: string;
  signer: string;
  rows: readonly SubmissionRow[];
  /** Printed date, CST `YYYY-MM-DD`. */
  date: string;
}

export function renderPrintSheet(data: PrintData, t: Translate, locale: Locale): HTMLElement {
  const headers = ['序号', '措施编号', '整改措施', '完成情况', '整改进展', '完成率(%)', '佐证材料'];
  const body = data.rows.map((r, i) =>
    h(
      'tr',
      {},
      h('td', {}, String(i + 1)),
      h('td', {}, r.measureId),
      h('td', {}, measureById(data.plan, r.measureId)?.title ?? ''),
      h('td', {}, STATUS_LABELS[r.status].zh),
      h('td', { class: 'wide' }, r.progress),
      h('td', {}, r.rate === undefined ? '' : String(r.rate)),
      h('td', {}, r.evidence ?? ''),
    ),
  );
  const [y, m, d] = data.date.split('-');
  return h(
    'article',
    { class: 'print-sheet' },
    h('h1', {}, `${t('printTitle')}`),
    h(
      'p',
      { class: 'print-meta' },
      h('span', {}, `${t('unit')}：${data.unitName}`),
      h('span', {}, `${t('period')}：${calendarFor(data.plan.schedule).label(data.period, locale)}`),
    ),
    h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, body)),
    h(
      'footer',
      { class: 'print-sign' },
      h('div', {}, `${t('signature')}`, h('span', { class: 'sign-line' }, ''), h('span', { class: 'muted' }, `（${data.signer}）`)),
      h('div', { class: 'seal-box' }, t('seal')),
      h('div', {}, `${t('date')}${y}年${Number(m)}月${Number(d)}日`),
    ),
  );
}

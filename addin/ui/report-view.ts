// In-pane views for 退回: the confirmation naming unit, period, revision and reason, and one unit's current
// submission (rows with status and progress) with a button to write it to a sheet.
import { STATUS_LABELS, periodLabel, type ReportDetail, type ReportHeader } from '../../core/index.ts';
import type { Translate } from '../i18n.ts';
import { h } from './dom.ts';

export function renderReturnConfirm(report: ReportHeader, reason: string, t: Translate, onYes: () => void, onNo: () => void): HTMLElement {
  const text = t('returnConfirmText', { unit: report.unitName, period: periodLabel(report.period), revision: report.revision, reason });
  return h(
    'div',
    { class: 'confirm', id: 'return-confirm', role: 'alertdialog' },
    h('p', {}, text),
    h('button', { type: 'button', class: 'primary', id: 'return-yes', onclick: onYes }, t('returnConfirmYes')),
    ' ',
    h('button', { type: 'button', id: 'return-no', onclick: onNo }, t('cancel')),
  );
}

export function renderReportDetail(report: ReportDetail, t: Translate, onWrite: (() => void) | null): HTMLElement {
  return h(
    'div',
    { class: 'report-detail', id: 'report-detail', 'data-report-id': report.reportId },
    h('p', { class: 'small' }, `${report.unitName} · ${periodLabel(report.period)} · ${t('revision')} ${report.revision} · ${report.signer}`),
    h(
      'ol',
      { class: 'small' },
      report.rows.map((r) => h('li', {}, h('b', {}, `${r.measureId} ${STATUS_LABELS[r.status].zh}`), '：', r.progress)),
    ),
    onWrite ? h('button', { type: 'button', id: 'report-to-sheet', onclick: onWrite }, t('writeReportSheet')) : null,
  );
}

// In-pane views for 退回: the confirmation naming unit, period, revision and reason, and one unit's current
// submission (查看: its rows with status, progress, figures, unit of measure and funds) with a button to write it to a
// sheet.
import { periodLabel } from '../../core/calendar/period-label.ts';
import { columnByKey } from '../../core/checklist/columns.ts';
import { REPORT_ROW_COLUMNS, reportRowCell, type ReportRowColumn } from '../../core/reports/report-row-cells.ts';
import type { ReportDetail, ReportHeader } from '../../core/schemas/api.ts';
import type { Locale, Translate } from '../i18n.ts';
import { h } from './dom.ts';

export function renderReturnConfirm(
  report: ReportHeader,
  reason: string,
  t: Translate,
  onYes: () => void,
  onNo: () => void,
): HTMLElement {
  const text = t('returnConfirmText', {
    unit: report.unitName,
    period: periodLabel(report.period),
    revision: report.revision,
    reason,
  });
  return h(
    'div',
    { class: 'confirm', id: 'return-confirm', role: 'alertdialog' },
    h('p', {}, text),
    h('button', { type: 'button', class: 'primary', id: 'return-yes', onclick: onYes }, t('returnConfirmYes')),
    ' ',
    h('button', { type: 'button', id: 'return-no', onclick: onNo }, t('cancel')),
  );
}

/** Columns of 查看's table: a report's own (core's REPORT_ROW_COLUMNS) without 整改措施, 佐证材料 and 备注, and 整改进展
 * last, so a narrow pane shows the figures with their unit of measure without scrolling sideways. */
const LEFT_OUT: ReadonlySet<ReportRowColumn> = new Set(['measure', 'evidence', 'note', 'progress']);
const DETAIL_COLUMNS: readonly ReportRowColumn[] = [...REPORT_ROW_COLUMNS.filter((k) => !LEFT_OUT.has(k)), 'progress'];

export function renderReportDetail(
  report: ReportDetail,
  t: Translate,
  locale: Locale,
  onWrite: (() => void) | null,
): HTMLElement {
  const head = (key: ReportRowColumn) => (locale === 'en-US' ? columnByKey(key).headerEn : columnByKey(key).header);
  return h(
    'div',
    { class: 'report-detail', id: 'report-detail', 'data-report-id': report.reportId },
    h(
      'p',
      { class: 'small' },
      `${report.unitName} · ${periodLabel(report.period, { locale })} · ${t('revision')} ${report.revision} · ${report.signer}`,
    ),
    // 填报人 and 联系电话 as submitted: whom to call about these figures.
    report.preparer || report.preparerPhone
      ? h(
          'p',
          { class: 'small', id: 'report-preparer' },
          [
            report.preparer ? `${t('preparer')}：${report.preparer}` : '',
            report.preparerPhone ? `${t('preparerPhone')}：${report.preparerPhone}` : '',
          ]
            .filter(Boolean)
            .join(' · '),
        )
      : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'report-rows small' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            DETAIL_COLUMNS.map((k) => h('th', { 'data-key': k }, head(k))),
          ),
        ),
        h(
          'tbody',
          {},
          report.rows.map((r) =>
            h(
              'tr',
              { 'data-measure': r.measureId },
              DETAIL_COLUMNS.map((k) =>
                h('td', { 'data-key': k }, String(reportRowCell(r, k, locale === 'en-US' ? 'en' : 'zh') ?? '')),
              ),
            ),
          ),
        ),
      ),
    ),
    onWrite ? h('button', { type: 'button', id: 'report-to-sheet', onclick: onWrite }, t('writeReportSheet')) : null,
  );
}

// The supervisor's per-unit list in the pane (timeliness + a 退回 button for units with a current report).
import type { ReportHeader, Summary } from '../../core/index.ts';
import { TIMELINESS_LABELS } from '../excel/summary-sheets.ts';
import type { Translate } from '../i18n.ts';
import { h } from './dom.ts';

export function renderSummaryUnits(
  summary: Summary,
  reports: readonly ReportHeader[],
  t: Translate,
  onReturn: (report: ReportHeader) => void,
): HTMLElement {
  const byUnit = new Map(reports.filter((r) => r.current).map((r) => [r.unitId, r]));
  const t0 = summary.totals;
  return h(
    'div',
    {},
    h('p', { class: 'muted small' }, `按时 ${t0.on_time} · 逾期 ${t0.late} · 未报 ${t0.missing} · 未到期 ${t0.not_due} · 退回 ${t0.returned}`),
    h(
      'ul',
      { class: 'units' },
      summary.units.map((u) => {
        const report = byUnit.get(u.unitId);
        return h(
          'li',
          { class: 'unit-row' },
          h('span', { class: `pill ${u.timeliness}` }, TIMELINESS_LABELS[u.timeliness]),
          h('span', { class: 'unit-name' }, u.unitName),
          report && u.timeliness !== 'returned'
            ? h('button', { type: 'button', class: 'link', onclick: () => onReturn(report) }, t('returnReport'))
            : null,
        );
      }),
    ),
  );
}

// The supervisor's per-unit list in the pane (timeliness + a 退回 button for units with a current report).
import { Timeliness, type ReportHeader, type Summary } from '../../core/index.ts';
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
    h('p', { class: 'muted small' }, Timeliness.options.map((k) => `${t(k)} ${t0[k]}`).join(' · ')),
    h(
      'ul',
      { class: 'units' },
      summary.units.map((u) => {
        const report = byUnit.get(u.unitId);
        return h(
          'li',
          { class: 'unit-row' },
          h('span', { class: `pill ${u.timeliness}` }, t(u.timeliness)),
          h('span', { class: 'unit-name' }, u.unitName),
          report && u.timeliness !== 'returned'
            ? h('button', { type: 'button', class: 'link', onclick: () => onReturn(report) }, t('returnReport'))
            : null,
        );
      }),
    ),
  );
}

// The supervisor's per-unit list in the pane: timeliness, 查看 for units with a current report, 退回 for a report
// not yet returned, 撤销退回 for a returned one (until the unit files again, the returned revision stays current).
import { Timeliness, type ReportHeader, type Summary } from '../../core/index.ts';
import type { Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface UnitActions {
  onReturn(report: ReportHeader): void;
  onUnreturn(report: ReportHeader): void;
  onView(report: ReportHeader): void;
}

export function renderSummaryUnits(summary: Summary, reports: readonly ReportHeader[], t: Translate, actions: UnitActions): HTMLElement {
  const byUnit = new Map(reports.filter((r) => r.current).map((r) => [r.unitId, r]));
  const t0 = summary.totals;
  return h(
    'div',
    {},
    h('p', { class: 'muted small', 'data-totals': '' }, Timeliness.options.map((k) => `${t(k)} ${t0[k]}`).join(' · ')),
    h(
      'ul',
      { class: 'units' },
      summary.units.map((u) => {
        const report = byUnit.get(u.unitId);
        const link = (label: string, act: string, fn: (r: ReportHeader) => void) =>
          h('button', { type: 'button', class: 'link', 'data-action': act, onclick: () => fn(report!) }, label);
        return h(
          'li',
          { class: 'unit-row', 'data-unit': u.unitId },
          h('span', { class: `pill ${u.timeliness}` }, t(u.timeliness)),
          h('span', { class: 'unit-name' }, u.unitName),
          report ? link(t('viewReport'), 'view', actions.onView) : null,
          report && !report.returned ? link(t('returnReport'), 'return', actions.onReturn) : null,
          report?.returned ? link(t('unreturn'), 'unreturn', actions.onUnreturn) : null,
        );
      }),
    ),
  );
}

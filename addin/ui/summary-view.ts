// The supervisor's per-unit table in the pane, shown as soon as the pane opens (from /summary): each unit's state for
// the period (按时 / 逾期 / 退回 / 未报 / 待报), when its current revision arrived, and 查看 for units with a current
// report, 退回 for a report not yet returned, 撤销退回 for a returned one (until the unit files again, the returned
// revision stays current). 查看 opens the report in a row right under its unit, in view.
import { chineseDateTime } from '../../core/text/chinese-date.ts';
import { formatCst } from '../../core/calendar/half-month.ts';
import { Timeliness } from '../../core/schemas/submission.ts';
import { type ReportHeader, type Summary } from '../../core/schemas/api.ts';
import type { Locale, Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface UnitActions {
  onReturn(report: ReportHeader): void;
  onUnreturn(report: ReportHeader): void;
  onView(report: ReportHeader): void;
}

/** Table columns: 单位, 状态, 接收, and the actions. */
const COLUMN_COUNT = 4;

export function renderSummaryUnits(
  summary: Summary,
  reports: readonly ReportHeader[],
  t: Translate,
  locale: Locale,
  actions: UnitActions,
): HTMLElement {
  const byUnit = new Map(reports.filter((r) => r.current).map((r) => [r.unitId, r]));
  const t0 = summary.totals;
  // Short enough for a 360 px pane: the year is the period's.
  const when = (iso: string) =>
    locale === 'zh-CN' ? chineseDateTime(iso).replace(/^\d{4}年/, '') : formatCst(iso).slice(5);
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'muted small', 'data-totals': '' },
      Timeliness.options.map((k) => `${t(k)} ${t0[k] ?? 0}`).join(' · '),
    ),
    h(
      'table',
      { class: 'units' },
      h(
        'colgroup',
        {},
        h('col', { class: 'name' }),
        h('col', { class: 'state' }),
        h('col', { class: 'received' }),
        h('col', { class: 'actions' }),
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('unit')),
          h('th', {}, t('timeliness')),
          h('th', {}, t('receivedAt')),
          h('th', {}, ''),
        ),
      ),
      h(
        'tbody',
        {},
        summary.units.map((u) => {
          const report = byUnit.get(u.unitId);
          const link = (label: string, act: string, fn: (r: ReportHeader) => void) =>
            h('button', { type: 'button', class: 'link', 'data-action': act, onclick: () => fn(report!) }, label);
          return h(
            'tr',
            { class: 'unit-row', 'data-unit': u.unitId },
            h('td', { class: 'unit-name' }, u.unitName),
            h('td', {}, h('span', { class: `pill ${u.timeliness}` }, t(u.timeliness))),
            h(
              'td',
              { class: 'small' },
              u.receivedAt ? [when(u.receivedAt), h('br'), t('revisionN', { revision: u.revision ?? 1 })] : '',
            ),
            h(
              'td',
              { class: 'actions' },
              report ? link(t('viewReport'), 'view', actions.onView) : null,
              report && !report.returned ? link(t('returnReport'), 'return', actions.onReturn) : null,
              report?.returned ? link(t('unreturn'), 'unreturn', actions.onUnreturn) : null,
            ),
          );
        }),
      ),
    ),
  );
}

/** Puts `content` in a row right under the unit's row (replacing an earlier one) and scrolls it into view. */
export function showUnderUnit(table: HTMLElement, unitId: string, content: HTMLElement): void {
  table.querySelector('tr.detail-row')?.remove();
  const row = table.querySelector<HTMLElement>(`tr[data-unit="${CSS.escape(unitId)}"]`);
  if (!row) return;
  const detail = h('tr', { class: 'detail-row' }, h('td', { colspan: String(COLUMN_COUNT) }, content));
  row.after(detail);
  detail.scrollIntoView({ block: 'nearest' });
}

// The unit's standing on the server: the 退回 banner (one per returned period, until a new revision is filed), the
// period list in 提交记录.
import { chineseDateTime, chineseDeadline } from '../../core/text/chinese-date.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type PeriodState, type UnitStatus } from '../../core/reports/unit-status.ts';
import type { Locale, Translate } from '../i18n.ts';
import { h } from './dom.ts';

const when = (iso: string, locale: Locale) =>
  locale === 'en-US' ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : chineseDateTime(iso);

export function returnedBanners(status: UnitStatus, t: Translate, locale: Locale): HTMLElement[] {
  return status.periods
    .filter(
      (p): p is PeriodState & { returned: NonNullable<PeriodState['returned']> } =>
        p.state === 'returned' && !!p.returned,
    )
    .map((p) =>
      h(
        'div',
        { class: 'banner returned', role: 'alert', 'data-period': p.period },
        t('returnedBanner', {
          period: periodLabel(p.period, { locale, form: 'name' }),
          by: p.returned.by,
          at: when(p.returned.at, locale),
          reason: asSentence(p.returned.reason, locale),
        }),
      ),
    );
}

/** 提交记录's server part: periods with a report or still owed, newest first, with timeliness and 退回. */
export function renderServerState(status: UnitStatus, t: Translate, locale: Locale): HTMLElement {
  const shown = status.periods.filter((p) => p.report || p.state !== 'not_due' || p.period === status.openPeriod);
  const list = h('ul', { class: 'history server-state' });
  for (const p of shown) {
    list.append(
      h(
        'li',
        { class: `history-item ${p.state}`, 'data-period': p.period },
        h('span', { class: `pill ${p.state}` }, t(p.state)),
        h('span', {}, ` ${periodLabel(p.period, { locale, form: 'name' })}`),
        p.report
          ? h(
              'div',
              { class: 'muted small' },
              `${t('revision')} ${p.report.revision} · ${when(p.report.receivedAt, locale)} · ${p.report.signer}`,
            )
          : h(
              'div',
              { class: 'muted small' },
              t('periodDue', { deadline: locale === 'en-US' ? p.deadline.slice(0, 10) : chineseDeadline(p.deadline) }),
            ),
        p.returned ? h('div', { class: 'small returned-reason' }, `${t('returnReason')}：${p.returned.reason}`) : null,
      ),
    );
  }
  return h('div', {}, h('h3', { class: 'small' }, t('serverState')), list);
}

/** The reason as one sentence: its own final 。/./！/？ kept, one added when missing (never "。。"). */
export function asSentence(text: string, locale: Locale): string {
  const t = text.trim();
  if (/[。．.！!？?]$/.test(t)) return t;
  return t + (locale === 'en-US' ? '.' : '。');
}

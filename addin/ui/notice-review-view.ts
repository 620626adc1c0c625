// The office's 督办单 in 销号核查: a table of counts per unit (待回复 / 逾期未回复 / 已回复), then the notices of the
// chosen unit (or all), overdue and open first, each with its 回复 and evidence files and 打印督办单. Renders only.
import { countNotices, NOTICE_STATE_LABELS, type Notice, type NoticeList } from '../../core/closure/index.ts';
import type { Bilingual } from '../../core/schemas/api.ts';
import type { Locale } from '../i18n.ts';
import { inLocale } from './bilingual.ts';
import { h } from './dom.ts';
import { noticeCountsText, renderNoticeCard } from './notice-view.ts';

export interface NoticeReviewActions {
  print(notice: Notice, status: HTMLElement): void;
  openEvidence(id: string): void;
}

const TEXT = {
  title: { zh: '督办单', en: 'Supervision notices' },
  unit: { zh: '单位', en: 'Unit' },
} as const;

/** Overdue first, then open, then answered; within a state by number. */
const ORDER = { overdue: 0, open: 1, answered: 2 } as const;

export function renderNoticeReview(
  list: NoticeList,
  o: {
    locale: Locale;
    titles: ReadonlyMap<string, string>;
    unitNames: ReadonlyMap<string, string>;
    /** Only this unit's notices (the filter above), or all. */
    unitId?: string;
    actions: NoticeReviewActions;
  },
): HTMLElement | null {
  const { locale } = o;
  const pick = (l: Bilingual) => inLocale(l, locale);
  const shown = list.notices
    .filter((n) => !o.unitId || n.unitId === o.unitId)
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.number - b.number);
  if (!list.notices.length) return null;
  const units = Object.entries(list.byUnit).filter(([id]) => !o.unitId || id === o.unitId);
  const name = (id: string) => o.unitNames.get(id) ?? id;
  const table = h(
    'table',
    { class: 'notice-counts-table small' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, pick(TEXT.unit)),
        (['open', 'overdue', 'answered'] as const).map((s) => h('th', {}, pick(NOTICE_STATE_LABELS[s]))),
      ),
    ),
    h(
      'tbody',
      {},
      units
        .sort(([, a], [, b]) => b.overdue - a.overdue || b.open - a.open)
        .map(([id, c]) =>
          h(
            'tr',
            { 'data-unit': id },
            h('td', {}, name(id)),
            h('td', {}, String(c.open)),
            h('td', { class: c.overdue ? 'overdue' : '' }, String(c.overdue)),
            h('td', {}, String(c.answered)),
          ),
        ),
    ),
  );
  return h(
    'details',
    { class: 'closure-notice-list', open: shown.some((n) => n.state !== 'answered') || Boolean(o.unitId) },
    h('summary', {}, `${pick(TEXT.title)}（${noticeCountsText(countNotices(shown), locale)}）`),
    table,
    shown.map((n) =>
      renderNoticeCard(n, {
        locale,
        titles: o.titles,
        unitName: name(n.unitId),
        print: o.actions.print,
        openEvidence: o.actions.openEvidence,
      }),
    ),
  );
}

// 销号核查 (the supervisor's side of 销号): 整改完成率 and the 红/黄/蓝 counts on top, a choice of unit (all, or one —
// 22+ units make long lists), then the applications waiting for 核查 — unit, measure, 完成标准, 整改情况, evidence
// files — each with 销号 / 驳回, the 督办单 (notice-review-view.ts), the red pairs with 下发督办单 and the closed pairs
// with 重新打开, those two folded per unit when they are several units' (each item: closure-review-items.ts). Renders
// only; the panel (panels/closure-review-panel.ts) does the requests.
import {
  formatRate,
  WARNING_LABELS,
  type ClosureEvent,
  type ClosureList,
  type ClosurePair,
  type NoticeList,
} from '../../core/closure/index.ts';
import type { Bilingual } from '../../core/schemas/api.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import type { Locale } from '../i18n.ts';
import { inLocale } from './bilingual.ts';
import { closureReviewText, type ClosureReviewTextKey } from './closure-review-text.ts';
import { h } from './dom.ts';
import { closureReviewItems, type ClosureReviewActions } from './closure-review-items.ts';
import { renderNoticeReview } from './notice-review-view.ts';

export function renderClosureReview(
  list: ClosureList,
  plan: Plan | undefined,
  events: ReadonlyMap<string, ClosureEvent[]>,
  notices: NoticeList,
  locale: Locale,
  actions: ClosureReviewActions,
  /** The unit chosen before a refresh, kept while it is still listed. */
  chosenUnit = '',
): HTMLElement {
  const t = (key: ClosureReviewTextKey, params?: Record<string, number>) => closureReviewText(key, locale, params);
  const pick = (l: Bilingual) => inLocale(l, locale);
  const measures = new Map(plan?.measures.map((m) => [m.id, m]) ?? []);
  const counts = { red: 0, yellow: 0, blue: 0 };
  for (const p of list.pairs) if (p.warning) counts[p.warning.colour]++;

  const { application, redPair, closedPair } = closureReviewItems({ list, measures, events, locale, actions });

  const unitNames = new Map(list.pairs.map((p) => [p.unitId, p.unitName]));
  const titles = new Map(plan?.measures.map((m) => [m.id, m.title]) ?? []);

  /** Red or closed pairs: one list when they are one unit's, else folded per unit. */
  function perUnit(pairs: ClosurePair[], item: (p: ClosurePair) => HTMLElement): HTMLElement {
    const groups = new Map<string, ClosurePair[]>();
    for (const p of pairs) groups.set(p.unitId, [...(groups.get(p.unitId) ?? []), p]);
    if (groups.size < 2) return h('ul', {}, pairs.map(item));
    return h(
      'div',
      { class: 'unit-groups' },
      [...groups].map(([id, own]) =>
        h(
          'details',
          { class: 'unit-group', 'data-unit': id },
          h('summary', {}, `${unitNames.get(id) ?? id}（${own.length}）`),
          h('ul', {}, own.map(item)),
        ),
      ),
    );
  }

  function lists(unitId: string): (HTMLElement | null)[] {
    const mine = (p: ClosurePair) => !unitId || p.unitId === unitId;
    const applied = list.pairs.filter((p) => p.state === 'applied' && mine(p));
    const red = list.pairs.filter((p) => p.warning?.colour === 'red' && mine(p));
    const closed = list.pairs.filter((p) => p.state === 'closed' && mine(p));
    return [
      h('h3', {}, `${t('waiting')}（${applied.length}）`),
      applied.length
        ? h('ol', { class: 'closure-applications' }, applied.map(application))
        : h('p', { class: 'muted small' }, t('none')),
      renderNoticeReview(notices, { locale, titles, unitNames, unitId: unitId || undefined, actions }),
      red.length
        ? h(
            'details',
            { class: 'closure-red-list', open: Boolean(unitId) },
            h('summary', {}, `${t('red')}（${red.length}）`),
            perUnit(red, redPair),
          )
        : null,
      closed.length
        ? h(
            'details',
            { class: 'closure-closed-list' },
            h('summary', {}, `${t('closed')}（${closed.length}）`),
            perUnit(closed, closedPair),
          )
        : null,
    ];
  }

  // Each unit once, in the plan's order, with what waits for the office there.
  const filter = h(
    'select',
    { class: 'closure-unit-filter', 'aria-label': t('unitFilter') },
    h('option', { value: '' }, t('allUnits')),
    [...unitNames].map(([id, name]) => {
      const own = list.pairs.filter((p) => p.unitId === id);
      const counts = notices.byUnit[id];
      const attention = t('attention', {
        a: own.filter((p) => p.state === 'applied').length,
        r: own.filter((p) => p.warning?.colour === 'red').length,
        n: (counts?.open ?? 0) + (counts?.overdue ?? 0),
      });
      return h('option', { value: id, selected: id === chosenUnit }, `${name}（${attention}）`);
    }),
  );
  const body = h('div', { class: 'closure-review-body' });
  const draw = () => body.replaceChildren(...lists(filter.value).filter((e) => e !== null));
  filter.addEventListener('change', draw);
  draw();

  return h(
    'div',
    { class: 'closure-review' },
    h(
      'p',
      { class: 'closure-rates' },
      h('b', {}, `${t('rate')} `),
      `${t('measures')} ${formatRate(list.rates.measures)}（${list.rates.measures.closed}/${list.rates.measures.total}） · `,
      `${t('pairs')} ${formatRate(list.rates.pairs)}（${list.rates.pairs.closed}/${list.rates.pairs.total}）`,
    ),
    h(
      'p',
      { class: 'closure-warnings' },
      (['red', 'yellow', 'blue'] as const).flatMap((c, i) => [
        i ? ' · ' : '',
        h('span', { class: `warning-badge ${c}`, 'data-colour': c }, `${pick(WARNING_LABELS[c])} ${counts[c]}`),
      ]),
    ),
    h('label', { class: 'closure-filter' }, h('span', {}, t('unitFilter')), filter),
    body,
  );
}

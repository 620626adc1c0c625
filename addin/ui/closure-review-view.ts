// 销号核查 (the supervisor's side of 销号): 整改完成率 and the 红/黄/蓝 counts on top, a choice of unit (all, or one —
// 22+ units make long lists), then the applications waiting for 核查 — unit, measure, 完成标准, 整改情况, evidence
// files — each with 销号 / 驳回, the 督办单 (notice-review-view.ts), the red pairs with 下发督办单 and the closed pairs
// with 重新打开, those two folded per unit when they are several units'. Renders only; the panel
// (panels/closure-review-panel.ts) does the requests.
import {
  CLOSURE_STATE_LABELS,
  formatRate,
  WARNING_LABELS,
  warningText,
  type ClosureEvent,
  type ClosureList,
  type ClosurePair,
  type NoticeList,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import type { Bilingual } from '../../core/schemas/api.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import type { Locale } from '../i18n.ts';
import { inLocale } from './bilingual.ts';
import { closureReviewText, type ClosureReviewTextKey } from './closure-review-text.ts';
import { h } from './dom.ts';
import { renderNoticeReview, type NoticeReviewActions } from './notice-review-view.ts';

export interface ClosureReviewActions extends NoticeReviewActions {
  verdict(
    pair: ClosurePair,
    decision: 'close' | 'reject',
    fields: { opinion: string; verifiedOn: string; extendedDeadline: string },
  ): void;
  reopen(pair: ClosurePair, reason: string): void;
  notice(pair: ClosurePair, requirement: string, dueDate: string): void;
}

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
  const title = (p: ClosurePair) => `${p.unitName} · ${p.measureId} ${measures.get(p.measureId)?.title ?? ''}`;
  const counts = { red: 0, yellow: 0, blue: 0 };
  for (const p of list.pairs) if (p.warning) counts[p.warning.colour]++;

  const field = (label: string, control: HTMLElement) => h('label', {}, h('span', {}, label), control);

  function application(p: ClosurePair): HTMLElement {
    const mine = events.get(`${p.measureId}|${p.unitId}`) ?? [];
    const last = [...mine].reverse().find((e) => e.kind === 'applied');
    const standard = measures.get(p.measureId)?.completionStandard;
    const opinion = h('textarea', { rows: '2', maxlength: '1000', class: 'closure-opinion' });
    const verifiedOn = h('input', { type: 'date', value: list.today, max: list.today, class: 'closure-verified-on' });
    const extended = h('input', { type: 'date', min: list.today, class: 'closure-extended' });
    const fields = () => ({ opinion: opinion.value, verifiedOn: verifiedOn.value, extendedDeadline: extended.value });
    return h(
      'li',
      { class: 'closure-application', 'data-pair': `${p.measureId}|${p.unitId}` },
      h(
        'div',
        {},
        h('b', {}, title(p)),
        h('span', { class: 'muted small' }, ` ${t('appliedOn')} ${p.appliedAt ? cstDate(p.appliedAt) : ''}`),
      ),
      standard ? h('p', { class: 'small' }, h('span', { class: 'row-label' }, `${t('standard')}：`), standard) : null,
      last
        ? h('p', { class: 'small closure-summary' }, h('span', { class: 'row-label' }, `${t('summary')}：`), last.text)
        : null,
      last?.evidenceIds?.length
        ? h(
            'p',
            { class: 'small' },
            h('span', { class: 'row-label' }, `${t('evidence')}：`),
            last.evidenceIds.map((id, i) =>
              h(
                'a',
                {
                  href: '#',
                  class: 'closure-evidence',
                  'data-evidence': id,
                  onclick: (ev: Event) => (ev.preventDefault(), actions.openEvidence(id)),
                },
                `${t('file')} ${i + 1} `,
              ),
            ),
          )
        : null,
      field(t('opinion'), opinion),
      h('div', { class: 'closure-dates' }, field(t('verifiedOn'), verifiedOn), field(t('extended'), extended)),
      h(
        'button',
        { type: 'button', class: 'primary closure-close', onclick: () => actions.verdict(p, 'close', fields()) },
        t('close'),
      ),
      h(
        'button',
        { type: 'button', class: 'closure-reject', onclick: () => actions.verdict(p, 'reject', fields()) },
        t('reject'),
      ),
    );
  }

  function redPair(p: ClosurePair): HTMLElement {
    const requirement = h('input', { type: 'text', maxlength: '1000', class: 'notice-requirement' });
    const due = h('input', { type: 'date', min: list.today, class: 'notice-due' });
    return h(
      'li',
      { class: 'closure-red', 'data-pair': `${p.measureId}|${p.unitId}` },
      h(
        'div',
        {},
        h('b', {}, title(p)),
        h('span', { class: 'muted small' }, ` ${p.warning ? pick(warningText(p.warning)) : ''}`),
      ),
      h('div', { class: 'closure-dates' }, field(t('requirement'), requirement), field(t('due'), due)),
      h(
        'button',
        { type: 'button', class: 'notice-issue', onclick: () => actions.notice(p, requirement.value, due.value) },
        t('issue'),
      ),
    );
  }

  function closedPair(p: ClosurePair): HTMLElement {
    const reason = h('input', {
      type: 'text',
      maxlength: '1000',
      class: 'reopen-reason',
      'aria-label': t('reopenReason'),
      placeholder: t('reopenReason'),
    });
    return h(
      'li',
      { class: 'closure-closed', 'data-pair': `${p.measureId}|${p.unitId}` },
      h(
        'span',
        {},
        title(p),
        h(
          'span',
          { class: 'muted small' },
          ` ${pick(CLOSURE_STATE_LABELS.closed)} ${p.closedAt ? cstDate(p.closedAt) : ''}`,
        ),
      ),
      reason,
      h(
        'button',
        { type: 'button', class: 'small-button closure-reopen', onclick: () => actions.reopen(p, reason.value) },
        t('reopen'),
      ),
    );
  }

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

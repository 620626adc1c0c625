// 销号核查's list items, one per pair: an application waiting for 核查 (完成标准, 整改情况, evidence files, 核查意见 and
// dates, 销号 / 驳回), a red pair (督办要求 and 办结时限, 下发督办单) and a closed pair (reason, 重新打开). Renders only;
// the actions are the panel's (panels/closure-review-panel.ts).
import {
  CLOSURE_STATE_LABELS,
  warningText,
  type ClosureEvent,
  type ClosureList,
  type ClosurePair,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import type { Bilingual } from '../../core/schemas/api.ts';
import type { Measure } from '../../core/schemas/plan.ts';
import type { Locale } from '../i18n.ts';
import { inLocale } from './bilingual.ts';
import { closureReviewText, type ClosureReviewTextKey } from './closure-review-text.ts';
import { h } from './dom.ts';
import type { NoticeReviewActions } from './notice-review-view.ts';

export interface ClosureReviewActions extends NoticeReviewActions {
  verdict(
    pair: ClosurePair,
    decision: 'close' | 'reject',
    fields: { opinion: string; verifiedOn: string; extendedDeadline: string },
  ): void;
  reopen(pair: ClosurePair, reason: string): void;
  notice(pair: ClosurePair, requirement: string, dueDate: string): void;
}

export interface ClosureItemsContext {
  list: ClosureList;
  measures: ReadonlyMap<string, Measure>;
  /** Each pending application's events, by "measure|unit". */
  events: ReadonlyMap<string, ClosureEvent[]>;
  locale: Locale;
  actions: ClosureReviewActions;
}

export function closureReviewItems({ list, measures, events, locale, actions }: ClosureItemsContext) {
  const t = (key: ClosureReviewTextKey) => closureReviewText(key, locale);
  const pick = (l: Bilingual) => inLocale(l, locale);
  const title = (p: ClosurePair) => `${p.unitName} · ${p.measureId} ${measures.get(p.measureId)?.title ?? ''}`;
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

  return { application, redPair, closedPair };
}

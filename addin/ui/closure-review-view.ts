// 销号核查 (the supervisor's side of 销号): 整改完成率 and the 红/黄/蓝 counts on top, then the applications waiting for
// 核查 — unit, measure, 完成标准, 整改情况, evidence files — each with 销号 / 驳回, the red pairs with 下发督办单, and the
// closed pairs with 重新打开. Renders only; the panel (panels/closure-review-panel.ts) does the requests.
import {
  CLOSURE_STATE_LABELS,
  formatRate,
  WARNING_LABELS,
  warningText,
  type ClosureEvent,
  type ClosureList,
  type ClosurePair,
} from '../../core/closure/index.ts';
import { cstDate, type Plan } from '../../core/index.ts';
import type { Locale } from '../i18n.ts';
import { h } from './dom.ts';

export interface ClosureReviewActions {
  verdict(
    pair: ClosurePair,
    decision: 'close' | 'reject',
    fields: { opinion: string; verifiedOn: string; extendedDeadline: string },
  ): void;
  reopen(pair: ClosurePair, reason: string): void;
  notice(pair: ClosurePair, requirement: string, dueDate: string): void;
  openEvidence(id: string): void;
}

const TEXT = {
  rate: { zh: '整改完成率', en: 'Closure rate' },
  pairs: { zh: '单位·措施', en: 'unit·measure pairs' },
  measures: { zh: '措施', en: 'measures' },
  waiting: { zh: '待核查的销号申请', en: 'Applications waiting for verification' },
  none: { zh: '暂无待核查的申请', en: 'No application is waiting' },
  standard: { zh: '完成标准', en: 'Completion standard' },
  summary: { zh: '整改情况', en: 'What was done' },
  evidence: { zh: '佐证材料', en: 'Evidence' },
  file: { zh: '文件', en: 'File' },
  opinion: { zh: '核查意见 / 驳回原因', en: 'Opinion / reason' },
  verifiedOn: { zh: '核查日期', en: 'Verified on' },
  extended: { zh: '限期（驳回时填）', en: 'Extended deadline (for a rejection)' },
  close: { zh: '销号', en: 'Close' },
  reject: { zh: '驳回', en: 'Reject' },
  red: { zh: '红色预警（可下发督办单）', en: 'Red warnings (issue a notice)' },
  requirement: { zh: '督办要求', en: 'Requirement' },
  due: { zh: '办结时限', en: 'Due' },
  issue: { zh: '下发督办单', en: 'Issue notice' },
  closed: { zh: '已销号', en: 'Closed' },
  reopenReason: { zh: '重新打开原因', en: 'Reason to reopen' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  appliedOn: { zh: '申请于', en: 'applied' },
} as const;

export type ClosureText = keyof typeof TEXT;
export const closureText = (locale: Locale, key: ClosureText) => (locale === 'en-US' ? TEXT[key].en : TEXT[key].zh);

export function renderClosureReview(
  list: ClosureList,
  plan: Plan | undefined,
  events: ReadonlyMap<string, ClosureEvent[]>,
  locale: Locale,
  actions: ClosureReviewActions,
): HTMLElement {
  const t = (key: ClosureText) => closureText(locale, key);
  const pick = (l: { zh: string; en: string }) => (locale === 'en-US' ? l.en : l.zh);
  const measures = new Map(plan?.measures.map((m) => [m.id, m]) ?? []);
  const title = (p: ClosurePair) => `${p.unitName} · ${p.measureId} ${measures.get(p.measureId)?.title ?? ''}`;
  const counts = { red: 0, yellow: 0, blue: 0 };
  for (const p of list.pairs) if (p.warning) counts[p.warning.colour]++;
  const applied = list.pairs.filter((p) => p.state === 'applied');
  const red = list.pairs.filter((p) => p.warning?.colour === 'red');
  const closed = list.pairs.filter((p) => p.state === 'closed');

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
    h('h3', {}, `${t('waiting')}（${applied.length}）`),
    applied.length
      ? h('ol', { class: 'closure-applications' }, applied.map(application))
      : h('p', { class: 'muted small' }, t('none')),
    red.length
      ? h(
          'details',
          { class: 'closure-red-list' },
          h('summary', {}, `${t('red')}（${red.length}）`),
          h('ul', {}, red.map(redPair)),
        )
      : null,
    closed.length
      ? h(
          'details',
          { class: 'closure-closed-list' },
          h('summary', {}, `${t('closed')}（${closed.length}）`),
          h('ul', {}, closed.map(closedPair)),
        )
      : null,
  );
}

/** The section's own labels (title, buttons, hint), set once the locale is known. */
export const CLOSURE_SECTION_TEXT = {
  'closure-review-title': { zh: '销号核查', en: 'Closure review' },
  'closure-review-hint': {
    zh: '核查单位的销号申请：销号或驳回（驳回须给出限期）；红色预警可下发督办单。销号台账列出全部单位·措施及预警颜色；通报是“汇总”中所选期次的 Word 草稿，可修改后印发。',
    en: 'Verify closure applications: close, or reject with an extended deadline; issue notices for red warnings. The ledger lists every pair with its warning colour; the bulletin is an editable Word draft for the period chosen under Summary.',
  },
  'closure-refresh': { zh: '刷新', en: 'Refresh' },
  'closure-ledger-write': { zh: '生成销号台账', en: 'Write closure ledger' },
  'closure-ledger-download': { zh: '下载销号台账', en: 'Download closure ledger' },
  'bulletin-download': { zh: '下载通报（Word）', en: 'Download bulletin (Word)' },
} as const;

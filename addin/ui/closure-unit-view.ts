// The unit's side of 销号 in the pane: its 督办单 on top (counts by state; the open ones with a 回复 form, the answered
// ones folded; each printable), then its (measure, unit) pairs with state, 预警 pill, deadline or 限期 and a 驳回's
// reason, and for a pair 整改中 the 申请销号 form. Pure DOM building; the panel (addin/panels/closure-unit-panel.ts)
// fetches, uploads and sends.
import {
  CLOSURE_STATE_LABELS,
  countNotices,
  WARNING_LABELS,
  warningText,
  type ClosurePair,
  type ClosurePart,
  type Notice,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import type { Locale } from '../i18n.ts';
import { inLocale as pick, textsIn } from './bilingual.ts';
import { h } from './dom.ts';
import { noticeCountsText, renderNoticeCard } from './notice-view.ts';

const TEXT = {
  title: { zh: '督办与销号', en: 'Supervision and closure' },
  notices: { zh: '督办单', en: 'Supervision notices' },
  answeredNotices: { zh: '已回复的督办单（{n}）', en: 'Answered notices ({n})' },
  answerText: { zh: '回复内容', en: 'Answer' },
  answerFiles: { zh: '佐证材料（可选）', en: 'Evidence (optional)' },
  answer: { zh: '回复', en: 'Answer' },
  pairs: { zh: '销号进度', en: 'Closure of my measures' },
  noPairs: { zh: '本单位在该整改方案下没有整改措施。', en: 'No measures for this unit in the plan.' },
  deadline: { zh: '整改时限：{d}', en: 'Deadline: {d}' },
  rejected: { zh: '销号申请被驳回，限期 {d} 前二次整改', en: 'Rejected; re-rectify by {d}' },
  rejectedWhy: { zh: '驳回原因：{r}（{by}，{at}）', en: 'Reason: {r} ({by}, {at})' },
  extended: { zh: '限期：{d}', en: 'Extended deadline: {d}' },
  latest: { zh: '最近填报：{s}', en: 'Latest report: {s}' },
  evidenceCount: { zh: '佐证材料 {n} 份', en: '{n} evidence files' },
  apply: { zh: '申请销号', en: 'Apply for closure' },
  summary: { zh: '整改情况', en: 'What was done' },
  part: { zh: '销号范围', en: 'Part' },
  partWhole: { zh: '整体销号', en: 'Whole measure' },
  partDated: { zh: '限期部分（阶段性成效，长期坚持部分继续填报）', en: 'Dated part only' },
  files: { zh: '佐证材料（至少 1 份）', en: 'Evidence (at least 1 file)' },
  send: { zh: '提交销号申请', en: 'Send application' },
} as const;
export const closureText = textsIn(TEXT);

export interface NoticeHandlers {
  answer(notice: Notice, text: string, files: File[], status: HTMLElement): void;
  print(notice: Notice, status: HTMLElement): void;
}

export interface PairHandlers {
  apply(pair: ClosurePair, form: { summary: string; part: ClosurePart; files: File[] }, status: HTMLElement): void;
}

/** Every 督办单 of the unit: counts by state, the open and overdue ones with a 回复 form, then the answered ones
 * (folded) with their answer; each can be printed. Null when the unit has none. */
export function renderNotices(
  notices: readonly Notice[],
  titles: ReadonlyMap<string, string>,
  locale: Locale,
  on: NoticeHandlers,
): HTMLElement | null {
  if (!notices.length) return null;
  const open = notices.filter((n) => n.state !== 'answered');
  const answered = notices.filter((n) => n.state === 'answered');
  const card = (n: Notice, extra: HTMLElement[] = []) =>
    renderNoticeCard(n, { locale, titles, print: (x, status) => on.print(x, status), extra });
  return h(
    'div',
    { class: 'closure-notices' },
    h(
      'h3',
      { class: 'small' },
      closureText('notices', locale),
      ' ',
      h('span', { class: 'notice-counts' }, noticeCountsText(countNotices(notices), locale)),
    ),
    open.map((n) => {
      const text = h('textarea', { rows: '3', maxlength: '2000', 'aria-label': closureText('answerText', locale) });
      const files = h('input', { type: 'file', multiple: true });
      const status = h('p', { class: 'status', role: 'status' });
      const send = h('button', { type: 'button', class: 'primary' }, closureText('answer', locale));
      send.addEventListener('click', () => on.answer(n, text.value, [...(files.files ?? [])], status));
      return card(n, [
        h('label', {}, h('span', {}, closureText('answerText', locale)), text),
        h('label', {}, h('span', {}, closureText('answerFiles', locale)), files),
        send,
        status,
      ]);
    }),
    answered.length
      ? h(
          'details',
          { class: 'notices-answered' },
          h('summary', {}, closureText('answeredNotices', locale, { n: answered.length })),
          answered.map((n) => card(n)),
        )
      : null,
  );
}

export function renderPairs(
  pairs: readonly ClosurePair[],
  titles: ReadonlyMap<string, string>,
  locale: Locale,
  on: PairHandlers,
): HTMLElement {
  const list = h('ul', { class: 'closure-pairs' });
  for (const p of pairs) {
    const deadlineLine =
      p.rejectionPending && p.extendedDeadline
        ? closureText('rejected', locale, { d: p.extendedDeadline })
        : p.extendedDeadline
          ? closureText('extended', locale, { d: p.extendedDeadline })
          : closureText('deadline', locale, { d: p.deadlineText });
    list.append(
      h(
        'li',
        { class: `closure-pair ${p.state}`, 'data-measure': p.measureId },
        h(
          'div',
          {},
          h('span', { class: `pill closure-${p.state}` }, pick(CLOSURE_STATE_LABELS[p.state], locale)),
          ' ',
          p.warning
            ? h(
                'span',
                { class: `pill warn-${p.warning.colour}`, title: pick(warningText(p.warning), locale) },
                pick(WARNING_LABELS[p.warning.colour], locale),
              )
            : null,
          ' ',
          h('strong', {}, p.measureId),
          ' ',
          titles.get(p.measureId) ?? '',
        ),
        h('div', { class: `small deadline-line${p.rejectionPending ? ' rejected' : ''}` }, deadlineLine),
        p.rejection
          ? h(
              'div',
              { class: 'small rejection-reason' },
              closureText('rejectedWhy', locale, {
                r: p.rejection.reason,
                by: p.rejection.by,
                at: cstDate(p.rejection.at),
              }),
            )
          : null,
        p.warning
          ? h('div', { class: `small warning-text warn-${p.warning.colour}` }, pick(warningText(p.warning), locale))
          : null,
        h(
          'div',
          { class: 'muted small' },
          closureText('latest', locale, { s: p.latestStatus ? pick(STATUS_LABELS[p.latestStatus], locale) : '—' }),
          ' · ',
          closureText('evidenceCount', locale, { n: p.evidenceCount }),
        ),
        p.state === 'in_progress' ? applyForm(p, locale, on) : null,
      ),
    );
  }
  return h(
    'div',
    {},
    h('h3', { class: 'small' }, closureText('pairs', locale)),
    pairs.length ? list : h('p', { class: 'muted small' }, closureText('noPairs', locale)),
  );
}

function applyForm(p: ClosurePair, locale: Locale, on: PairHandlers): HTMLElement {
  const summary = h('textarea', { rows: '3', maxlength: '1000', name: 'summary' });
  const part = h(
    'select',
    { name: 'part' },
    h('option', { value: 'whole' }, closureText('partWhole', locale)),
    h('option', { value: 'dated' }, closureText('partDated', locale)),
  );
  const files = h('input', {
    type: 'file',
    multiple: true,
    name: 'evidence',
    accept: 'image/jpeg,image/png,image/webp,.pdf,.ofd,.doc,.docx,.xls,.xlsx,.wps,.et',
  });
  const status = h('p', { class: 'status', role: 'status' });
  const send = h('button', { type: 'button', class: 'primary' }, closureText('send', locale));
  send.addEventListener('click', () =>
    on.apply(
      p,
      { summary: summary.value, part: part.value === 'dated' ? 'dated' : 'whole', files: [...(files.files ?? [])] },
      status,
    ),
  );
  return h(
    'details',
    { class: 'closure-apply' },
    h('summary', {}, closureText('apply', locale)),
    h('label', {}, h('span', {}, closureText('summary', locale)), summary),
    p.deadline.longTerm ? h('label', {}, h('span', {}, closureText('part', locale)), part) : null,
    h('label', {}, h('span', {}, closureText('files', locale)), files),
    send,
    status,
  );
}

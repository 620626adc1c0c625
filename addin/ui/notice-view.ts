// One 督办单 as both sides see it in the pane: state pill, number, measure, 督办要求, 办结时限, the 回复 once there is
// one (with its evidence files when the viewer may open them), and 打印督办单. Plus the one line of counts
// (待回复 · 逾期未回复 · 已回复). Pure DOM building; the panels fetch and open links.
import { NOTICE_STATE_LABELS, noticeNumberText, type Notice, type NoticeCounts } from '../../core/closure/index.ts';
import { chineseDate, chineseDateTime } from '../../core/text/chinese-date.ts';
import type { Locale } from '../i18n.ts';
import { inLocale as pick, textsIn } from './bilingual.ts';
import { h } from './dom.ts';

const TEXT = {
  measure: { zh: '措施 {m}', en: 'measure {m}' },
  due: { zh: '办结时限：{d}', en: 'Due: {d}' },
  answered: { zh: '回复（{at}）：', en: 'Answer ({at}): ' },
  file: { zh: '文件 {n}', en: 'File {n}' },
  print: { zh: '打印督办单', en: 'Print notice' },
  none: { zh: '暂无督办单', en: 'No supervision notices' },
  opened: {
    zh: '已在浏览器中打开{no}（链接 10 分钟内有效），请打印后签字盖章。',
    en: 'Opened {no} in the browser (link valid 10 minutes); print, sign and stamp it.',
  },
} as const;

const text = textsIn(TEXT);

/** "待回复 1 · 逾期未回复 1 · 已回复 2" (states with none are left out), or 暂无督办单. */
export function noticeCountsText(c: NoticeCounts, locale: Locale): string {
  if (!c.total) return text('none', locale);
  return (['open', 'overdue', 'answered'] as const)
    .filter((s) => c[s] > 0)
    .map((s) => `${pick(NOTICE_STATE_LABELS[s], locale)} ${c[s]}`)
    .join(' · ');
}

/** The line shown once a notice's print page was opened. */
export const noticePrintOpened = (n: Notice, locale: Locale) => text('opened', locale, { no: noticeNumberText(n) });

export interface NoticeCardOptions {
  locale: Locale;
  /** The measure's title by id. */
  titles: ReadonlyMap<string, string>;
  /** Shown before the number (the office's list names the unit). */
  unitName?: string;
  print(notice: Notice, status: HTMLElement): void;
  /** When given, the answer's files are links (the office); otherwise only counted. */
  openEvidence?(id: string): void;
  /** Extra controls under the card (the unit's 回复 form). */
  extra?: HTMLElement[];
}

export function renderNoticeCard(n: Notice, o: NoticeCardOptions): HTMLElement {
  const { locale } = o;
  const status = h('p', { class: 'status', role: 'status' });
  const title = o.titles.get(n.measureId);
  const files = n.answer?.evidenceIds ?? [];
  return h(
    'div',
    { class: `notice-card ${n.state}`, 'data-notice': n.id },
    h(
      'div',
      {},
      h('span', { class: `pill notice-${n.state}` }, pick(NOTICE_STATE_LABELS[n.state], locale)),
      ' ',
      o.unitName ? h('strong', {}, `${o.unitName} · `) : null,
      h('strong', {}, `${noticeNumberText(n)} · ${text('measure', locale, { m: n.measureId })}`),
    ),
    title ? h('div', { class: 'muted small' }, title) : null,
    h('p', { class: 'notice-requirement' }, n.requirement),
    h(
      'div',
      { class: 'small' },
      text('due', locale, { d: chineseDate(`${n.dueDate}T00:00:00+08:00`) }),
      ` · ${chineseDate(n.issuedAt)} ${n.issuedBy}`,
    ),
    n.answer
      ? h(
          'p',
          { class: 'small notice-answer' },
          h('span', { class: 'row-label' }, text('answered', locale, { at: chineseDateTime(n.answer.at) })),
          n.answer.text,
          files.length
            ? h(
                'span',
                { class: 'notice-files' },
                ' ',
                files.map((id, i) =>
                  o.openEvidence
                    ? h(
                        'a',
                        {
                          href: '#',
                          class: 'notice-evidence',
                          'data-evidence': id,
                          onclick: (ev: Event) => (ev.preventDefault(), o.openEvidence!(id)),
                        },
                        `${text('file', locale, { n: i + 1 })} `,
                      )
                    : `${text('file', locale, { n: i + 1 })} `,
                ),
              )
            : null,
        )
      : null,
    ...(o.extra ?? []),
    h(
      'button',
      { type: 'button', class: 'small-button notice-print', onclick: () => o.print(n, status) },
      text('print', locale),
    ),
    status,
  );
}

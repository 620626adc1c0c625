// 佐证材料 list: one block per checklist row (措施 and 子项) with its attached files — thumbnail, name, size, a
// progress bar while uploading, whether it waits (offline), is on the server or was refused — and 添加文件.
import { formatBytes } from '../../core/evidence/limits.ts';
import type { StoredEvidence } from '../evidence/evidence-store.ts';
import type { Locale, Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface EvidenceRow {
  measureId: string;
  item?: string;
  /** The measure's title, to recognise the row. */
  title: string;
  /** Row number in the sheet (Excel) or the uploaded file. */
  sheetRow: number;
}

export interface EvidenceViewActions {
  attach(row: EvidenceRow): void;
  open(record: StoredEvidence): void;
  remove(record: StoredEvidence): void;
}

export const rowKey = (r: { measureId: string; item?: string }) => `${r.measureId}|${r.item ?? ''}`;

export function renderEvidenceRows(
  rows: readonly EvidenceRow[],
  records: readonly StoredEvidence[],
  progress: ReadonlyMap<string, { sent: number; total: number }>,
  t: Translate,
  locale: Locale,
  actions: EvidenceViewActions,
  highlight?: string,
): HTMLElement {
  const list = h('ol', { class: 'evidence-rows' });
  for (const row of rows) {
    const mine = records.filter(
      (r) => r.target.measure === row.measureId && (r.target.item ?? '') === (row.item ?? ''),
    );
    list.append(
      h(
        'li',
        { class: rowKey(row) === highlight ? 'evidence-row current' : 'evidence-row', 'data-row': rowKey(row) },
        h(
          'div',
          { class: 'evidence-row-head' },
          h(
            'span',
            { class: 'evidence-row-name' },
            h('b', {}, row.measureId),
            row.item ? ` · ${row.item}` : '',
            h('span', { class: 'muted small' }, ` ${t('evidenceSheetRow', { row: row.sheetRow })} ${row.title}`),
          ),
          h(
            'button',
            { type: 'button', class: 'small-button', onclick: () => actions.attach(row) },
            t('evidenceAttach'),
          ),
        ),
        mine.length
          ? h(
              'ul',
              { class: 'evidence-files' },
              mine.map((r) => renderFile(r, progress.get(r.localId), t, locale, actions)),
            )
          : null,
      ),
    );
  }
  return list;
}

function renderFile(
  r: StoredEvidence,
  p: { sent: number; total: number } | undefined,
  t: Translate,
  locale: Locale,
  actions: EvidenceViewActions,
): HTMLElement {
  const state = r.error
    ? h('span', { class: 'status error' }, locale === 'en-US' ? r.error.messageEn : r.error.message)
    : r.file
      ? h('span', { class: 'status ok' }, t('evidenceUploaded'))
      : p
        ? h('progress', { max: String(p.total), value: String(p.sent), 'aria-label': t('evidenceUploading') })
        : h('span', { class: 'muted small' }, t('evidenceWaiting'));
  const name = r.file
    ? h(
        'a',
        { href: '#', class: 'evidence-name', onclick: (ev: Event) => (ev.preventDefault(), actions.open(r)) },
        r.target.name,
      )
    : h('span', { class: 'evidence-name' }, r.target.name);
  return h(
    'li',
    { class: 'evidence-file', 'data-name': r.target.name },
    r.thumbnail
      ? h('img', { class: 'thumb', src: r.thumbnail, alt: '' })
      : h('span', { class: 'thumb doc', 'aria-hidden': 'true' }, fileBadge(r.target.name)),
    h('span', { class: 'evidence-meta' }, name, h('span', { class: 'muted small' }, ` ${formatBytes(r.size)}`), state),
    h(
      'button',
      { type: 'button', class: 'link-button', title: t('evidenceRemove'), onclick: () => actions.remove(r) },
      t('evidenceRemove'),
    ),
  );
}

/** A document's extension as its badge (PDF, OFD, DOCX…). */
function fileBadge(name: string): string {
  return (/\.([a-z0-9]{1,4})$/i.exec(name)?.[1] ?? '文件').toUpperCase();
}

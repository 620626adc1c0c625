// The column-matching step: each field a reader needs ← a column of the user's sheet, preselected with the header
// named for it or the most similar one. Used for a plan table, and a unit's ledger, whose headers are not all known;
// open when a choice must be confirmed, folded (to check or correct) when every column was found by a known header.
import { columnLetter } from '../../core/checklist/columns.ts';
import { type HeaderCell } from '../../core/sheet/column-match.ts';
import type { Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface MatchField<K extends string> {
  key: K;
  label: string;
  required: boolean;
}

export interface ColumnMatchModel<K extends string> {
  fields: readonly MatchField<K>[];
  headers: readonly HeaderCell[];
  /** The column chosen now for each field (known, suggested or remembered). */
  columns: Partial<Record<K, number>>;
  /** Fields found by a known header: shown as 已识别, the others as suggestions to check. */
  known: readonly K[];
  /** Where grid column 0 sits in the sheet, for the letters shown. */
  firstColumn?: number;
  /** The hint under the title and the confirm button's words; the plan import's by default. */
  hint?: string;
  confirmLabel?: string;
}

export function columnMatchView<K extends string>(
  model: ColumnMatchModel<K>,
  t: Translate,
  open: boolean,
  onConfirm: (columns: Partial<Record<K, number>>) => void,
): HTMLElement {
  const letter = (i: number) => columnLetter(i + (model.firstColumn ?? 0));
  const selects = model.fields.map((field) => {
    const chosen = model.columns[field.key];
    const select = h(
      'select',
      { 'data-field': field.key, 'aria-label': field.label },
      new Option(t('matchNoColumn'), ''),
      model.headers.map(
        (c) => new Option(`${letter(c.index)}列 · ${c.text}`, String(c.index), false, c.index === chosen),
      ),
    );
    const state =
      chosen === undefined
        ? field.required
          ? t('matchMissing')
          : ''
        : model.known.includes(field.key)
          ? t('matchKnown')
          : t('matchSuggested');
    const row = h(
      'tr',
      { class: chosen !== undefined && !model.known.includes(field.key) ? 'suggested' : '' },
      h('th', {}, field.required ? `${field.label} *` : field.label),
      h('td', {}, select),
      h('td', { class: 'small muted' }, state),
    );
    return { field, select, row };
  });
  const confirm = h(
    'button',
    { type: 'button', class: 'primary match-confirm' },
    model.confirmLabel ?? t('matchConfirmColumns'),
  );
  confirm.addEventListener('click', () => {
    const columns: Partial<Record<K, number>> = {};
    for (const { field, select } of selects) if (select.value !== '') columns[field.key] = Number(select.value);
    onConfirm(columns);
  });
  return h(
    'details',
    { class: 'match', open },
    h('summary', {}, t('matchColumnsTitle')),
    h('p', { class: 'small muted' }, model.hint ?? t('matchColumnsHint')),
    h(
      'table',
      { class: 'match-table' },
      selects.map((s) => s.row),
    ),
    confirm,
  );
}

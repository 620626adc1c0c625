// The row-matching step for a unit's own ledger without 措施编号: each data row with the measure its wording is most
// like, how sure that is, and every other measure of the unit to pick instead. Rows like no measure are listed on
// top as 未对应: they are never dropped (the check flags them until the clerk picks a measure).
import type { Measure } from '../../core/schemas/plan.ts';
import type { RowMatch } from '../../core/checklist/match-rows.ts';
import type { Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface RowMatchModel {
  matches: readonly RowMatch[];
  /** The unit's measures, in plan order. */
  measures: readonly Measure[];
  /** The measure chosen now per sheet row (suggested or remembered); undefined = not matched. */
  chosen: ReadonlyMap<number, string | undefined>;
}

const LEVEL_KEY = {
  sure: 'matchSure',
  likely: 'matchLikely',
  unsure: 'matchUnsure',
  none: 'matchNone',
} as const;

function excerpt(m: RowMatch): string {
  const text = m.measure ?? m.problem ?? '';
  const short = text.length > 28 ? `${text.slice(0, 28)}…` : text;
  return m.item ? `${short}（${m.item}）` : short;
}

export function rowMatchView(
  model: RowMatchModel,
  t: Translate,
  open: boolean,
  onConfirm: (chosen: Map<number, string | undefined>) => void,
): HTMLElement {
  const rows = model.matches.map((m) => {
    const score = new Map(m.candidates.map((c) => [c.measureId, c.score]));
    const ordered = [
      ...m.candidates.map((c) => c.measureId),
      ...model.measures.map((x) => x.id).filter((id) => !score.has(id)),
    ];
    const chosen = model.chosen.get(m.sheetRow);
    const select = h(
      'select',
      { 'data-row': String(m.sheetRow), 'aria-label': t('matchRowLabel', { row: m.sheetRow }) },
      new Option(t('matchNoMeasure'), ''),
      ordered.map((id) => {
        const measure = model.measures.find((x) => x.id === id);
        const pct = score.has(id) ? `（${Math.round(score.get(id)! * 100)}%）` : '';
        return new Option(`${id} ${measure?.title ?? ''}${pct}`, id, false, id === chosen);
      }),
    );
    const level = chosen === undefined ? 'none' : chosen === m.measureId ? m.level : 'sure';
    const li = h(
      'li',
      { class: `row-match ${level}`, 'data-row': String(m.sheetRow) },
      h('span', { class: 'cell' }, t('matchRow', { row: m.sheetRow })),
      h('span', { class: 'wording' }, excerpt(m)),
      select,
      h('span', { class: 'small level' }, chosen === m.measureId ? t(LEVEL_KEY[m.level]) : ''),
    );
    return { m, select, li, level };
  });
  const unmatched = rows.filter((r) => r.level === 'none').map((r) => r.m.sheetRow);
  const confirm = h('button', { type: 'button', class: 'primary match-confirm' }, t('matchConfirmRows'));
  confirm.addEventListener('click', () => {
    onConfirm(new Map(rows.map((r) => [r.m.sheetRow, r.select.value || undefined])));
  });
  return h(
    'details',
    { class: 'match', open },
    h('summary', {}, t('matchRowsTitle', { rows: rows.length, unmatched: unmatched.length })),
    h('p', { class: 'small muted' }, t('matchRowsHint')),
    unmatched.length
      ? h('p', { class: 'status error unmatched' }, t('matchUnmatched', { rows: unmatched.join('、') }))
      : null,
    h(
      'ol',
      { class: 'row-matches' },
      rows.map((r) => r.li),
    ),
    confirm,
  );
}

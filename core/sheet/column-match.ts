// matchColumns: which column of a sheet holds each field a reader needs, for tables laid out by someone else. A
// header that is one of the field's known names is certain; the other fields get the most similar header left
// over as a suggestion (问题表现 → 存在问题), which the pane shows for the user to confirm or change — never used
// unconfirmed. The header row is the one naming the most known fields, or failing that the most similar ones.
import { foldHeader, scanForHeader } from './find-header.ts';
import { cellText } from './normalise-cell.ts';
import { similarity } from '../text/similarity.ts';

export interface FieldSpec<K extends string> {
  readonly key: K;
  /** Headers that mean this field for sure (compared folded, a trailing "（万元）" dropped). */
  readonly names: readonly string[];
  readonly required: boolean;
}

export interface HeaderCell {
  /** 0-based column index in the grid. */
  readonly index: number;
  readonly text: string;
}

export interface ColumnMatch<K extends string> {
  /** 0-based row of the header in the grid. */
  headerRow: number;
  /** The header row's non-blank cells, for the pane's choices. */
  headers: HeaderCell[];
  /** Column index per field: known names and suggestions together. */
  columns: Partial<Record<K, number>>;
  /** Fields whose column was found by a known name; the rest of `columns` is suggested by similarity. */
  known: K[];
  /** Required fields with no known column (suggested or not): the pane must ask. */
  unknownRequired: K[];
  /** The same layout seen again has the same key: a confirmed choice is remembered under it. */
  layoutKey: string;
}

/** A suggestion must be at least this alike (Dice over character pairs) to be offered. */
const SUGGEST_AT = 0.3;

function headerOf(cell: unknown): string {
  return foldHeader(cellText(cell) ?? '').replace(/\([^()]*\)$/, '');
}

/** Every header of the row with the field it names for sure. */
function knownNames<K extends string>(fields: readonly FieldSpec<K>[]): Map<string, K> {
  const byName = new Map<string, K>();
  for (const f of fields) for (const name of f.names) byName.set(foldHeader(name), f.key);
  return byName;
}

function bestSimilarity<K extends string>(text: string, field: FieldSpec<K>): number {
  let best = 0;
  for (const name of field.names) best = Math.max(best, similarity(text, name));
  return best;
}

export function matchColumns<K extends string>(
  grid: readonly (readonly unknown[])[],
  fields: readonly FieldSpec<K>[],
): ColumnMatch<K> | undefined {
  const byName = knownNames(fields);
  const exact = (cell: unknown) => (typeof cell === 'string' ? byName.get(headerOf(cell)) : undefined);
  const alike = (cell: unknown): K | undefined => {
    const text = typeof cell === 'string' ? headerOf(cell) : '';
    if (!text || text.length > 20) return undefined;
    const scored = fields.map((f) => ({ key: f.key, score: bestSimilarity(text, f) }));
    const top = scored.sort((a, b) => b.score - a.score)[0];
    return top && top.score >= SUGGEST_AT ? top.key : undefined;
  };
  const found = scanForHeader(grid, exact) ?? scanForHeader(grid, alike);
  if (!found) return undefined;
  const row = grid[found.row] ?? [];
  const headers: HeaderCell[] = [];
  row.forEach((cell, index) => {
    const text = cellText(cell);
    if (text) headers.push({ index, text });
  });

  const columns: Partial<Record<K, number>> = {};
  const known: K[] = [];
  const taken = new Set<number>();
  for (const h of headers) {
    const key = exact(h.text);
    if (key && columns[key] === undefined) {
      columns[key] = h.index;
      known.push(key);
      taken.add(h.index);
    }
  }
  // Suggestions: the most alike (field, column) pair first, each column used once.
  const pairs: { key: K; index: number; score: number }[] = [];
  for (const f of fields) {
    if (columns[f.key] !== undefined) continue;
    for (const h of headers) {
      if (taken.has(h.index)) continue;
      const score = bestSimilarity(headerOf(h.text), f);
      if (score >= SUGGEST_AT) pairs.push({ key: f.key, index: h.index, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  for (const p of pairs) {
    if (columns[p.key] !== undefined || taken.has(p.index)) continue;
    columns[p.key] = p.index;
    taken.add(p.index);
  }
  return {
    headerRow: found.row,
    headers,
    columns,
    known,
    unknownRequired: fields.filter((f) => f.required && !known.includes(f.key)).map((f) => f.key),
    layoutKey: headers.map((h) => `${h.index}:${headerOf(h.text)}`).join('|'),
  };
}

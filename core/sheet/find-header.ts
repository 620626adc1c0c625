// findHeader: locates the checklist's header row, which may sit below a title and a "填报单位" line, and maps each
// known column to its index. Headers match COLUMNS' header, aliases or English header after folding spaces,
// full-width forms, case, "*" marks and a trailing unit such as "（万元）". scanForHeader is the search itself, also
// used for a published plan's sheet (plan/read-plan-sheet.ts) with its own column names.
import { COLUMNS, type ColumnKey } from '../checklist/columns.ts';
import { foldSpaces } from '../text/fold.ts';

/** Non-blank rows scanned for the header: titles, a unit line and notes come first in real sheets. Blank rows
 * (including the empty rows a caller adds to pad a used range to A1) do not count. */
export const HEADER_SCAN_ROWS = 20;
/** Fewer matching cells than this is a title or note, not a header. */
const MIN_MATCHES = 3;

export interface HeaderResult {
  /** 0-based index of the header row in the grid; -1 when none was found. */
  readonly headerRow: number;
  /** Column index (0-based) per key; the first one when a header appears twice. */
  readonly columns: Partial<Record<ColumnKey, number>>;
  /** Required columns not found. */
  readonly missing: ColumnKey[];
  /** Keys whose header appears in more than one column, with every index. */
  readonly duplicates: { key: ColumnKey; indexes: number[] }[];
}

export function foldHeader(text: string): string {
  return foldSpaces(text).replace(/[*※]+/g, '').toLowerCase();
}

const byHeader = new Map<string, ColumnKey>();
for (const col of COLUMNS) {
  for (const name of [col.header, col.headerEn, ...col.aliases]) byHeader.set(foldHeader(name), col.key);
}

/** Longer than any header with spaces and a unit: such a cell is data, not a header. */
const MAX_HEADER_CHARS = 40;

/** The column key a header cell names, or undefined. */
export function matchHeader(value: unknown): ColumnKey | undefined {
  if (typeof value !== 'string' || value.length > MAX_HEADER_CHARS) return undefined;
  const folded = foldHeader(value);
  if (!folded) return undefined;
  const exact = byHeader.get(folded);
  if (exact) return exact;
  // "已拨付资金（万元）", "完成率（%）": drop a trailing unit in brackets and try again.
  const bare = folded.replace(/\([^()]*\)$/, '');
  return bare !== folded ? byHeader.get(bare) : undefined;
}

function scanRow<K>(row: readonly unknown[], match: (value: unknown) => K | undefined): Map<K, number[]> {
  const found = new Map<K, number[]>();
  row.forEach((value, index) => {
    const key = match(value);
    if (!key) return;
    const list = found.get(key);
    if (list) list.push(index);
    else found.set(key, [index]);
  });
  return found;
}

/** Among the first HEADER_SCAN_ROWS non-blank rows, the one naming the most columns (at least MIN_MATCHES), with
 * every index of each column it names; undefined when no row does. */
export function scanForHeader<K>(
  grid: readonly (readonly unknown[])[],
  match: (value: unknown) => K | undefined,
): { row: number; found: Map<K, number[]> } | undefined {
  let best: { row: number; found: Map<K, number[]> } | undefined;
  let scanned = 0;
  for (let r = 0; r < grid.length && scanned < HEADER_SCAN_ROWS; r++) {
    const row = grid[r];
    if (
      !Array.isArray(row) ||
      row.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))
    )
      continue;
    scanned++;
    const found = scanRow(row, match);
    if (found.size >= MIN_MATCHES && (!best || found.size > best.found.size)) best = { row: r, found };
  }
  return best;
}

export function findHeader(grid: readonly (readonly unknown[])[]): HeaderResult {
  const best = scanForHeader(grid, matchHeader);
  const required = COLUMNS.filter((c) => c.required).map((c) => c.key);
  if (!best) return { headerRow: -1, columns: {}, missing: required, duplicates: [] };

  const columns: Partial<Record<ColumnKey, number>> = {};
  const duplicates: HeaderResult['duplicates'] = [];
  for (const [key, indexes] of best.found) {
    columns[key] = indexes[0]!;
    if (indexes.length > 1) duplicates.push({ key, indexes });
  }
  return { headerRow: best.row, columns, missing: required.filter((k) => columns[k] === undefined), duplicates };
}

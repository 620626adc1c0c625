// Pure address arithmetic for highlighting: cells → merged A1 ranges → comma-joined chunks that
// worksheet.getRanges() accepts. Excel rejects an address string past ~8,000 characters or ~500 areas, so chunks
// stay under 7,000 characters and 400 areas.
import { columnLetter } from '../../core/checklist/columns.ts';

export interface CellRef {
  /** 1-based sheet row. */
  readonly row: number;
  /** Column letters, e.g. "I". */
  readonly column: string;
}

export const MAX_ADDRESS_CHARS = 7_000;
export const MAX_AREAS = 400;

/** "AA" → 26. Returns -1 for anything that is not 1-3 letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sorted distinct numbers → [first, last] of each run of consecutive values: [1,2,3,7] → [[1,3],[7,7]]. */
function consecutiveRuns(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}

/**
 * Merges cells into rectangular A1 ranges: first runs of consecutive rows per column, then side-by-side columns
 * whose runs cover the same rows. Cheap (sort + one pass) and turns a column of 10,000 bad cells into one area.
 * Invalid refs (row < 1, bad column) are dropped; duplicates collapse.
 */
export function mergeCells(cells: readonly CellRef[]): string[] {
  const rowsByColumn = new Map<number, Set<number>>();
  for (const cell of cells) {
    const col = columnIndex(cell.column);
    if (col < 0 || !Number.isInteger(cell.row) || cell.row < 1) continue;
    let rows = rowsByColumn.get(col);
    if (!rows) rowsByColumn.set(col, (rows = new Set()));
    rows.add(cell.row);
  }
  // Vertical runs keyed by "top:bottom" → sorted columns holding that exact run.
  const columnsByRun = new Map<string, number[]>();
  for (const col of [...rowsByColumn.keys()].sort((a, b) => a - b)) {
    for (const [top, bottom] of consecutiveRuns([...rowsByColumn.get(col)!].sort((a, b) => a - b))) {
      const key = `${top}:${bottom}`;
      const list = columnsByRun.get(key);
      if (list) list.push(col);
      else columnsByRun.set(key, [col]);
    }
  }
  const out: { top: number; left: number; address: string }[] = [];
  for (const [key, cols] of columnsByRun) {
    const [top, bottom] = key.split(':').map(Number) as [number, number];
    for (const [left, right] of consecutiveRuns(cols)) {
      const a = `${columnLetter(left)}${top}`;
      const z = `${columnLetter(right)}${bottom}`;
      out.push({ top, left, address: a === z ? a : `${a}:${z}` });
    }
  }
  out.sort((x, y) => x.top - y.top || x.left - y.left);
  return out.map((o) => o.address);
}

/** Joins addresses with "," into strings of at most `maxChars` characters and `maxAreas` areas each. */
export function chunkAddresses(
  addresses: readonly string[],
  maxChars = MAX_ADDRESS_CHARS,
  maxAreas = MAX_AREAS,
): string[] {
  const chunks: string[] = [];
  let current = '';
  let areas = 0;
  for (const address of addresses) {
    const extra = current ? address.length + 1 : address.length;
    if (current && (current.length + extra > maxChars || areas >= maxAreas)) {
      chunks.push(current);
      current = '';
      areas = 0;
    }
    current = current ? `${current},${address}` : address;
    areas++;
  }
  if (current) chunks.push(current);
  return chunks;
}

// Colours the cells core's validation flagged — errors and warnings in two colours — and takes the previous
// highlight away, without ever touching a fill the pane did not set:
// - The previous highlight's cells are remembered (document settings, per sheet) as addresses, plus the fill each
//   cell had before the pane coloured it. Addresses are absolute, so after the user inserts, deletes or sorts rows a
//   remembered address may hold someone else's cell. So the current fill of every remembered cell is read first
//   (in the read sync, see probeHighlights) and only cells still carrying one of the pane's two colours are
//   restored — to their remembered original fill, or to no fill.
// - The fill of every cell about to be coloured is read in the same request just before colouring it (requests run
//   in order), so its original can be restored next time.
// Validate + highlight stays two syncs: the probe rides on the read's sync, restoring and colouring share one.
// One file: the probe, the plan and the write of a highlight share the remembered-fill format above.
import { columnLetter } from '../../core/checklist/columns.ts';
import { HIGHLIGHT_COLORS } from '../sheets/highlight-colors.ts';
import { chunkAddresses, columnIndex, mergeCells, type CellRef } from './address-chunks.ts';
import { getDocSetting, setDocSetting } from './doc-settings.ts';
import { runExcel } from './run-excel.ts';

export interface HighlightIssue extends CellRef {
  readonly severity: 'error' | 'warning';
}

const MEMORY_KEY = 'highlights';
/** Above this many remembered characters, per-column bounding ranges are stored (safe: only our colours are cleared). */
const MEMORY_MAX_CHARS = 60_000;
/** Probing more areas than this reads per-column bounding ranges instead (fewer objects in one request). */
const PROBE_MAX_AREAS = 300;

/** Per sheet: the areas coloured last time and the non-default fills those cells had before ("I7" → "#FFFF00"). */
export interface SheetMemory {
  areas: string[];
  originals: Record<string, string>;
}
type Memory = Record<string, SheetMemory | string[]>;
/** Current fill of each remembered cell, by sheet: the answer of probeHighlights. */
export type HighlightProbe = Map<string, Map<string, string>>;

const isOurs = (color: string | undefined) =>
  !!color && Object.values(HIGHLIGHT_COLORS).some((c) => c.toLowerCase() === color.toLowerCase());
/** Excel answers "#FFFFFF" for a cell without fill; nothing to restore then. */
const isPlain = (color: string | undefined) => !color || color.toUpperCase() === '#FFFFFF';

function memoryOf(sheetName: string): SheetMemory {
  const m = (getDocSetting<Memory>(MEMORY_KEY) ?? {})[sheetName];
  if (!m) return { areas: [], originals: {} };
  return Array.isArray(m) ? { areas: m, originals: {} } : m; // older versions kept bare addresses
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
function box(area: string): Box {
  const [a, b = a] = area.split(':') as [string, string?];
  const p = /^([A-Z]+)(\d+)$/i.exec(a)!;
  const q = /^([A-Z]+)(\d+)$/i.exec(b!)!;
  return { top: Number(p[2]), left: columnIndex(p[1]!), bottom: Number(q[2]), right: columnIndex(q[1]!) };
}
function cellsOf(b: Box): string[] {
  const out: string[] = [];
  for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) out.push(`${columnLetter(c)}${r}`);
  return out;
}
/** Few areas: the areas themselves; many: one bounding range per column (bounded request size). */
function probeAreas(areas: readonly string[]): string[] {
  if (areas.length <= PROBE_MAX_AREAS) return [...areas];
  return columnBounds(
    areas.flatMap((a) =>
      cellsOf(box(a)).map((c) => ({ column: /^[A-Z]+/.exec(c)![0], row: Number(/\d+$/.exec(c)![0]) })),
    ),
  );
}

/** Queues reads of each cell's fill in the areas; the returned function gives "A1" → colour after the sync. */
function queueFillRead(sheet: Excel.Worksheet, areas: readonly string[]): () => Map<string, string> {
  const reads = probeAreas(areas).map((area) => ({
    box: box(area),
    props: sheet.getRange(area).getCellProperties({ format: { fill: { color: true } } }),
  }));
  return () => {
    const fills = new Map<string, string>();
    for (const { box: b, props } of reads)
      props.value.forEach((line, i) =>
        line.forEach((cell, j) => fills.set(`${columnLetter(b.left + j)}${b.top + i}`, cell.format?.fill?.color ?? '')),
      );
    return fills;
  };
}

/**
 * Queues, inside another batch (the read), a read of the current fill of every remembered highlight cell, for all
 * sheets with a memory. Call the returned function after that batch's sync. Requirement set: Range.getCellProperties
 * (ExcelApi 1.9), worksheets.getItemOrNullObject (1.4).
 */
export function probeHighlights(context: Excel.RequestContext): () => HighlightProbe {
  const memory = getDocSetting<Memory>(MEMORY_KEY) ?? {};
  const pending = Object.keys(memory).map((name) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    const areas = memoryOf(name).areas;
    return { name, sheet, read: areas.length ? queueFillRead(sheet, areas) : undefined };
  });
  return () => {
    const probe: HighlightProbe = new Map();
    for (const p of pending) if (!p.sheet.isNullObject && p.read) probe.set(p.name, p.read());
    return probe;
  };
}

export interface HighlightPlan {
  /** Chunks to take our fill off (cells still ours, no original to restore). */
  clear: string[];
  /** Cells still ours that get their original fill back, by colour. */
  restore: Record<string, string[]>;
  error: string[];
  warning: string[];
  /** Merged areas to remember as coloured this time. */
  remember: string[];
}

/** Pure part. `current` is each remembered cell's fill now; a cell with both severities gets the error colour. */
export function planHighlight(
  previous: SheetMemory,
  current: ReadonlyMap<string, string>,
  issues: readonly HighlightIssue[],
): HighlightPlan {
  const errorKeys = new Set<string>();
  const errors: CellRef[] = [];
  const warnings: CellRef[] = [];
  for (const i of issues)
    if (i.severity === 'error') {
      errors.push(i);
      errorKeys.add(`${i.column.toUpperCase()}${i.row}`);
    }
  for (const i of issues)
    if (i.severity === 'warning' && !errorKeys.has(`${i.column.toUpperCase()}${i.row}`)) warnings.push(i);
  const clear: CellRef[] = [];
  const restore: Record<string, CellRef[]> = {};
  for (const area of previous.areas) {
    for (const cell of cellsOf(box(area))) {
      if (!isOurs(current.get(cell))) continue; // moved, refilled or cleared by the user: not ours to touch
      const ref = { column: /^[A-Z]+/.exec(cell)![0], row: Number(/\d+$/.exec(cell)![0]) };
      const original = previous.originals[cell];
      if (isPlain(original) || isOurs(original)) clear.push(ref);
      else (restore[original!] ??= []).push(ref);
    }
  }
  const error = mergeCells(errors);
  const warning = mergeCells(warnings);
  let remember = [...error, ...warning];
  if (remember.join(',').length > MEMORY_MAX_CHARS) remember = columnBounds([...errors, ...warnings]);
  return {
    clear: chunkAddresses(mergeCells(clear)),
    restore: Object.fromEntries(
      Object.entries(restore).map(([color, cells]) => [color, chunkAddresses(mergeCells(cells))]),
    ),
    error: chunkAddresses(error),
    warning: chunkAddresses(warning),
    remember,
  };
}

function columnBounds(cells: readonly CellRef[]): string[] {
  const bounds = new Map<string, [number, number]>();
  for (const c of cells) {
    const col = c.column.toUpperCase();
    const b = bounds.get(col);
    if (!b) bounds.set(col, [c.row, c.row]);
    else bounds.set(col, [Math.min(b[0], c.row), Math.max(b[1], c.row)]);
  }
  return [...bounds].map(([col, [top, bottom]]) => (top === bottom ? `${col}${top}` : `${col}${top}:${col}${bottom}`));
}

/**
 * Requirement sets: Workbook.worksheets.getItem (ExcelApi 1.1), Worksheet.getRanges → RangeAreas with
 * format.fill.clear()/color and Range.getCellProperties (ExcelApi 1.9). One sync when `probe` comes from the read's
 * sync (probeHighlights); without it, one more sync to read the remembered cells first.
 */
export async function highlightIssues(
  sheetName: string,
  issues: readonly HighlightIssue[],
  probe?: HighlightProbe,
): Promise<{ areas: number; chunks: number }> {
  const previous = memoryOf(sheetName);
  let plan: HighlightPlan | undefined;
  let originals: Record<string, string> = {};
  await runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    let current = probe?.get(sheetName);
    if (!current && previous.areas.length) {
      const read = queueFillRead(sheet, previous.areas);
      await context.sync();
      current = read();
    }
    plan = planHighlight(previous, current ?? new Map(), issues);
    for (const chunk of plan.clear) sheet.getRanges(chunk).format.fill.clear();
    for (const [color, chunks] of Object.entries(plan.restore))
      for (const chunk of chunks) sheet.getRanges(chunk).format.fill.color = color;
    // Read after restoring, before colouring: the fills the user will get back next time.
    const before = queueFillRead(sheet, plan.remember);
    for (const chunk of plan.error) sheet.getRanges(chunk).format.fill.color = HIGHLIGHT_COLORS.error;
    for (const chunk of plan.warning) sheet.getRanges(chunk).format.fill.color = HIGHLIGHT_COLORS.warning;
    await context.sync();
    for (const [cell, color] of before()) if (!isPlain(color) && !isOurs(color)) originals[cell] = color;
  });
  const p = plan!;
  const all = getDocSetting<Memory>(MEMORY_KEY) ?? {};
  const next: Memory = { ...all };
  if (p.remember.length) next[sheetName] = { areas: p.remember, originals };
  else delete next[sheetName];
  await setDocSetting(MEMORY_KEY, next);
  const restoreChunks = Object.values(p.restore).reduce((n, c) => n + c.length, 0);
  return { areas: p.remember.length, chunks: p.clear.length + restoreChunks + p.error.length + p.warning.length };
}

/** Removes our highlight from a sheet (e.g. before printing). Same requirement sets as highlightIssues. */
export async function clearHighlights(sheetName: string): Promise<void> {
  await highlightIssues(sheetName, []);
}

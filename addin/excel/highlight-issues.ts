// Colours the cells core's validation flagged — errors and warnings in two colours — and clears the previous
// highlight first, all in ONE sync. The previous highlight's addresses are remembered in the document settings
// (per sheet) so that only cells we coloured are cleared. Known limit: the addresses are absolute, so if the user
// inserts, deletes or sorts rows between two validations, a fill of their own that moved onto a remembered address
// is cleared too (checking each cell's colour first would cost a third sync); past MEMORY_MAX_CHARS the memory
// keeps per-column bounds, which may over-clear the same way.
import { chunkAddresses, mergeCells, type CellRef } from './address-chunks.ts';
import { getDocSetting, setDocSetting } from './doc-settings.ts';

export interface HighlightIssue extends CellRef {
  readonly severity: 'error' | 'warning';
}

export const HIGHLIGHT_COLORS = { error: '#FDE7E9', warning: '#FFF4CE' } as const;
const MEMORY_KEY = 'highlights';
/** Above this many remembered characters, per-column bounding ranges are stored instead (may over-clear a little). */
const MEMORY_MAX_CHARS = 60_000;

type Memory = Record<string, string[]>;

export interface HighlightPlan {
  clear: string[];
  error: string[];
  warning: string[];
  remember: string[];
}

/** Pure part: which address chunks to clear, colour red and colour yellow. A cell with both gets the error colour. */
export function planHighlight(previous: readonly string[], issues: readonly HighlightIssue[]): HighlightPlan {
  const errorKeys = new Set<string>();
  const errors: CellRef[] = [];
  const warnings: CellRef[] = [];
  for (const i of issues) if (i.severity === 'error') {
    errors.push(i);
    errorKeys.add(`${i.column.toUpperCase()}${i.row}`);
  }
  for (const i of issues) if (i.severity === 'warning' && !errorKeys.has(`${i.column.toUpperCase()}${i.row}`)) warnings.push(i);
  const error = mergeCells(errors);
  const warning = mergeCells(warnings);
  let remember = [...error, ...warning];
  if (remember.join(',').length > MEMORY_MAX_CHARS) remember = columnBounds([...errors, ...warnings]);
  return { clear: chunkAddresses(previous), error: chunkAddresses(error), warning: chunkAddresses(warning), remember };
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
 * format.fill.clear()/color (ExcelApi 1.9). One Excel.run, one sync, however many rows are flagged.
 */
export async function highlightIssues(sheetName: string, issues: readonly HighlightIssue[]): Promise<{ areas: number; chunks: number }> {
  const memory = getDocSetting<Memory>(MEMORY_KEY) ?? {};
  const plan = planHighlight(memory[sheetName] ?? [], issues);
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    for (const chunk of plan.clear) sheet.getRanges(chunk).format.fill.clear();
    for (const chunk of plan.error) sheet.getRanges(chunk).format.fill.color = HIGHLIGHT_COLORS.error;
    for (const chunk of plan.warning) sheet.getRanges(chunk).format.fill.color = HIGHLIGHT_COLORS.warning;
    await context.sync();
  });
  const next: Memory = { ...memory };
  if (plan.remember.length) next[sheetName] = plan.remember;
  else delete next[sheetName];
  await setDocSetting(MEMORY_KEY, next);
  return { areas: plan.remember.length, chunks: plan.clear.length + plan.error.length + plan.warning.length };
}

/** Removes our highlight from a sheet (e.g. before printing). Same requirement sets as highlightIssues. */
export async function clearHighlights(sheetName: string): Promise<void> {
  await highlightIssues(sheetName, []);
}

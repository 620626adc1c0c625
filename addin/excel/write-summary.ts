// Writes the supervisor's summary sheets (汇总-按单位, 未报单位, 汇总-按措施, 报送矩阵, 报送明细): one sync to learn which
// sheets exist, then one sync per sheet (existing sheets are cleared and reused, keeping their position) — a large
// table in several, each within half of Excel on the web's 5 MB request limit (request-budget.ts) — then the print
// setup, read back in a sync of its own: a host may accept "one page wide" and not apply it (office-js issue 1860).
import type { Details, Matrix, Summary } from '../../core/schemas/api.ts';
import { columnLetter } from '../../core/checklist/columns.ts';
import { chunkAddresses, mergeCells } from './address-chunks.ts';
import { charsToPoints } from './column-width.ts';
import { isSetSupported } from './host.ts';
import { ACTION_BYTES, payloadBytes, REQUEST_BUDGET_BYTES, rowSlices } from './request-budget.ts';
import { runExcel } from './run-excel.ts';
import { titleHeight } from '../sheets/template-layout.ts';
import type { PrintSetup } from '../sheets/print-setup.ts';
import { printSetupOf, summarySheets, type SheetSpec } from '../sheets/summary-sheets.ts';
import { applyPrint } from './page-layout.ts';

export const LINK_COLOR = '#0563C1';

/**
 * Requirement sets: worksheets.load/add, Worksheet.getRange().clear, Range.values/numberFormat/merge/format (ExcelApi 1.1–1.2),
 * Worksheet.freezePanes and Range.hyperlink (1.7), Worksheet.getRanges → RangeAreas.format.fill.color (1.9), Worksheet.pageLayout (1.9).
 */
export async function writeSummarySheets(summary: Summary, matrix: Matrix, details?: Details): Promise<string[]> {
  return (await writeSheets(summarySheets(summary, matrix, details))).names;
}

/** A sheet rebuilt whole in the same write sync: deleted when present, then added and written (the 趋势 sheet: clearing
 * its cells would leave the old charts behind). */
export interface RebuiltSheet {
  name: string;
  write(sheet: Excel.Worksheet): void;
  print?: PrintSetup;
}

export interface WrittenSheets {
  names: string[];
  /** False when the host has no Worksheet.pageLayout (ExcelApi 1.9) or refused the print setup. */
  printSetup: boolean;
  /** Sheets whose "all columns on one page wide" the host accepted but did not apply (read back after the sync). */
  fitIgnored: string[];
}

/**
 * Writes sheet specs, each into the sheet of its name (cleared and reused, or added), so sheets of other names —
 * earlier periods' — stay. Print setup of every sheet (Worksheet.pageLayout, ExcelApi 1.9) goes in a last sync of its
 * own: a host without it or refusing it keeps the written sheets, and `printSetup` says so; then the zoom is read back
 * (`fitIgnored`).
 */
export async function writeSheets(
  specs: SheetSpec[],
  rebuilt: RebuiltSheet[] = [],
  /** Called before each sheet's sync: its name, its place (1-based) and how many there are. */
  onProgress: (sheet: string, n: number, of: number) => void = () => undefined,
): Promise<WrittenSheets> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const existing = new Set(sheets.items.map((s) => s.name));
    const total = specs.length + rebuilt.length;
    let n = 0;
    for (const spec of specs) {
      onProgress(spec.name, ++n, total);
      let sheet: Excel.Worksheet;
      if (existing.has(spec.name)) {
        sheet = sheets.getItem(spec.name);
        sheet.getRange().clear();
      } else sheet = sheets.add(spec.name);
      await writeSpec(context, sheet, spec);
      await context.sync();
    }
    for (const r of rebuilt) {
      onProgress(r.name, ++n, total);
      if (existing.has(r.name)) sheets.getItem(r.name).delete();
      r.write(sheets.add(r.name));
      await context.sync();
    }
    if (specs.length) sheets.getItem(specs[0]!.name).activate();
    // Every sheet prints (A4 landscape, one page wide, unless its spec says otherwise); the activation rides with the
    // print setup's sync (or one of its own on a host without pageLayout).
    const printed = [
      ...specs.map((s) => ({ name: s.name, print: printSetupOf(s) })),
      ...rebuilt.flatMap((r) => (r.print ? [{ name: r.name, print: r.print }] : [])),
    ];
    let printSetup = isSetSupported('ExcelApi', '1.9');
    let fitIgnored: string[] = [];
    if (printSetup) {
      for (const p of printed) applyPrint(sheets.getItem(p.name), p.print);
      printSetup = await context.sync().then(
        () => true,
        () => false,
      );
      if (printSetup) fitIgnored = await fitNotApplied(context, printed);
    } else await context.sync();
    return { names: [...specs.map((s) => s.name), ...rebuilt.map((r) => r.name)], printSetup, fitIgnored };
  });
}

/** The sheets, of those asked to print one page wide, whose zoom reads back as anything else. */
async function fitNotApplied(
  context: Excel.RequestContext,
  printed: { name: string; print: PrintSetup }[],
): Promise<string[]> {
  const wide = printed.filter((p) => p.print.fitToWidth);
  const layouts = wide.map((p) => context.workbook.worksheets.getItem(p.name).pageLayout.load('zoom'));
  await context.sync();
  return wide.filter((_, i) => layouts[i]!.zoom.horizontalFitToPages !== 1).map((p) => p.name);
}

/** Queues one sheet; a table too large for one request is written in row slices, with a sync after all but the last. */
async function writeSpec(context: Excel.RequestContext, sheet: Excel.Worksheet, spec: SheetSpec): Promise<void> {
  const width = Math.max(spec.header.length, ...spec.rows.map((r) => r.length));
  const last = columnLetter(width - 1);
  const title = sheet.getRange(`A1:${last}1`);
  title.merge(false);
  title.values = [Array.from({ length: width }, (_, i) => (i === 0 ? spec.title : ''))];
  title.format.font.bold = true;
  title.format.font.size = 13;
  // Wrapped, its height from the text as the .xlsx path sets it (Excel does not fit a merged row): a title with the
  // 整改完成率 lines under it shows them all.
  title.format.wrapText = true;
  title.format.verticalAlignment = 'Top';
  title.format.rowHeight = titleHeight(spec);

  const table = [spec.header, ...spec.rows].map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  const text = new Set(spec.text);
  const formats = Array.from({ length: width }, (_, i) => (text.has(i) ? '@' : 'General'));
  const formatBytes = payloadBytes(formats);
  const rowBytes = (row: unknown[]) => payloadBytes(row) + formatBytes;
  const slices = rowSlices(table, rowBytes);
  let queued = 0; // bytes of the request being queued
  for (const [n, [from, to]] of slices.entries()) {
    queued = table.slice(from, to).reduce((sum, row) => sum + rowBytes(row), 0);
    if (n > 0) await context.sync();
    // Table row i is sheet row i + 2 (the title is row 1); data rows start at sheet row 3.
    const [top, bottom] = [from + 2, to + 1];
    const dataTop = Math.max(top, 3);
    // Text format BEFORE values (queued in order, same sync): otherwise Excel turns "1-1" into 1 January.
    if (bottom >= dataTop)
      sheet.getRange(`A${dataTop}:${last}${bottom}`).numberFormat = Array.from(
        { length: bottom - dataTop + 1 },
        () => formats,
      );
    sheet.getRange(`A${top}:${last}${bottom}`).values = table.slice(from, to);
  }
  const header = sheet.getRange(`A2:${last}2`);
  header.format.font.bold = true;
  header.format.fill.color = '#DCE9F7';
  header.format.wrapText = true;
  if (spec.wrap?.length && spec.rows.length) {
    const lastRow = table.length + 1;
    // Long texts (整改进展…) wrap inside their column; top alignment keeps a unit's row readable side by side.
    sheet.getRange(`A3:${last}${lastRow}`).format.verticalAlignment = 'Top';
    for (const c of spec.wrap) {
      const l = columnLetter(c);
      sheet.getRange(`${l}3:${l}${lastRow}`).format.wrapText = true;
    }
  }
  spec.widths.forEach((w, i) => {
    const l = columnLetter(i);
    sheet.getRange(`${l}:${l}`).format.columnWidth = charsToPoints(w);
  });
  for (const area of spec.merges ?? []) sheet.getRange(area).merge(false);
  // One cell per link (Range.hyperlink, ExcelApi 1.7), styled as Excel styles a typed link; thousands of links go in
  // parts within the budget too.
  for (const link of spec.links ?? []) {
    const bytes = 4 * ACTION_BYTES + payloadBytes(link);
    if (queued + bytes > REQUEST_BUDGET_BYTES) {
      await context.sync();
      queued = 0;
    }
    queued += bytes;
    const cell = sheet.getRange(`${link.column}${link.row}`);
    cell.hyperlink = { address: link.url, textToDisplay: link.text };
    cell.format.font.color = LINK_COLOR;
    cell.format.font.underline = 'Single';
  }
  for (const [color, cells] of Object.entries(spec.fills)) {
    for (const chunk of chunkAddresses(mergeCells(cells))) sheet.getRanges(chunk).format.fill.color = color;
  }
  // Activate first: on Excel desktop, freezing panes of a sheet that is not active freezes the active one. The
  // caller activates the first sheet again at the end.
  sheet.activate();
  sheet.freezePanes.freezeRows(2);
}

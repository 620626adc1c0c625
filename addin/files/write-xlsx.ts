// Writes the supervisor's sheets (any SheetSpec[]: summary, 销号台账…; fields it does not know are ignored) as an
// .xlsx in the browser with exceljs, as excel/write-summary.ts writes them into Excel. Text columns get the '@'
// format, so user text lands in text cells and stays inert. The unit's template: template-xlsx.ts.
import { columnLetter } from '../../core/checklist/columns.ts';
import { HEADER_FILL, titleHeight, wrappedHeight } from '../sheets/template-layout.ts';
import { printSetupOf, type SheetSpec } from '../sheets/summary-sheets.ts';
import { columnNumber } from './mark-cells.ts';
import { newWorkbook, pageSetup, solid, toBytes } from './xlsx-workbook.ts';

/**
 * Width in characters of the text at sheet row `row`, 0-based column `c`: its column's, or the whole span of a merge
 * across the row (a problem's heading). 10% spare: LibreOffice's and WPS's CJK fonts run a little wider than Excel's.
 */
function spanWidth(spec: SheetSpec, row: number, c: number): number {
  const width = (from: number, to: number) => spec.widths.slice(from, to + 1).reduce((a, b) => a + b, 0) || 8;
  const merge = spec.merges
    ?.map((m) => /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m))
    .find((m) => m && Number(m[2]) === row && Number(m[4]) === row && m[1] === columnLetter(c));
  return 0.9 * (merge ? width(c, columnNumber(merge[3]!) - 1) : width(c, c));
}

/** One worksheet per spec: title row, header row, rows, fills, widths, wrapped and text columns, frozen header, print setup. */
export async function specsToXlsx(specs: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = await newWorkbook();
  for (const spec of specs) {
    // Every sheet prints as in Excel: the spec's setup, else A4 landscape one page wide.
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: pageSetup(printSetupOf(spec)),
    });
    const width = Math.max(spec.header.length, ...spec.rows.map((r) => r.length));
    ws.getCell('A1').value = spec.title;
    ws.getCell('A1').font = { bold: true, size: 13 };
    if (width > 1) ws.mergeCells(1, 1, 1, width);
    // Heights written out: a reader does not grow rows for wrapped text on opening, so a long title, header or
    // progress text would print cut off.
    ws.getCell('A1').alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(1).height = titleHeight(spec);
    ws.getRow(2).height = wrappedHeight(spec.header.map((h, i) => ({ text: h, width: spec.widths[i] ?? 8 })));
    const text = new Set(spec.text);
    const wrap = new Set(spec.wrap ?? []);
    spec.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    const header = ws.getRow(2);
    spec.header.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = solid(HEADER_FILL);
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    spec.rows.forEach((r, i) => {
      const row = ws.getRow(3 + i);
      for (let c = 0; c < width; c++) {
        const cell = row.getCell(c + 1);
        const v = r[c] ?? '';
        if (text.has(c)) cell.numFmt = '@';
        cell.value = v;
        // Long texts wrap inside their column; top alignment keeps a unit's row readable side by side.
        if (wrap.size) cell.alignment = { wrapText: wrap.has(c), vertical: 'top' };
      }
      row.height = wrappedHeight([...wrap].map((c) => ({ text: r[c], width: spanWidth(spec, 3 + i, c) })));
    });
    for (const area of spec.merges ?? []) ws.mergeCells(area);
    for (const link of spec.links ?? []) {
      const cell = ws.getCell(`${link.column}${link.row}`);
      cell.value = { text: link.text, hyperlink: link.url };
      cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    for (const [color, cells] of Object.entries(spec.fills))
      for (const { row, column } of cells) ws.getCell(`${column}${row}`).fill = solid(color);
  }
  return toBytes(wb);
}

// A table as WPS users hand it in, written by LibreOffice (the stand-in for WPS that runs here): the grid goes into a
// flat ODS document whose chosen columns merge each filled cell over the blank cells below it (as 存在问题 is merged
// over its measures), and LibreOffice converts that to .xlsx. readBack gives the values a reader of that .xlsx sees.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readUpload } from '../../addin/files/read-upload.ts';
import { soffice } from './soffice.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cell(v: unknown, rowsSpanned: number): string {
  const span = rowsSpanned > 1 ? ` table:number-rows-spanned="${rowsSpanned}"` : '';
  if (typeof v === 'number')
    return `<table:table-cell${span} office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  const text = v === null || v === undefined ? '' : String(v);
  if (!text) return `<table:table-cell${span}/>`;
  return `<table:table-cell${span} office:value-type="string"><text:p>${esc(text)}</text:p></table:table-cell>`;
}

/**
 * `mergeColumns`: 0-based columns whose filled cells in rows `fromRow`..`toRow` (0-based, inclusive) merge down over
 * the blank cells under them — the layout a reader sees as blank cells below the first.
 */
export function libreOfficeXlsx(
  grid: readonly (readonly unknown[])[],
  o: { dir: string; name: string; sheet: string; mergeColumns: number[]; fromRow: number; toRow: number },
): string {
  const spans = grid.map((row) => row.map(() => 1));
  const covered = grid.map((row) => row.map(() => false));
  for (const c of o.mergeColumns) {
    for (let r = o.fromRow; r <= o.toRow; r++) {
      if (grid[r]?.[c] === '' || covered[r]![c]) continue;
      let end = r;
      while (end + 1 <= o.toRow && grid[end + 1]?.[c] === '') end++;
      spans[r]![c] = end - r + 1;
      for (let k = r + 1; k <= end; k++) covered[k]![c] = true;
    }
  }
  const rows = grid
    .map(
      (row, r) =>
        `<table:table-row>${row.map((v, c) => (covered[r]![c] ? '<table:covered-table-cell/>' : cell(v, spans[r]![c]!))).join('')}</table:table-row>`,
    )
    .join('\n');
  const fods = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="${esc(o.sheet)}">
${rows}
</table:table></office:spreadsheet></office:body></office:document>`;
  const source = path.join(o.dir, `${o.name}.fods`);
  writeFileSync(source, fods);
  return soffice(source, 'xlsx', o.dir);
}

/** The first sheet's values as the page's reader takes them from the file (merged cells blank below the first). */
export async function readBack(file: string): Promise<{ sheetName: string; grid: unknown[][] }> {
  const book = await readUpload(path.basename(file), new Uint8Array(readFileSync(file)));
  const sheet = book.sheets[0]!;
  return { sheetName: sheet.name, grid: sheet.grid as unknown[][] };
}

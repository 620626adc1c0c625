// Reads an uploaded workbook into A1-padded grids, one per sheet, with the values Excel's own read would give the
// add-in: the cached result of a formula, dates as serial numbers, "" in the covered cells of a merge, numbers in
// %-formatted cells scaled (85% → 85). .xlsx goes through exceljs (kept, so 下载标注版 can return the same workbook);
// .xls/.ods through SheetJS (read only); .csv is decoded here. This folder is the only code importing those libraries.
import type ExcelJS from 'exceljs';
import { isPercentFormat, percentToNumber } from '../sheets/percent-cells.ts';
import { decodeCsv, parseCsv } from './csv.ts';
import { MAX_SHEETS, MAX_UPLOAD_BYTES, UploadError } from './upload-error.ts';
import { LEGACY_LIST_SHEET_NAME, LIST_SHEET_NAME } from '../sheets/template-layout.ts';

export interface LoadedSheet {
  name: string;
  grid: unknown[][];
}

export interface LoadedBook {
  fileName: string;
  kind: 'xlsx' | 'xls' | 'ods' | 'csv';
  sheets: LoadedSheet[];
  /** The file as uploaded (下载标注版 loads it again, so each 标注版 starts from the user's own workbook). */
  bytes: Uint8Array;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b];
const starts = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);

export function fileKind(name: string): LoadedBook['kind'] {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (ext === 'et' || ext === 'ett') throw new UploadError('et');
  if (ext === 'xlsx' || ext === 'xlsm' || ext === 'xls' || ext === 'ods' || ext === 'csv')
    return ext === 'xlsm' ? 'xlsx' : ext;
  throw new UploadError('type', { ext: ext ? `.${ext}` : name });
}

export async function readUpload(fileName: string, bytes: Uint8Array): Promise<LoadedBook> {
  const kind = fileKind(fileName);
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new UploadError('too_big', {
      mb: (bytes.length / 1024 / 1024).toFixed(1),
      max: MAX_UPLOAD_BYTES / 1024 / 1024,
    });
  if (!bytes.length) throw new UploadError('empty_file');
  // An .xlsx with an opening password is an OLE container holding the encrypted package, not a zip.
  if (kind === 'xlsx' && starts(bytes, OLE_MAGIC)) throw new UploadError('encrypted');
  if ((kind === 'xlsx' || kind === 'ods') && !starts(bytes, ZIP_MAGIC)) throw new UploadError('corrupt');
  // An .xls is a BIFF (OLE) file, or the HTML/XML some systems export under that name; SheetJS would read any
  // other text as CSV, so it is refused here.
  if (kind === 'xls' && !starts(bytes, OLE_MAGIC) && !/^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 512))))
    throw new UploadError('corrupt');
  let book: LoadedBook;
  try {
    if (kind === 'csv')
      book = {
        fileName,
        kind,
        bytes,
        sheets: [{ name: fileName.replace(/\.csv$/i, '').slice(0, 31) || 'Sheet1', grid: parseCsv(decodeCsv(bytes)) }],
      };
    else if (kind === 'xlsx') book = await readXlsx(fileName, bytes);
    else book = await readWithSheetJs(fileName, kind, bytes);
  } catch (e) {
    if (e instanceof UploadError) throw e;
    console.warn('[rectify] upload unreadable', e);
    throw new UploadError(/password|encrypt/i.test(String((e as Error)?.message)) ? 'encrypted' : 'corrupt');
  }
  if (book.sheets.length > MAX_SHEETS)
    throw new UploadError('too_many_sheets', { count: book.sheets.length, max: MAX_SHEETS });
  if (!book.sheets.length) throw new UploadError('no_sheet');
  return book;
}

/** Excel's serial day number for a date exceljs read (exceljs gives the wall-clock time as UTC). */
const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569;

function plainValue(cell: ExcelJS.Cell): unknown {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  let v: unknown = cell.value;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as {
      result?: unknown;
      richText?: { text: string }[];
      text?: unknown;
      error?: string;
      formula?: string;
      sharedFormula?: string;
    };
    if ('formula' in o || 'sharedFormula' in o) v = o.result ?? '';
    else if (o.richText) v = o.richText.map((r) => r.text).join('');
    else if ('text' in o) v = o.text;
    else if (o.error) v = o.error;
  }
  if (v instanceof Date) v = serial(v);
  if (v && typeof v === 'object' && 'error' in (v as object)) v = (v as { error: string }).error;
  if (typeof v === 'number' && isPercentFormat(cell.numFmt)) v = percentToNumber(v);
  return v ?? '';
}

export async function loadXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const { default: ExcelJSLib } = await import('./exceljs-lib.ts');
  const wb = new ExcelJSLib.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

async function readXlsx(fileName: string, bytes: Uint8Array): Promise<LoadedBook> {
  const wb = await loadXlsx(bytes);
  // Hidden sheets (a template's dropdown list, RectifyLists) are not offered: the clerk cannot see them either.
  const sheets = wb.worksheets
    .filter((ws) => ws.state === 'visible' || wb.worksheets.every((w) => w.state !== 'visible'))
    .map((ws) => {
      const grid: unknown[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        const line: unknown[] = [];
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          line[c - 1] = plainValue(cell);
        });
        grid[r - 1] = Array.from(line, (x) => x ?? '');
      });
      return { name: ws.name, grid: Array.from(grid, (x) => x ?? []) };
    });
  return { fileName, kind: 'xlsx', bytes, sheets };
}

async function readWithSheetJs(fileName: string, kind: 'xls' | 'ods', bytes: Uint8Array): Promise<LoadedBook> {
  const XLSX = (await import('./sheetjs-lib.ts')).default;
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellDates: false, cellStyles: false });
  const hidden = new Set((wb.Workbook?.Sheets ?? []).filter((s) => s.Hidden).map((s) => s.name));
  // SheetJS does not read an .ods sheet's visibility: the template's own list sheets are left out by name as well.
  const names = wb.SheetNames.filter((n) => !hidden.has(n) && n !== LIST_SHEET_NAME && n !== LEGACY_LIST_SHEET_NAME);
  const sheets = (names.length ? names : wb.SheetNames).map((name) => {
    const ws = wb.Sheets[name]!;
    const grid: unknown[][] = [];
    if (ws['!ref']) {
      const range = XLSX.utils.decode_range(ws['!ref']);
      for (let r = 0; r <= range.e.r; r++) {
        const line: unknown[] = [];
        for (let c = 0; c <= range.e.c; c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })] as { v?: unknown; z?: unknown; t?: string } | undefined;
          let v: unknown = cell?.v ?? '';
          if (cell?.t === 'e') v = (cell as { w?: string }).w ?? '';
          if (typeof v === 'number' && isPercentFormat(cell?.z)) v = percentToNumber(v);
          line.push(v);
        }
        grid.push(line);
      }
    }
    return { name, grid };
  });
  return { fileName, kind, bytes, sheets };
}

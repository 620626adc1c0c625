// LibreOffice headless (Debian's libreoffice-calc-nogui) as the real spreadsheet program that opens our CSV: the
// stand-in for WPS/Excel that runs on this machine. Each caller passes its own profile directory so two runs never
// share (or lock) one LibreOffice user installation.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCsv } from '../../addin/files/csv.ts';

export const SOFFICE = '/usr/bin/soffice';

/**
 * The separator sets LibreOffice's Text Import offers (character codes joined by "/": tab 9, comma 44, semicolon 59,
 * space 32), alone and together; Excel splits on the locale's list separator (comma or semicolon) or tab.
 */
export const SEPARATOR_SETS = {
  comma: '44',
  tab: '9',
  semicolon: '59',
  space: '32',
  'tab+comma+semicolon': '9/44/59',
  all: '9/44/59/32',
} as const;
/** The same, plus "save cell contents as shown" = false so formulas would be written as their results. */
const CSV_OUT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

function soffice(profileDir: string, args: string[]): void {
  execFileSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--headless', ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

/**
 * CSV → flat ODS XML, read as text: a cell LibreOffice took as a formula carries table:formula="…". Imported with
 * the given separators (default comma), double quote as text delimiter, UTF-8, from line 1 (docs: "CSV Filter Options").
 */
export function csvToFods(
  csvFile: string,
  outDir: string,
  profileDir: string,
  separators: string = SEPARATOR_SETS.comma,
): string {
  soffice(profileDir, [`--infilter=CSV:${separators},34,76,1`, '--convert-to', 'fods', '--outdir', outDir, csvFile]);
  const out = path.join(outDir, `${path.basename(csvFile, '.csv')}.fods`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return readFileSync(out, 'utf8');
}

/**
 * A spreadsheet file → the values LibreOffice holds for one sheet (a CSV's only sheet unless named), formulas
 * evaluated, as rows of text.
 */
export function sheetValues(file: string, outDir: string, profileDir: string, sheet?: string): string[][] {
  soffice(profileDir, ['--convert-to', CSV_OUT, '--outdir', outDir, file]);
  const base = path.basename(file, path.extname(file));
  // The trailing -1 option writes one file per sheet, named <file>-<sheet>.csv; a CSV import names its sheet <file>.
  const out = path.join(outDir, `${base}-${sheet ?? base}.csv`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  // LibreOffice ends lines with LF; the pane's parseCsv reads LF and CRLF alike.
  return parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
}

/** A workbook (.xlsx…) → flat ODS XML as LibreOffice reads it, as text: a formula cell carries table:formula="…". */
export function workbookToFods(file: string, outDir: string, profileDir: string): string {
  soffice(profileDir, ['--convert-to', 'fods', '--outdir', outDir, file]);
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.fods`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return readFileSync(out, 'utf8');
}

export const formulaCount = (fods: string) => (fods.match(/table:formula="/g) ?? []).length;

/** A CSV (comma, UTF-8) printed to PDF by LibreOffice Calc, as a clerk's scanned-and-exported 签到表 would be. */
export function csvToPdf(csvFile: string, outDir: string, profileDir: string): string {
  soffice(profileDir, ['--infilter=CSV:44,34,76,1', '--convert-to', 'pdf', '--outdir', outDir, csvFile]);
  const out = path.join(outDir, `${path.basename(csvFile, '.csv')}.pdf`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

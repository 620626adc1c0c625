// LibreOffice headless, the stand-in for WPS that runs here: converts files (one process at a time, own profile).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const profile = mkdtempSync(path.join(tmpdir(), 'rectify-soffice-'));
/** CSV out with formulas evaluated: comma, double quote, UTF-8, from line 1; `sheet` = 1-based sheet number. */
const CSV_OUT = (sheet: number) =>
  `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`;

function convert(file: string, to: string, outDir: string): string {
  return execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 120_000 },
  );
}

export function soffice(file: string, to: string, outDir: string): string {
  convert(file, to, outDir);
  const out = path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.${to.split(':')[0]}`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

/** The text LibreOffice reads from one sheet of a workbook (it writes nothing for a file it cannot open). */
export function sheetAsCsv(file: string, sheet: number, outDir: string): string {
  const log = convert(file, CSV_OUT(sheet), outDir);
  const written = log.match(/-> (.+\.csv)/)?.[1];
  if (!written || !existsSync(written)) throw new Error(`LibreOffice could not read ${file}: ${log}`);
  return readFileSync(written, 'utf8');
}

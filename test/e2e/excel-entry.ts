// What Excel stores when a user types text into a cell (or a string lands through range.values), as documented in
// Microsoft's "Format numbers as percentages", "Stop automatically changing numbers to dates" and "Display numbers
// as text" pages. Shared by the browser tests' Excel host and the office-addin-mock harness, so both are as strict.
// - a cell formatted as text ('@') keeps the input literally, a leading apostrophe included;
// - elsewhere a leading apostrophe forces text and is not stored;
// - "=…" (and "+…", "-…", "@…" that are not numbers) is a formula;
// - "85%" stores 0.85 and gives a General cell the "0%" format; with "automatic percent entry" (on by default) a
//   plain number typed into a cell already formatted as % is divided by 100 as well;
// - "1,000" stores 1000 ("#,##0"), "2023-09-14" or "2023/9/14" a date serial ("yyyy/m/d").
// Numbers and booleans written as such are stored as they are.

export type Stored = string | number | boolean;
export interface Entry {
  value: Stored;
  /** A number format Excel applies because of the input; undefined keeps the cell's format. */
  format?: string;
  formula?: boolean;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))\s*%$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

export const isPercentFormatted = (format: string | undefined) => !!format && /%/.test(format.replace(/"[^"]*"/g, ''));
const isGeneral = (format: string | undefined) => !format || format === 'General';

/** Excel's serial number of a calendar date (1900 system; 1 = 1900-01-01, counting the phantom 1900-02-29). */
export function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export function excelEntry(raw: unknown, format: string | undefined): Entry | undefined {
  if (raw === null || raw === undefined) return undefined; // null leaves the cell as it is
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  const text = String(raw);
  if (format === '@') return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  const trimmed = text.trim();
  if (/^[=+\-@]/.test(text) && text.length > 1 && !NUMERIC.test(trimmed) && !PERCENT.test(trimmed)) return { value: text, formula: true };
  const pct = PERCENT.exec(trimmed);
  if (pct) {
    const value = Number((Number(pct[1]) / 100).toPrecision(15));
    return { value, ...(isPercentFormatted(format) ? {} : { format: Number.isInteger(Number(pct[1])) ? '0%' : '0.00%' }) };
  }
  if (NUMERIC.test(trimmed)) {
    const n = Number(trimmed);
    return { value: isPercentFormatted(format) ? Number((n / 100).toPrecision(15)) : n };
  }
  if (GROUPED.test(trimmed)) return { value: Number(trimmed.replace(/,/g, '')), ...(isGeneral(format) ? { format: '#,##0' } : {}) };
  const date = DATE.exec(trimmed);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d) return { value: dateSerial(y, m, d), ...(isGeneral(format) ? { format: 'yyyy/m/d' } : {}) };
  }
  return { value: text };
}

/** Sheet names Excel accepts: 1–31 characters, none of : \ / ? * [ ], no apostrophe first or last, not "History". */
export function sheetNameProblem(name: string): string | undefined {
  if (!name || name.length > 31) return 'a sheet name has 1 to 31 characters';
  if (/[:\\/?*[\]]/.test(name)) return 'a sheet name cannot contain : \\ / ? * [ ]';
  if (name.startsWith("'") || name.endsWith("'")) return 'a sheet name cannot begin or end with an apostrophe';
  if (name.toLowerCase() === 'history') return '"History" is reserved by Excel';
  return undefined;
}

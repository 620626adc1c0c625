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
  if (/^[=+\-@]/.test(text) && text.length > 1 && !NUMERIC.test(trimmed) && !PERCENT.test(trimmed))
    return { value: text, formula: true };
  const pct = PERCENT.exec(trimmed);
  if (pct) {
    const value = Number((Number(pct[1]) / 100).toPrecision(15));
    return {
      value,
      ...(isPercentFormatted(format) ? {} : { format: Number.isInteger(Number(pct[1])) ? '0%' : '0.00%' }),
    };
  }
  if (NUMERIC.test(trimmed)) {
    const n = Number(trimmed);
    return { value: isPercentFormatted(format) ? Number((n / 100).toPrecision(15)) : n };
  }
  if (GROUPED.test(trimmed))
    return { value: Number(trimmed.replace(/,/g, '')), ...(isGeneral(format) ? { format: '#,##0' } : {}) };
  const date = DATE.exec(trimmed);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d)
      return { value: dateSerial(y, m, d), ...(isGeneral(format) ? { format: 'yyyy/m/d' } : {}) };
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

/**
 * Evaluates a formula as Excel would, for the few functions the pane writes (IF, OR, ROUND) with cell references,
 * numbers, "" literals, comparisons (= <> < > <= >=) and + - * /. Anything else throws, so a formula the doubles
 * do not model fails the test instead of reading as some guess. Excel's rules kept: a blank cell is "" against text
 * and 0 against a number; text never equals a number; arithmetic on text is #VALUE!, division by 0 is #DIV/0!;
 * IF evaluates only the branch it takes; ROUND rounds halves away from zero. Errors come back as Excel shows them.
 */
export function evaluateFormula(formula: string, cell: (address: string) => Stored | undefined): Stored {
  const src = formula.replace(/^=/, '');
  let i = 0;
  const BLANK = Symbol('blank');
  type V = Stored | typeof BLANK;
  class ExcelError extends Error {}
  const fail = (what: string): never => {
    throw new Error(`formula not modelled by the test doubles: ${what} in ${formula}`);
  };
  const peek = () => src[i];
  const eat = (s: string) => (src.startsWith(s, i) ? ((i += s.length), true) : false);
  const num = (v: V): number => {
    if (v === BLANK) return 0;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (/^#/.test(v)) throw new ExcelError(v);
    if (NUMERIC.test(v.trim())) return Number(v.trim()); // Excel's arithmetic takes numeric text as its number
    throw new ExcelError('#VALUE!');
  };
  const compare = (a: V, b: V, op: string): boolean => {
    if (a === BLANK) a = typeof b === 'number' ? 0 : typeof b === 'boolean' ? false : '';
    if (b === BLANK) b = typeof a === 'number' ? 0 : typeof a === 'boolean' ? false : '';
    const rank = (v: Stored) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
    const c =
      rank(a) !== rank(b)
        ? rank(a) - rank(b)
        : typeof a === 'string'
          ? a.toLowerCase().localeCompare(String(b).toLowerCase())
          : Number(a) - Number(b);
    return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[op]!;
  };
  const args = (): (() => V)[] => {
    // Parse every argument now (so syntax is checked) but evaluate lazily, as IF does.
    const out: (() => V)[] = [];
    if (!eat('(')) fail('expected (');
    if (eat(')')) return out;
    do out.push(comparison());
    while (eat(','));
    if (!eat(')')) fail('expected )');
    return out;
  };
  const primary = (): (() => V) => {
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^"((?:[^"]|"")*)"/.exec(rest))) {
      i += m[0].length;
      const s = m[1]!.replace(/""/g, '"');
      return () => s;
    }
    if ((m = /^\d+(\.\d+)?/.exec(rest))) {
      i += m[0].length;
      const n = Number(m[0]);
      return () => n;
    }
    if ((m = /^(IF|OR|ROUND)(?=\()/i.exec(rest))) {
      i += m[0].length;
      const name = m[1]!.toUpperCase();
      const a = args();
      if (name === 'IF') {
        if (a.length < 2 || a.length > 3) fail('IF arity');
        return () => (truthy(a[0]!()) ? a[1]!() : a[2] ? a[2]() : false);
      }
      if (name === 'OR') return () => a.some((f) => truthy(f()));
      if (a.length !== 2) fail('ROUND arity');
      return () => {
        const x = num(a[0]!());
        const p = 10 ** num(a[1]!());
        return (Math.sign(x) * Math.round(Number((Math.abs(x) * p).toPrecision(15)))) / p;
      };
    }
    if ((m = /^\$?([A-Z]{1,3})\$?(\d+)/.exec(rest))) {
      i += m[0].length;
      const address = `${m[1]}${m[2]}`;
      return () => {
        const v = cell(address);
        return v === undefined || v === '' ? BLANK : v;
      };
    }
    if (eat('(')) {
      const inner = comparison();
      if (!eat(')')) fail('expected )');
      return inner;
    }
    if (eat('-')) {
      const p = primary();
      return () => -num(p());
    }
    return fail(`unexpected "${rest.slice(0, 10)}"`);
  };
  const truthy = (v: V): boolean =>
    v === BLANK
      ? false
      : typeof v === 'string'
        ? (() => {
            throw new ExcelError(/^#/.test(v) ? v : '#VALUE!');
          })()
        : Boolean(v);
  const term = (): (() => V) => {
    let left = primary();
    for (;;) {
      const op = peek();
      if (op !== '*' && op !== '/') return left;
      i++;
      const l = left;
      const r = primary();
      left = () => {
        const a = num(l());
        const b = num(r());
        if (op === '/' && b === 0) throw new ExcelError('#DIV/0!');
        return op === '*' ? a * b : a / b;
      };
    }
  };
  const sum = (): (() => V) => {
    let left = term();
    for (;;) {
      const op = peek();
      if (op !== '+' && op !== '-') return left;
      i++;
      const l = left;
      const r = term();
      left = () => (op === '+' ? num(l()) + num(r()) : num(l()) - num(r()));
    }
  };
  function comparison(): () => V {
    const left = sum();
    const m = /^(<>|<=|>=|=|<|>)/.exec(src.slice(i));
    if (!m) return left;
    i += m[0].length;
    const right = sum();
    return () => compare(left(), right(), m[0]);
  }
  const top = comparison();
  if (i !== src.length) fail(`trailing "${src.slice(i)}"`);
  try {
    const v = top();
    return v === BLANK ? 0 : v;
  } catch (e) {
    if (e instanceof ExcelError) return e.message;
    throw e;
  }
}

// normaliseCell: one sheet value (as Excel's range.values or a parsed file gives it) → empty, text, number or an
// Excel error. Text is NFKC-folded (full-width digits and punctuation become ASCII, NBSP and U+3000 become spaces)
// and trimmed; numbers typed as text ("１２３", "1,234", " 45 ", "85%") become numbers.
// Prose columns (整改进展…) are read with cellText instead, which keeps the writer's punctuation.
import { foldText } from '../text/fold.ts';

export type Cell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  /** `percent` marks "85%" written as text; value is then in percentage points (85). */
  | { readonly kind: 'number'; readonly value: number; readonly percent?: true }
  | { readonly kind: 'error'; readonly text: string };

export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

const EMPTY: Cell = Object.freeze({ kind: 'empty' });
const NUMERIC = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** The longest error code, #GETTING_DATA. */
export const LONGEST_EXCEL_ERROR = Math.max(...[...EXCEL_ERRORS].map((e) => e.length));

function isCell(v: object): v is Cell {
  const kind = (v as { kind?: unknown }).kind;
  return kind === 'empty' || kind === 'text' || kind === 'number' || kind === 'error';
}

/** Parses "1,234", "-3.5", "85%", ".5" (already folded); undefined when the text is not a plain number. */
export function parseNumberText(t: string): { value: number; percent: boolean } | undefined {
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trimEnd() : t;
  if (!NUMERIC.test(body)) return undefined;
  const digits = body.replaceAll(',', '');
  // The pattern's parts are all optional: "", "+" and "-" match it but are no numbers.
  if (digits === '' || digits === '+' || digits === '-') return undefined;
  const value = Number(digits);
  return Number.isFinite(value) ? { value, percent } : undefined;
}

function fromText(s: string): Cell {
  const t = foldText(s);
  if (t === '') return EMPTY;
  if (t.startsWith('#') && EXCEL_ERRORS.has(t.toUpperCase())) return { kind: 'error', text: t.toUpperCase() };
  const n = parseNumberText(t);
  if (n) return n.percent ? { kind: 'number', value: n.value, percent: true } : { kind: 'number', value: n.value };
  return { kind: 'text', text: t };
}

export function normaliseCell(v: unknown): Cell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return fromText(v);
  if (typeof v === 'number')
    return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'error', text: '#NUM!' };
  if (typeof v === 'boolean') return { kind: 'text', text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) {
    // As Excel would hold it: a serial day number (CST wall clock is the caller's concern).
    const ms = v.getTime();
    return Number.isNaN(ms)
      ? { kind: 'error', text: '#VALUE!' }
      : { kind: 'number', value: (ms - EXCEL_EPOCH_MS) / 86_400_000 };
  }
  if (typeof v === 'object' && isCell(v)) return v;
  return fromText(String(v));
}

/** A prose cell as written: trimmed, punctuation untouched; undefined when blank. */
export function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const t = String(v).trim();
  return t === '' ? undefined : t;
}

/** The cell shown back to the user in a message. */
export function cellDisplay(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'number':
      return cell.percent ? `${cell.value}%` : String(cell.value);
    default:
      return cell.text;
  }
}

// The one neutralising rule for every cell we write where a spreadsheet may read it: the CSV export and every
// sheet the add-in writes (OWASP CSV injection). Spreadsheet programs skip leading blanks and invisible characters
// before deciding a cell is a formula, and some (LibreOffice, WPS, Excel with an East Asian IME) treat the
// full-width ＝ ＋ － ＠ like their ASCII twins, so the decision looks past those characters too.

/**
 * Characters a reader may skip before the first visible one: Unicode whitespace (space, tab, CR, LF, VT, FF, NBSP,
 * U+3000, BOM…), every other C0/C1 control, zero-width and bidi formatting characters, the soft hyphen.
 */
const IGNORABLE =
  '\\s\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0';
const IGNORABLE_LEAD = new RegExp(`^[${IGNORABLE}]*`);

/** = + - @ and their full-width forms ＝ ＋ － ＠. */
const SIGNS = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20';
const FORMULA_START = new RegExp(`^[${SIGNS}]`);

/**
 * Where an importer may cut one CSV field in two: the separators LibreOffice's Text Import and Excel offer (tab,
 * comma, semicolon, space) and line breaks (an importer that does not take the file's quoting splits rows there).
 */
export const CSV_SPLIT = /[\t,; \r\n]/;

/** A sign that would start a formula in a piece cut off at a CSV_SPLIT character (blanks in between skipped). */
const SIGN_AFTER_SPLIT = new RegExp(`(?<=[\\t,; \\r\\n][${IGNORABLE}]*)(?=[${SIGNS}])`, 'g');

/**
 * Excel's error literals: a cell holding exactly one is read as an error value, not text, so "#N/A" in a note would
 * silently become an error cell. Text that merely starts with "#" ("#3 号楼") is left alone.
 */
const ERROR_LITERAL =
  /^#(?:N\/A|NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

const NUL = /\0/g;

/** True when a spreadsheet could interpret the text as a formula, a command or an error value. */
export function isFormulaLike(text: string): boolean {
  // OWASP also lists a leading tab or CR on its own: some importers drop it and evaluate what follows.
  if (/^[\t\r]/.test(text)) return true;
  const visible = text.replace(IGNORABLE_LEAD, '');
  return FORMULA_START.test(visible) || ERROR_LITERAL.test(visible.trimEnd());
}

/**
 * Strips NUL (it truncates cells in several readers) and prefixes a single quote when the text is formula-like, so
 * the value stays plain, readable text: Excel hides a leading ' typed into a cell, and in CSV it keeps the field
 * inert. Callers pass text here; real numbers such as -3 are written as numbers and never reach this function.
 */
export function neutraliseFormula(text: string): string {
  const clean = text.replace(NUL, '');
  return isFormulaLike(clean) ? `'${clean}` : clean;
}

/**
 * The rule for CSV fields: neutraliseFormula, and an apostrophe before any sign that follows a separator or a line
 * break inside the text ("x;=1+1" → "x;'=1+1"), so every piece an importer may cut the field into stays text, under
 * whatever separators it splits on and whether or not it takes the quotes. The CSV writer also quotes every text.
 */
export function neutraliseCsvText(text: string): string {
  return neutraliseFormula(text).replace(SIGN_AFTER_SPLIT, "'");
}

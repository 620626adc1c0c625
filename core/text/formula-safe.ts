// Neutralises text that Excel or a CSV reader would take as a formula (OWASP CSV injection):
// a leading = + - @ tab or CR gets a leading apostrophe-free quote character, keeping the text readable.

const DANGEROUS_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet could interpret the text as a formula or command. */
export function isFormulaLike(text: string): boolean {
  return DANGEROUS_START.test(text);
}

/**
 * Prefixes a single quote so the value is plain text. Excel hides a leading ' typed into a cell, and in CSV the
 * quote keeps the field inert. Numbers that merely start with "-" (e.g. "-3") are left alone only when they are
 * real numbers, not text, so callers pass text here.
 */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

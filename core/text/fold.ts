// The one Unicode fold for text written by hand: NFKC turns full-width letters, digits and spaces (ＡＢ１, U+3000)
// and NBSP into their plain forms. A cell's text is then trimmed; names, labels and headers compare without spaces.

/** A cell's text as meant: NFKC, trimmed (JS trim also covers BOM). */
export function foldText(s: string): string {
  return s.normalize('NFKC').trim();
}

/** For comparing what people write by hand (unit names, 完成情况, headers, "1 - 2"): NFKC without any whitespace. */
export function foldSpaces(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

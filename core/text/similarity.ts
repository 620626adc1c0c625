// How alike two pieces of Chinese text are, for suggesting a column by its header (问题表现 ~ 存在问题) and a measure
// by a ledger row's wording. Chinese has no spaces, so words are approximated by overlapping character pairs.
import { foldSpaces } from './fold.ts';

/** Punctuation, list markers ("一是", "（二）", "1.") and spaces dropped: they say nothing about the content. */
export function bareText(s: string): string {
  return foldSpaces(s)
    .replace(/[一二三四五六七八九十]+是/g, '')
    .replace(/[（(][一二三四五六七八九十\d]+[）)]/g, '')
    .replace(/[\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

function pairs(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  // A one-character text is its own "pair", so 措施 vs 施 still compares.
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const p = chars[i]! + chars[i + 1]!;
    out.set(p, (out.get(p) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character pairs of the bare texts: 1 for the same text, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const pa = pairs(bareText(a));
  const pb = pairs(bareText(b));
  let total = 0;
  for (const n of pa.values()) total += n;
  for (const n of pb.values()) total += n;
  if (total === 0) return 0;
  let shared = 0;
  for (const [p, n] of pa) shared += Math.min(n, pb.get(p) ?? 0);
  return (2 * shared) / total;
}

/**
 * How much of `part` (a measure's title) is found in `whole` (a row's wording): the share of the part's character
 * pairs that occur in the whole. A long row that quotes a short title scores high here though Dice stays low.
 */
export function coverage(part: string, whole: string): number {
  const pp = pairs(bareText(part));
  const pw = pairs(bareText(whole));
  let total = 0;
  let found = 0;
  for (const [p, n] of pp) {
    total += n;
    found += Math.min(n, pw.get(p) ?? 0);
  }
  return total === 0 ? 0 : found / total;
}

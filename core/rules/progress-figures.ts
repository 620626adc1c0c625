// Does a 整改进展 text state a figure (户数、人数、金额…)? Used by progress_without_data. Digits that only date the
// work ("9月14日已完成", "2023-09-14", "第3季度") or number a list ("1.召开会议") are no figure; Chinese numerals
// count when a measure word or unit follows ("入户走访一百二十户"). A single char scan without regexes: it runs on
// every row of sheets with thousands of rows.

/** Flags per UTF-16 code unit: the scan does one table load per character (and no Set lookups). */
const T = new Uint16Array(0x10000);
const DIGIT = 1;
/** Chinese numerals; 百千万亿 only scale a number, so "千家万户" (a set phrase) is no figure. */
const NUMERAL = 2;
/** The numerals that give a count (not only a scale). */
const COUNT = 4;
/** Measure words and units that make a Chinese numeral a figure; 公 only as 公里, 千米/万元 end in 米/元. */
const UNIT = 8;
/** What makes the digits before it part of a date, time or period: 2023年, 9月, 14日, 14号, 8时, 第3季度. */
const DATE_AFTER = 16;
/** Joiners inside one numeric token: "2023-09-14", "9/14", "12.5", "8:30", and their full-width forms. */
const DASH = 32;
const DOT = 64;
const COLON = 128;
const flag = (chars: string, f: number) => {
  for (const ch of chars) T[ch.charCodeAt(0)]! |= f;
};
for (let c = 48; c <= 57; c++) T[c] = DIGIT;
for (let c = 0xff10; c <= 0xff19; c++) T[c] = DIGIT;
flag('一二三四五六七八九十百千万亿两零〇', NUMERAL);
flag('一二三四五六七八九十两零〇', COUNT);
flag('户人场次个项元亩米所家名件份套处条天%％', UNIT);
flag('年月日号时季', DATE_AFTER);
flag('-/－／', DASH);
flag('.．', DOT);
flag(':：', COLON);

const isDigit = (c: number) => (T[c]! & DIGIT) !== 0; // T[NaN] is undefined: false at the end of the text
/** Digits between these and a closing bracket, or followed by 、, number a list item. */
const OPEN = 256;
const CLOSE = 512;
/** "三十余户", "五十多人", "二十来个": approximations between the numeral and the unit. */
const APPROX = 1024;
const SPACE = 2048;
flag('(（[【', OPEN);
flag(')）]】', CLOSE);
flag('余多来', APPROX);
flag(' \u3000\u00a0\t', SPACE);
/**
 * One bit per code unit: can a figure start here (a digit or a Chinese numeral)? These 8 KB stay in the L1 cache,
 * where T (128 KB) does not: most characters of a progress text are ordinary ideographs, skipped on this test alone.
 */
const STARTS = new Int32Array(0x10000 >>> 5);
for (let c = 0; c < 0x10000; c++) if ((T[c]! & (DIGIT | NUMERAL)) !== 0) STARTS[c >>> 5]! |= 1 << (c & 31);
const LIST_MARK = 0x3001; // 、
const GONG = '公'.charCodeAt(0);
const LI = '里'.charCodeAt(0);
const BAI = '百'.charCodeAt(0);
const FEN = '分'.charCodeAt(0);
const ZHI = '之'.charCodeAt(0);

function isUnitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((T[c]! & UNIT) !== 0) return true;
  return c === GONG && text.charCodeAt(i + 1) === LI;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (T[text.charCodeAt(i)]! & SPACE) !== 0) i++;
  return i;
}

/** Is the digit token text[start, end) a figure? `dashes`/`dots`/`colons` count its inner joiners. */
function digitsAreFigure(
  text: string,
  start: number,
  end: number,
  dashes: number,
  dots: number,
  colons: number,
): boolean {
  const next = skipSpaces(text, end);
  const after = text.charCodeAt(next); // NaN at the end
  if ((T[after]! & DATE_AFTER) !== 0) return false;
  if (colons > 0) return false; // 8:30
  if (dots >= 2) return false; // 2023.09.14
  // "2023-09-14", "9/14" and measure ids like "1-2" are no figures; a range with a unit ("3-5人") is.
  if (dashes > 0) return dashes === 1 && isUnitAt(text, next);
  // List numbering: "1、", "（2）", "3.召开…" at the start of an item.
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  if (after === LIST_MARK) return false;
  if (before >= 0 && (T[before]! & OPEN) !== 0 && (T[after]! & CLOSE) !== 0) return false;
  if ((T[after]! & DOT) !== 0 && !isDigit(text.charCodeAt(next + 1)) && (before === -1 || !isWordChar(before)))
    return false;
  return true;
}

/** Letters, digits and CJK ideographs: what an item number cannot directly follow. */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xff10 && c <= 0xff19)
  );
}

/** True when `text` states at least one figure; see the file comment for what does not count. */
export function statesFigure(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((STARTS[c >>> 5]! & (1 << (c & 31))) === 0) {
      i++;
      continue;
    }
    const f = T[c]!;
    if (f & DIGIT) {
      const start = i;
      let dashes = 0;
      let dots = 0;
      let colons = 0;
      i++;
      for (;;) {
        const d = T[text.charCodeAt(i)]!; // undefined past the end
        if (d & DIGIT) i++;
        else if (d & (DASH | DOT | COLON) && isDigit(text.charCodeAt(i + 1))) {
          if (d & DASH) dashes++;
          else if (d & DOT) dots++;
          else colons++;
          i += 2;
        } else break;
      }
      if (digitsAreFigure(text, start, i, dashes, dots, colons)) return true;
      continue;
    }
    if (f & NUMERAL) {
      // 百分之八十五: a percentage in words.
      if (
        c === BAI &&
        text.charCodeAt(i + 1) === FEN &&
        text.charCodeAt(i + 2) === ZHI &&
        (T[text.charCodeAt(i + 3)]! & COUNT) !== 0
      )
        return true;
      const start = i;
      let counts = 0;
      while (i < n) {
        const g = T[text.charCodeAt(i)]!;
        if (!(g & NUMERAL)) break;
        if (g & COUNT) counts++;
        i++;
      }
      // A lone 一 before a measure word is an article or a set phrase (一户一策, 召开一次会议), not a figure.
      const lone = i - start === 1 && c === 0x4e00;
      if (counts > 0 && !lone) {
        let j = i;
        if ((T[text.charCodeAt(j)]! & APPROX) !== 0) j++;
        if (isUnitAt(text, j)) return true;
      }
      continue;
    }
    i++;
  }
  return false;
}

// Parses a 整改时限 cell as rectification plans write it: "2023年8月31日前取得阶段性成效，长期坚持", "2023年6月底前",
// "2023年第三季度", "2024年上半年", "年底前" (with the plan's year), "立行立改" (due with the plan's first period),
// "2023-10-31", "２０２３年…", an Excel serial date (45199), or "长期坚持" alone.
import { foldText } from '../text/fold.ts';

export interface Deadline {
  /** Calendar date in Asia/Shanghai, `YYYY-MM-DD`; absent for a purely long-term measure. */
  readonly date?: string;
  /** 长期坚持: the measure continues after the date. */
  readonly longTerm: boolean;
}

export interface DeadlineContext {
  /** The plan's own year: fills in a date written without a year (年底前, 6月底前). */
  readonly planYear?: number;
  /** YYYY-MM-DD: the plan's first reporting deadline; 立行立改 / 即知即改 / 立即整改 are due then. */
  readonly firstDue?: string;
}

export type DeadlineResult = { ok: true; value: Deadline } | { ok: false; reason: string };

const ONGOING = /长期|持续|常态化/;
/** Words that name a time no calendar day can stand for; "尽快完成，长期坚持" must not pass as merely long-term. */
const VAGUE = /春节|元旦|国庆|中秋|端午|清明|节前|节后|尽快|适时|近期|择机/;
/** The written year (group 1); 今年 / 本年 leave it unwritten, so the plan's year fills it in. */
const YEAR = String.raw`(?:(\d{4})\s*年\s*|[今本]年\s*)?`;
const MONTH = String.raw`(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])`;
/** Excel serials between 1990-01-01 and 2100-12-31. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

interface Pattern {
  readonly re: RegExp;
  /** The day a match stands for; group 1 is always the written year, `year` is that or the one filled in. */
  readonly day?: (m: RegExpMatchArray, year: number) => string | undefined;
}

// Every pattern is searched through the whole text; where two matches overlap the one starting first wins, so
// "上半年底" is a half-year and "10月31日" is a day, not the end of October.
const PATTERNS: readonly Pattern[] = [
  {
    re: /(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/g,
    day: (m, year) => isoDate(year, Number(m[2]), Number(m[3])),
  },
  {
    // 10月31日 / 10月 / 10月底 / 10月中旬; "10月初", "10月中" name no single day and are left unmatched.
    re: new RegExp(
      YEAR +
        String.raw`(?<![\d十])${MONTH}\s*月(?:\s*(\d{1,2})\s*[日号]?|\s*([上中下])旬|\s*[底末份])?(?!\s*[\d初中上下旬])`,
      'g',
    ),
    day: (m, year) => {
      const month = chineseNumber(m[2]!);
      if (m[3]) return isoDate(year, month, Number(m[3]));
      if (m[4] === '上') return isoDate(year, month, 10);
      if (m[4] === '中') return isoDate(year, month, 20);
      return monthEnd(year, month);
    },
  },
  {
    re: new RegExp(YEAR + String.raw`第?\s*([1-4一二三四])\s*季度\s*[底末]?`, 'g'),
    day: (m, year) => monthEnd(year, 3 * chineseNumber(m[2]!)),
  },
  {
    re: new RegExp(YEAR + String.raw`([上下])\s*半年\s*[底末]?`, 'g'),
    day: (m, year) => monthEnd(year, m[2] === '上' ? 6 : 12),
  },
  // 2023年底 / 2023年年底 / 2023年度内 / 年底; not 半年内 (six months from an unknown start) nor 明年底.
  { re: /(?:(\d{4})\s*|[今本])?(?<![半明去次来])年\s*(?:[年度]\s*)?[底末内]/g, day: (_m, year) => `${year}-12-31` },
  // 立行立改 and the like: no date written, due with the plan's first reporting period (no `day`).
  { re: /立行立改|立查立改|即知即改|即查即改|立即整改|立即/g },
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A real calendar date as `YYYY-MM-DD`, or undefined (rejects 2023-02-30). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthEnd(year: number, month: number): string | undefined {
  // Day 0 of the next month is the last day of this one.
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** "10", "十", "十二", "三" → number. */
function chineseNumber(s: string): number {
  const digits = '一二三四五六七八九';
  if (/^\d+$/.test(s)) return Number(s);
  if (s.startsWith('十')) return s.length === 1 ? 10 : 10 + digits.indexOf(s[1]!) + 1;
  return digits.indexOf(s) + 1;
}

/** Excel's 1900 date system (with its phantom 1900-02-29, irrelevant past serial 60). */
export function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

interface Mention {
  readonly pattern: Pattern;
  readonly match: RegExpMatchArray;
  readonly start: number;
  readonly end: number;
}

/** Every date-like phrase in the text, left to right, overlaps dropped. */
function findMentions(text: string): Mention[] {
  const all: Mention[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.re)) {
      all.push({ pattern, match, start: match.index, end: match.index + match[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  for (const m of all) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

export function parseDeadline(input: unknown, ctx: DeadlineContext = {}): DeadlineResult {
  if (typeof input === 'number') return fromSerial(input);
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, reason: '日期无效' };
    return { ok: true, value: { date: input.toISOString().slice(0, 10), longTerm: false } };
  }
  if (typeof input !== 'string') return { ok: false, reason: '整改时限为空' };
  const text = foldText(input);
  if (!text) return { ok: false, reason: '整改时限为空' };
  if (/^\d+(\.\d+)?$/.test(text)) return fromSerial(Number(text));

  const longTerm = ONGOING.test(text);
  const mentions = findMentions(text);
  if (!mentions.length) {
    if (longTerm && !VAGUE.test(text)) return { ok: true, value: { longTerm: true } };
    return {
      ok: false,
      reason: `无法确定整改时限“${input}”的具体日期，请写作具体日期，如“2024年2月9日前”或“2024年2月底前”；持续性措施写“长期坚持”`,
    };
  }

  // Plans write stages in order ("8月31日前取得阶段性成效，12月底前全面完成"): the last date is the final one, when
  // the measure is due; earlier ones are milestones. They are still checked, so a typo in a milestone is caught,
  // and a later date written without a year takes the year written before it.
  let writtenYear: number | undefined;
  let date: string | undefined;
  for (const { pattern, match, start } of mentions) {
    if (!pattern.day) {
      date = ctx.firstDue;
      continue;
    }
    if (match[1]) writtenYear = Number(match[1]);
    const year = writtenYear ?? ctx.planYear;
    if (year === undefined) {
      const example = text.slice(0, start) + text.slice(start).replace(/^[今本]?年?/, '2023年');
      return { ok: false, reason: `整改时限“${input}”未写年份，请写明年份，如“${example}”` };
    }
    date = pattern.day(match, year);
    if (!date) return { ok: false, reason: `整改时限中的日期不存在：“${match[0]}”` };
  }
  if (!date) {
    const word = mentions[mentions.length - 1]!.match[0];
    return { ok: false, reason: `“${word}”的时限为整改方案第一期的报送截止日，请先设置整改方案的第一期` };
  }
  return { ok: true, value: { date, longTerm } };
}

function fromSerial(serial: number): DeadlineResult {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) {
    return { ok: false, reason: `整改时限“${serial}”不是有效的日期` };
  }
  return { ok: true, value: { date: excelSerialToIso(serial), longTerm: false } };
}

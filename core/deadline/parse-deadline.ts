// Parses a 整改时限 cell: "2023年8月31日前取得阶段性成效，长期坚持", "2023 年 10 月 31 日前", "２０２３年…",
// "2023-10-31", "2023/10/31", an Excel serial date (45199), or "长期坚持" alone.

export interface Deadline {
  /** Calendar date in Asia/Shanghai, `YYYY-MM-DD`; absent for a purely long-term measure. */
  readonly date?: string;
  /** 长期坚持: the measure continues after the date. */
  readonly longTerm: boolean;
}

export type DeadlineResult = { ok: true; value: Deadline } | { ok: false; reason: string };

const LONG_TERM = /长期坚持|长期/;
const CJK_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const ISO_DATE = /(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/;
/** Excel serials between 1990-01-01 and 2100-12-31. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A real calendar date as `YYYY-MM-DD`, or undefined (rejects 2023-02-30). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Excel's 1900 date system (with its phantom 1900-02-29, irrelevant past serial 60). */
export function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export interface DeadlineContext {
  /** The plan's own year: fills in a date written without a year (年底前, 6月底前). */
  readonly planYear?: number;
  /** YYYY-MM-DD: the plan's first reporting deadline; 立行立改 / 即知即改 / 立即整改 are due then. */
  readonly firstDue?: string;
}

export function parseDeadline(input: unknown, _ctx: DeadlineContext = {}): DeadlineResult {
  if (typeof input === 'number') return fromSerial(input);
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, reason: '日期无效' };
    return { ok: true, value: { date: input.toISOString().slice(0, 10), longTerm: false } };
  }
  if (typeof input !== 'string') return { ok: false, reason: '整改时限为空' };
  const text = input.normalize('NFKC').replace(/[\u00a0\u3000]/g, ' ').trim();
  if (!text) return { ok: false, reason: '整改时限为空' };
  if (/^\d+(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  const longTerm = LONG_TERM.test(text);
  const match = CJK_DATE.exec(text) ?? ISO_DATE.exec(text);
  if (!match) {
    if (longTerm) return { ok: true, value: { longTerm: true } };
    return { ok: false, reason: `无法识别的整改时限“${input}”，应写作“2023年10月31日前”或“长期坚持”` };
  }
  const date = isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!date) return { ok: false, reason: `整改时限中的日期不存在：“${match[0]}”` };
  return { ok: true, value: { date, longTerm } };
}

function fromSerial(serial: number): DeadlineResult {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) {
    return { ok: false, reason: `整改时限“${serial}”不是有效的日期` };
  }
  return { ok: true, value: { date: excelSerialToIso(serial), longTerm: false } };
}

// The half-month reporting calendar (半月调度制): reports are due by the end of the 14th (H1) and by the end of
// the 29th (H2; the month's last day when shorter, i.e. February) in Asia/Shanghai, UTC+8 with no DST.
// A deadline is an exclusive instant: a report received strictly before it is on time.

export type Half = 'H1' | 'H2';
/** Timeliness as the calendar decides it; the Worker adds `returned` (see schemas/submission.ts). */
export type CalendarTimeliness = 'on_time' | 'late' | 'missing' | 'not_due';
export type Instant = Date | string | number;

export const CST_OFFSET_MS = 8 * 3_600_000;
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])-(H1|H2)$/;

export interface Period {
  readonly id: string;
  readonly year: number;
  readonly month: number;
  readonly half: Half;
}

export function toDate(instant: Instant): Date {
  const d = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid instant: ${String(instant)}`);
  return d;
}

export function isPeriodId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = PERIOD_RE.exec(value);
  return !!m && Number(m[1]) >= 1970 && Number(m[1]) <= 9999;
}

export function parsePeriodId(id: string): Period {
  const m = PERIOD_RE.exec(id);
  if (!m) throw new RangeError(`invalid period id: ${id} (expected YYYY-MM-H1 or YYYY-MM-H2)`);
  return { id, year: Number(m[1]), month: Number(m[2]), half: m[3] as Half };
}

export function periodId(year: number, month: number, half: Half): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${half}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar day (in CST) by the end of which the period's report is due. */
export function dueDay(id: string): number {
  const p = parsePeriodId(id);
  return p.half === 'H1' ? 14 : Math.min(29, daysInMonth(p.year, p.month));
}

/** Exclusive deadline: midnight CST at the end of the due day, as a UTC instant. */
export function deadlineOf(id: string): Date {
  const p = parsePeriodId(id);
  return new Date(Date.UTC(p.year, p.month - 1, dueDay(id) + 1) - CST_OFFSET_MS);
}

export function nextPeriod(id: string): string {
  const p = parsePeriodId(id);
  if (p.half === 'H1') return periodId(p.year, p.month, 'H2');
  return p.month === 12 ? periodId(p.year + 1, 1, 'H1') : periodId(p.year, p.month + 1, 'H1');
}

export function previousPeriod(id: string): string {
  const p = parsePeriodId(id);
  if (p.half === 'H2') return periodId(p.year, p.month, 'H1');
  return p.month === 1 ? periodId(p.year - 1, 12, 'H2') : periodId(p.year, p.month - 1, 'H2');
}

/** The period `n` half-months before `id` (n = 0 gives `id`). */
export function periodsBack(id: string, n: number): string {
  let p = id;
  for (let i = 0; i < n; i++) p = previousPeriod(p);
  return p;
}

/** The instant the period's window opens: the previous period's deadline. */
export function periodStart(id: string): Date {
  return deadlineOf(previousPeriod(id));
}

/** The period whose report is open at this instant: previous deadline ≤ t < own deadline. */
export function periodOf(instant: Instant): string {
  const t = toDate(instant).getTime();
  const cst = new Date(t + CST_OFFSET_MS);
  const year = cst.getUTCFullYear();
  const month = cst.getUTCMonth() + 1;
  const candidate = cst.getUTCDate() <= 14 ? periodId(year, month, 'H1') : periodId(year, month, 'H2');
  return t < deadlineOf(candidate).getTime() ? candidate : nextPeriod(candidate);
}

/** Chronological comparison of two period ids (they sort lexically too). */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every period from `from` to `to`, inclusive, oldest first; empty when from > to. */
export function periodsBetween(from: string, to: string, limit = 2_000): string[] {
  parsePeriodId(from);
  parsePeriodId(to);
  const out: string[] = [];
  for (let p = from; comparePeriods(p, to) <= 0 && out.length < limit; p = nextPeriod(p)) out.push(p);
  return out;
}

/**
 * on_time / late for a received report; missing / not_due when none arrived yet.
 * `returned` (退回) is a state of a stored report, decided by the Worker, not by the calendar.
 */
export function timelinessOf(id: string, receivedAt: Instant | null | undefined, now: Instant): CalendarTimeliness {
  const deadline = deadlineOf(id).getTime();
  if (receivedAt !== null && receivedAt !== undefined) {
    return toDate(receivedAt).getTime() < deadline ? 'on_time' : 'late';
  }
  return toDate(now).getTime() < deadline ? 'not_due' : 'missing';
}

export type Locale = 'zh-CN' | 'en-US';

/** "2023年9月上半月（9月14日24时前报送）" or "Sep 2023, first half (due 14 Sep)". */
export function periodLabel(id: string, locale: Locale = 'zh-CN'): string {
  const p = parsePeriodId(id);
  const day = dueDay(id);
  if (locale === 'en-US') {
    const mon = new Date(Date.UTC(p.year, p.month - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    return `${mon} ${p.year}, ${p.half === 'H1' ? 'first' : 'second'} half (due ${day} ${mon})`;
  }
  return `${p.year}年${p.month}月${p.half === 'H1' ? '上' : '下'}半月（${p.month}月${day}日24时前报送）`;
}

/** An instant shown in CST as "2023-09-14 23:59". */
export function formatCst(instant: Instant): string {
  const d = new Date(toDate(instant).getTime() + CST_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** Today's calendar date in CST, `YYYY-MM-DD`. */
export function cstDate(instant: Instant): string {
  return new Date(toDate(instant).getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

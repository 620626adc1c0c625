// The half-month reporting calendar (半月调度制): reports are due by the end of the 14th (H1) and by the end of
// the 29th (H2; the month's last day when shorter, i.e. February) in Asia/Shanghai, UTC+8 with no DST.
// A deadline is an exclusive instant: a report received strictly before it is on time. These are the half-month steps;
// callers go through calendarFor(schedule) (schedule.ts), which adds ranges and timeliness for every schedule.

export type Half = 'H1' | 'H2';
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

export function isHalfMonthId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = PERIOD_RE.exec(value);
  return !!m && Number(m[1]) >= 1970 && Number(m[1]) <= 9999;
}

export function parseHalfMonthId(id: string): Period {
  const m = PERIOD_RE.exec(id);
  if (!m) throw new RangeError(`invalid period id: ${id} (expected YYYY-MM-H1 or YYYY-MM-H2)`);
  return { id, year: Number(m[1]), month: Number(m[2]), half: m[3] as Half };
}

export function halfMonthId(year: number, month: number, half: Half): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${half}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar day (in CST) by the end of which the period's report is due. */
export function halfMonthDueDay(id: string): number {
  const p = parseHalfMonthId(id);
  return p.half === 'H1' ? 14 : Math.min(29, daysInMonth(p.year, p.month));
}

/** Exclusive deadline: midnight CST at the end of the due day, as a UTC instant. */
export function halfMonthDeadline(id: string): Date {
  const p = parseHalfMonthId(id);
  return new Date(Date.UTC(p.year, p.month - 1, halfMonthDueDay(id) + 1) - CST_OFFSET_MS);
}

export function nextHalfMonth(id: string): string {
  const p = parseHalfMonthId(id);
  if (p.half === 'H1') return halfMonthId(p.year, p.month, 'H2');
  return p.month === 12 ? halfMonthId(p.year + 1, 1, 'H1') : halfMonthId(p.year, p.month + 1, 'H1');
}

export function previousHalfMonth(id: string): string {
  const p = parseHalfMonthId(id);
  if (p.half === 'H2') return halfMonthId(p.year, p.month, 'H1');
  return p.month === 1 ? halfMonthId(p.year - 1, 12, 'H2') : halfMonthId(p.year, p.month - 1, 'H2');
}

/** The instant the period's window opens: the previous period's deadline. */
export function halfMonthStart(id: string): Date {
  return halfMonthDeadline(previousHalfMonth(id));
}

/** The period whose report is open at this instant: previous deadline ≤ t < own deadline. */
export function halfMonthOf(instant: Instant): string {
  const t = toDate(instant).getTime();
  const cst = new Date(t + CST_OFFSET_MS);
  const year = cst.getUTCFullYear();
  const month = cst.getUTCMonth() + 1;
  const candidate = cst.getUTCDate() <= 14 ? halfMonthId(year, month, 'H1') : halfMonthId(year, month, 'H2');
  return t < halfMonthDeadline(candidate).getTime() ? candidate : nextHalfMonth(candidate);
}

export type Locale = 'zh-CN' | 'en-US';

/** An instant shown in CST as "2023-09-14 23:59". */
export function formatCst(instant: Instant): string {
  const d = new Date(toDate(instant).getTime() + CST_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** Today's calendar date in CST, `YYYY-MM-DD`. */
export function cstDate(instant: Instant): string {
  return new Date(toDate(instant).getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

// The monthly reporting calendar: one report a month, due by the end of day N (1–28) or of the month's last day,
// in Asia/Shanghai (UTC+8). Period ids are `YYYY-MM`. Deadlines are exclusive instants, as in half-month.ts.
import { CST_OFFSET_MS, toDate, type Instant } from './half-month.ts';

export type MonthlyDay = number | 'last';
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthlyPeriodId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = PERIOD_RE.exec(value);
  return !!m && Number(m[1]) >= 1970 && Number(m[1]) <= 9999;
}

export function parseMonthId(id: string): { year: number; month: number } {
  const m = PERIOD_RE.exec(id);
  if (!m) throw new RangeError(`invalid period id: ${id} (expected YYYY-MM)`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

const monthId = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

export function monthlyDueDay(id: string, day: MonthlyDay): number {
  const { year, month } = parseMonthId(id);
  return day === 'last' ? new Date(Date.UTC(year, month, 0)).getUTCDate() : day;
}

export function monthlyDeadline(id: string, day: MonthlyDay): Date {
  const { year, month } = parseMonthId(id);
  return new Date(Date.UTC(year, month - 1, monthlyDueDay(id, day) + 1) - CST_OFFSET_MS);
}

export function nextMonth(id: string): string {
  const { year, month } = parseMonthId(id);
  return month === 12 ? monthId(year + 1, 1) : monthId(year, month + 1);
}

export function previousMonth(id: string): string {
  const { year, month } = parseMonthId(id);
  return month === 1 ? monthId(year - 1, 12) : monthId(year, month - 1);
}

/** The month whose report is open at this instant: previous deadline ≤ t < own deadline. */
export function monthlyPeriodOf(instant: Instant, day: MonthlyDay): string {
  const t = toDate(instant).getTime();
  const cst = new Date(t + CST_OFFSET_MS);
  const candidate = monthId(cst.getUTCFullYear(), cst.getUTCMonth() + 1);
  return t < monthlyDeadline(candidate, day).getTime() ? candidate : nextMonth(candidate);
}

// The one way a period is named, whatever its schedule:
//   'due' (default) "2023年9月上半月（9月14日24时前报送）", "2024年3月（3月25日24时前报送）" — a monthly due day needs the
//                   plan's schedule; without it "2024年3月";
//   'name'          "2023年9月上半月", "2024年3月";
//   'short'         "2023年9月上", "2024年3月" (sheet names and column heads).
// An id of neither schedule is shown as it is.
import type { Schedule } from '../schemas/plan.ts';
import { halfMonthDueDay, isHalfMonthId, parseHalfMonthId, type Locale } from './half-month.ts';
import { isMonthlyPeriodId, monthlyDueDay, parseMonthId } from './monthly.ts';

export interface LabelOptions {
  locale?: Locale;
  form?: 'due' | 'name' | 'short';
  /** The plan's schedule: gives a monthly period its due day. */
  schedule?: Schedule;
}

const monthName = (year: number, month: number) =>
  new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });

export function periodLabel(id: string, { locale = 'zh-CN', form = 'due', schedule }: LabelOptions = {}): string {
  const en = locale === 'en-US';
  if (isHalfMonthId(id)) {
    const { year, month, half } = parseHalfMonthId(id);
    const mon = monthName(year, month);
    if (form === 'short') return en ? `${mon} ${year} ${half}` : `${year}年${month}月${half === 'H1' ? '上' : '下'}`;
    const name = en
      ? `${mon} ${year}, ${half === 'H1' ? 'first' : 'second'} half`
      : `${year}年${month}月${half === 'H1' ? '上' : '下'}半月`;
    if (form === 'name') return name;
    const day = halfMonthDueDay(id);
    return en ? `${name} (due ${day} ${mon})` : `${name}（${month}月${day}日24时前报送）`;
  }
  if (!isMonthlyPeriodId(id)) return id;
  const { year, month } = parseMonthId(id);
  const mon = monthName(year, month);
  const name = en ? `${mon} ${year}` : `${year}年${month}月`;
  if (form !== 'due' || schedule?.kind !== 'monthly') return name;
  const due = monthlyDueDay(id, schedule.day);
  return en ? `${name} (due ${due} ${mon})` : `${name}（${month}月${due}日24时前报送）`;
}

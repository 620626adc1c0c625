// Dates as the pane and the 报送单 write them in Chinese: "2023年11月30日 10:05", and a deadline as "12月14日24时前"
// (the end of the due day, Beijing time). One way of writing each, everywhere.
import { CST_OFFSET_MS, toDate, type Instant } from '../calendar/half-month.ts';

function cstParts(instant: Instant): { y: number; m: number; d: number; hh: string; mm: string } {
  const t = new Date(toDate(instant).getTime() + CST_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: String(t.getUTCHours()).padStart(2, '0'),
    mm: String(t.getUTCMinutes()).padStart(2, '0'),
  };
}

/** "2023年11月30日". */
export function chineseDate(instant: Instant): string {
  const p = cstParts(instant);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** "2023年11月30日 10:05" (Beijing time). */
export function chineseDateTime(instant: Instant): string {
  const p = cstParts(instant);
  return `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** An exclusive deadline (midnight CST after the due day) as "12月14日24时前". */
export function chineseDeadline(deadline: Instant): string {
  const p = cstParts(toDate(deadline).getTime() - 1);
  return `${p.m}月${p.d}日24时前`;
}

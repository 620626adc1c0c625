import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import {
  halfMonthDeadline,
  halfMonthDueDay,
  halfMonthOf,
  halfMonthStart,
  nextHalfMonth,
  previousHalfMonth,
} from '../../core/calendar/half-month.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';

const { timelinessOf } = calendarFor(HALF_MONTHLY);

// Instants from 1971 to 2999: the calendar's supported range (period ids carry 4-digit years from 1970).
const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2999, 11, 31) }).map((ms) => new Date(ms));
const period = instant.map((d) => halfMonthOf(d));
const HOUR = 3_600_000;

describe('half-month calendar', () => {
  it('puts every instant in exactly one period: halfMonthStart ≤ t < halfMonthDeadline(halfMonthOf(t))', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const p = halfMonthOf(t);
        expect(halfMonthStart(p).getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(halfMonthDeadline(p).getTime());
        // …and in neither neighbour.
        expect(t.getTime()).toBeGreaterThanOrEqual(halfMonthDeadline(previousHalfMonth(p)).getTime());
        expect(halfMonthStart(nextHalfMonth(p)).getTime()).toBeGreaterThan(t.getTime());
      }),
    );
  });

  it('strictly increases deadlines across nextHalfMonth, 13 to 17 days apart', () => {
    fc.assert(
      fc.property(period, (p) => {
        const gap = halfMonthDeadline(nextHalfMonth(p)).getTime() - halfMonthDeadline(p).getTime();
        expect(gap).toBeGreaterThanOrEqual(13 * 24 * HOUR);
        expect(gap).toBeLessThanOrEqual(17 * 24 * HOUR);
        expect(previousHalfMonth(nextHalfMonth(p))).toBe(p);
      }),
    );
  });

  it('maps a period’s own deadline instant to the next period', () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(halfMonthOf(halfMonthDeadline(p))).toBe(nextHalfMonth(p));
        expect(halfMonthOf(halfMonthDeadline(p).getTime() - 1)).toBe(p);
      }),
    );
  });

  it('makes H1 due at the end of the 14th and H2 at the end of the 29th (CST)', () => {
    expect(halfMonthDeadline('2023-09-H1').toISOString()).toBe('2023-09-14T16:00:00.000Z');
    expect(halfMonthDeadline('2023-09-H2').toISOString()).toBe('2023-09-29T16:00:00.000Z');
  });

  it('makes February’s second half due at the end of its last day when shorter than 29 days', () => {
    expect(halfMonthDueDay('2024-02-H2')).toBe(29);
    expect(halfMonthDeadline('2024-02-H2').toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(halfMonthDueDay('2023-02-H2')).toBe(28);
    expect(halfMonthDeadline('2023-02-H2').toISOString()).toBe('2023-02-28T16:00:00.000Z');
    expect(halfMonthOf('2023-03-01T00:00:00+08:00')).toBe('2023-03-H1');
    expect(halfMonthOf('2024-02-29T23:59:59+08:00')).toBe('2024-02-H2');
  });

  it('follows the leap-year rule for every February', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1971, max: 2999 }), (year) => {
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        expect(halfMonthDueDay(`${year}-02-H2`)).toBe(leap ? 29 : 28);
      }),
    );
  });

  it('puts the 30th and 31st into the next month’s first half', () => {
    expect(halfMonthOf('2023-08-30T10:00:00+08:00')).toBe('2023-09-H1');
    expect(halfMonthOf('2023-12-31T23:00:00+08:00')).toBe('2024-01-H1');
  });

  it('judges timeliness at the UTC+8 boundary', () => {
    expect(timelinessOf('2023-09-H1', '2023-09-14T15:59:59Z', '2023-10-01T00:00:00Z')).toBe('on_time');
    expect(timelinessOf('2023-09-H1', '2023-09-14T16:00:00Z', '2023-10-01T00:00:00Z')).toBe('late');
  });

  it('calls a period without a report not_due before its deadline and missing from it on', () => {
    expect(timelinessOf('2023-09-H1', null, '2023-09-14T15:59:59Z')).toBe('not_due');
    expect(timelinessOf('2023-09-H1', undefined, '2023-09-14T16:00:00Z')).toBe('missing');
    fc.assert(
      fc.property(period, instant, (p, now) => {
        const expected = now.getTime() < halfMonthDeadline(p).getTime() ? 'not_due' : 'missing';
        expect(timelinessOf(p, null, now)).toBe(expected);
      }),
    );
  });

  it('labels periods in Chinese and English', () => {
    expect(periodLabel('2023-09-H1')).toBe('2023年9月上半月（9月14日24时前报送）');
    expect(periodLabel('2023-02-H2', { locale: 'en-US' })).toBe('Feb 2023, second half (due 28 Feb)');
  });
});

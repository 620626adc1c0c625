// The reporting calendars behind calendarFor(schedule): monthly by day N or by the month's last day, and the
// half-monthly one, which must answer exactly as half-month.ts does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as half from '../../core/calendar/half-month.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type Schedule } from '../../core/schemas/plan.ts';

const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2999, 11, 31) }).map((ms) => new Date(ms));
const schedule: fc.Arbitrary<Schedule> = fc.oneof(
  fc.constant<Schedule>({ kind: 'half-monthly' }),
  fc.integer({ min: 1, max: 28 }).map((day): Schedule => ({ kind: 'monthly', day })),
  fc.constant<Schedule>({ kind: 'monthly', day: 'last' }),
);
const iso = (d: Date) => d.toISOString();

describe('monthly calendar by day 25', () => {
  const cal = calendarFor({ kind: 'monthly', day: 25 });

  it('names periods YYYY-MM', () => {
    expect(cal.isPeriodId('2024-03')).toBe(true);
    for (const bad of ['2024-03-H1', '2024-13', '2024-3', '1969-12', 202403]) expect(cal.isPeriodId(bad)).toBe(false);
    expect(cal.periodIdExample).toBe('2024-03');
  });

  it('is due by the end of the 25th in Beijing time, 16:00Z', () => {
    expect(iso(cal.deadlineOf('2024-03'))).toBe('2024-03-25T16:00:00.000Z');
    expect(iso(cal.deadlineOf('2024-02'))).toBe('2024-02-25T16:00:00.000Z');
    expect(cal.dueDay('2024-02')).toBe(25);
  });

  it('moves to the next month at the deadline, not a millisecond before', () => {
    expect(cal.periodOf('2024-03-25T15:59:59.999Z')).toBe('2024-03');
    expect(cal.periodOf('2024-03-25T16:00:00Z')).toBe('2024-04');
    expect(cal.periodOf('2024-03-01T00:00:00Z')).toBe('2024-03');
    expect(cal.periodOf('2024-12-25T16:00:00Z')).toBe('2025-01');
  });

  it('steps across the year', () => {
    expect(cal.next('2024-12')).toBe('2025-01');
    expect(cal.previous('2025-01')).toBe('2024-12');
    expect(cal.back('2025-02', 3)).toBe('2024-11');
    expect(cal.between('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(cal.between('2025-02', '2024-11')).toEqual([]);
    expect(() => cal.between('2024-11-H1', '2025-02')).toThrow(RangeError);
  });

  it('labels a period with its due day', () => {
    expect(cal.label('2024-03')).toBe('2024年3月（3月25日24时前报送）');
    expect(cal.label('2024-03', 'en-US')).toBe('Mar 2024 (due 25 Mar)');
  });

  it('judges timeliness against the deadline', () => {
    expect(cal.timelinessOf('2024-03', '2024-03-25T15:59:59.999Z', '2024-04-01T00:00:00Z')).toBe('on_time');
    expect(cal.timelinessOf('2024-03', '2024-03-25T16:00:00Z', '2024-04-01T00:00:00Z')).toBe('late');
    expect(cal.timelinessOf('2024-03', null, '2024-03-25T15:59:59.999Z')).toBe('not_due');
    expect(cal.timelinessOf('2024-03', undefined, '2024-03-25T16:00:00Z')).toBe('missing');
  });
});

describe('monthly calendar by the last day', () => {
  const cal = calendarFor({ kind: 'monthly', day: 'last' });

  it('is due by the end of the month’s last day, February included', () => {
    expect(iso(cal.deadlineOf('2024-02'))).toBe('2024-02-29T16:00:00.000Z'); // leap year
    expect(iso(cal.deadlineOf('2023-02'))).toBe('2023-02-28T16:00:00.000Z');
    expect(iso(cal.deadlineOf('2000-02'))).toBe('2000-02-29T16:00:00.000Z');
    expect(iso(cal.deadlineOf('2100-02'))).toBe('2100-02-28T16:00:00.000Z');
    expect(iso(cal.deadlineOf('2024-04'))).toBe('2024-04-30T16:00:00.000Z');
    expect(iso(cal.deadlineOf('2024-12'))).toBe('2024-12-31T16:00:00.000Z');
    expect([cal.dueDay('2024-02'), cal.dueDay('2023-02'), cal.dueDay('2024-01')]).toEqual([29, 28, 31]);
  });

  it('moves to the next month at the end of the last day in Beijing time', () => {
    expect(cal.periodOf('2024-02-29T15:59:59.999Z')).toBe('2024-02');
    expect(cal.periodOf('2024-02-29T16:00:00Z')).toBe('2024-03');
    expect(cal.periodOf('2024-12-31T16:00:00Z')).toBe('2025-01');
  });

  it('labels February with its last day', () => {
    expect(cal.label('2024-02')).toBe('2024年2月（2月29日24时前报送）');
    expect(cal.label('2023-02')).toBe('2023年2月（2月28日24时前报送）');
  });
});

describe('monthly calendar by day 1', () => {
  const cal = calendarFor({ kind: 'monthly', day: 1 });

  it('opens the next month’s period once the 1st has ended in Beijing time', () => {
    expect(cal.periodOf('2024-02-29T17:00:00Z')).toBe('2024-03'); // 1 March, 01:00 in Beijing
    expect(cal.periodOf('2024-03-01T15:59:59.999Z')).toBe('2024-03');
    expect(cal.periodOf('2024-03-01T16:00:00Z')).toBe('2024-04');
  });
});

describe('calendarFor half-monthly', () => {
  const cal = calendarFor({ kind: 'half-monthly' });

  it('answers as half-month.ts for every instant', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const p = cal.periodOf(t);
        expect(p).toBe(half.halfMonthOf(t));
        expect(cal.deadlineOf(p)).toEqual(half.halfMonthDeadline(p));
        expect(cal.dueDay(p)).toBe(half.halfMonthDueDay(p));
        expect(cal.next(p)).toBe(half.nextHalfMonth(p));
        expect(cal.previous(p)).toBe(half.previousHalfMonth(p));
        expect(cal.back(p, 2)).toBe(half.previousHalfMonth(half.previousHalfMonth(p)));
        expect(cal.label(p)).toBe(periodLabel(p));
        expect(cal.timelinessOf(p, null, t)).toBe(
          t.getTime() < half.halfMonthDeadline(p).getTime() ? 'not_due' : 'missing',
        );
      }),
    );
  });

  it('names periods as half-month.ts does', () => {
    expect(cal.isPeriodId('2023-09-H1')).toBe(true);
    expect(cal.isPeriodId('2023-09')).toBe(false);
    expect(cal.periodIdExample).toBe('2023-09-H1');
    expect(cal.between('2023-11-H2', '2024-01-H1')).toEqual(['2023-11-H2', '2023-12-H1', '2023-12-H2', '2024-01-H1']);
  });
});

describe('every schedule', () => {
  it('puts every instant in exactly one period: deadline(previous(p)) ≤ t < deadline(p)', () => {
    fc.assert(
      fc.property(schedule, instant, (s, t) => {
        const cal = calendarFor(s);
        const p = cal.periodOf(t);
        expect(cal.isPeriodId(p)).toBe(true);
        expect(cal.deadlineOf(cal.previous(p)).getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(cal.deadlineOf(p).getTime());
      }),
    );
  });

  it('maps a deadline instant to the next period and the millisecond before it to the period itself', () => {
    fc.assert(
      fc.property(schedule, instant, (s, t) => {
        const cal = calendarFor(s);
        const p = cal.periodOf(t);
        expect(cal.periodOf(cal.deadlineOf(p))).toBe(cal.next(p));
        expect(cal.periodOf(cal.deadlineOf(p).getTime() - 1)).toBe(p);
      }),
    );
  });

  it('makes next and previous inverse', () => {
    fc.assert(
      fc.property(schedule, instant, (s, t) => {
        const cal = calendarFor(s);
        const p = cal.periodOf(t);
        expect(cal.previous(cal.next(p))).toBe(p);
        expect(cal.next(cal.previous(p))).toBe(p);
        expect(cal.deadlineOf(cal.next(p)).getTime()).toBeGreaterThan(cal.deadlineOf(p).getTime());
      }),
    );
  });

  it('lists n + 1 periods between a period and the one n steps later, oldest first', () => {
    fc.assert(
      fc.property(schedule, instant, fc.integer({ min: 0, max: 60 }), (s, t, n) => {
        const cal = calendarFor(s);
        const from = cal.periodOf(t);
        let to = from;
        for (let i = 0; i < n; i++) to = cal.next(to);
        const list = cal.between(from, to);
        expect(list).toHaveLength(n + 1);
        expect(list[0]).toBe(from);
        expect(list.at(-1)).toBe(to);
        expect(cal.back(to, n)).toBe(from);
      }),
    );
  });
});

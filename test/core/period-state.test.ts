import { describe, expect, it } from 'vitest';
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import { isFiled, periodStateOf } from '../../core/reports/period-state.ts';
import { Timeliness } from '../../core/schemas/submission.ts';

const cal = calendarFor(HALF_MONTHLY);
const before = new Date('2023-09-14T15:59:59Z'); // 2023-09-H1 is due by 2023-09-14 24:00 CST
const after = new Date('2023-09-14T16:00:00Z');

describe('periodStateOf', () => {
  it("gives a current report its first revision's timeliness, whatever the clock says", () => {
    expect(
      periodStateOf({ cal, period: '2023-09-H1', current: { timeliness: 'late', returned: 0 }, now: before }),
    ).toBe('late');
    expect(
      periodStateOf({ cal, period: '2023-09-H1', current: { timeliness: 'on_time', returned: false }, now: after }),
    ).toBe('on_time');
  });

  it('calls a returned report returned, not on time or late', () => {
    expect(
      periodStateOf({ cal, period: '2023-09-H1', current: { timeliness: 'on_time', returned: 1 }, now: after }),
    ).toBe('returned');
    expect(
      periodStateOf({ cal, period: '2023-09-H1', current: { timeliness: 'late', returned: true }, now: before }),
    ).toBe('returned');
  });

  it('calls a period without a report not due before its deadline and missing from it on', () => {
    expect(periodStateOf({ cal, period: '2023-09-H1', current: null, now: before })).toBe('not_due');
    expect(periodStateOf({ cal, period: '2023-09-H1', current: undefined, now: after })).toBe('missing');
  });

  it("never calls a period before the plan's first period missing", () => {
    expect(periodStateOf({ cal, period: '2023-07-H2', firstPeriod: '2023-08-H1', current: null, now: after })).toBe(
      'not_due',
    );
    expect(periodStateOf({ cal, period: '2023-08-H1', firstPeriod: '2023-08-H1', current: null, now: after })).toBe(
      'missing',
    );
  });
});

describe('isFiled', () => {
  it('counts only on-time and late reports as filed: a returned one is not', () => {
    expect(Timeliness.options.filter(isFiled)).toEqual(['on_time', 'late']);
  });
});

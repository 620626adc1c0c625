import { describe, expect, it } from 'vitest';
import { periodLabel } from '../../core/calendar/period-label.ts';

describe('periodLabel', () => {
  it('names a half-month with its due day, without it, or short for a sheet name', () => {
    expect(periodLabel('2023-11-H2')).toBe('2023年11月下半月（11月29日24时前报送）');
    expect(periodLabel('2023-11-H2', { form: 'name' })).toBe('2023年11月下半月');
    expect(periodLabel('2023-11-H2', { form: 'short' })).toBe('2023年11月下');
    expect(periodLabel('2024-02-H2', { locale: 'en-US', form: 'name' })).toBe('Feb 2024, second half');
  });

  it('gives a monthly period its due day only when the schedule is known', () => {
    expect(periodLabel('2024-03', { schedule: { kind: 'monthly', day: 25 } })).toBe('2024年3月（3月25日24时前报送）');
    expect(periodLabel('2024-02', { schedule: { kind: 'monthly', day: 'last' }, locale: 'en-US' })).toBe(
      'Feb 2024 (due 29 Feb)',
    );
    expect(periodLabel('2024-03')).toBe('2024年3月');
    expect(periodLabel('2024-03', { form: 'short', schedule: { kind: 'monthly', day: 25 } })).toBe('2024年3月');
  });

  it('shows an id of neither schedule as it is', () => {
    expect(periodLabel('2024-W09')).toBe('2024-W09');
  });
});

import { describe, expect, it } from 'vitest';
import { OPEN_PAIR, pairClosureOf } from '../../core/closure/index.ts';

const events = [
  { kind: 'applied', at: '2023-10-20T02:00:00.000Z', part: 'whole' },
  { kind: 'rejected', at: '2023-10-22T02:00:00.000Z', extendedDeadline: '2023-11-15' },
  { kind: 'applied', at: '2023-11-10T02:00:00.000Z', part: 'whole' },
  { kind: 'closed', at: '2023-11-12T02:00:00.000Z' },
] as const;

describe('pairClosureOf', () => {
  it('is 整改中 with no events', () => {
    expect(pairClosureOf([])).toEqual(OPEN_PAIR);
  });

  it('replays apply, reject with a 限期, apply again and close', () => {
    expect(pairClosureOf(events)).toEqual({
      state: 'closed',
      part: 'whole',
      extendedDeadline: '2023-11-15',
      rejectionPending: false,
      closedAt: '2023-11-12T02:00:00.000Z',
    });
  });

  it('reads the state at a past instant: pending rejection after the 驳回', () => {
    expect(pairClosureOf(events, '2023-11-01T00:00:00.000Z')).toEqual({
      state: 'in_progress',
      part: null,
      extendedDeadline: '2023-11-15',
      rejectionPending: true,
      closedAt: null,
    });
  });

  it('is in progress again after 重新打开', () => {
    const reopened = pairClosureOf([...events, { kind: 'reopened', at: '2023-12-01T00:00:00.000Z' }]);
    expect(reopened.state).toBe('in_progress');
    expect(reopened.closedAt).toBeNull();
  });
});

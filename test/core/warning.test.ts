import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WARNING_THRESHOLDS as T,
  OPEN_PAIR,
  warningOf,
  warningOn,
  warningScheduleOf,
  warningText,
  isStalled,
  deadlineReached,
  daysBetween,
  type Warning,
  type WarningReason,
  type PairClosure,
  type ProgressPoint,
  type WarningInput,
} from '../../core/closure/index.ts';
import type { Status } from '../../core/schemas/status.ts';

const dayOf = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: 3650 });
const status = fc.constantFrom<Status>('done', 'phased', 'ongoing', 'not_started');
const point = (s: Status, figures = '10/20'): ProgressPoint => ({ status: s, figures });
const input = (over: Partial<WarningInput>): WarningInput => ({
  deadline: { date: '2023-10-31', longTerm: false },
  closure: OPEN_PAIR,
  history: [point('ongoing', '1')],
  today: '2023-10-01',
  thresholds: T,
  ...over,
});
const SEVERITY = { red: 3, yellow: 2, blue: 1 } as const;
const rank = (w: ReturnType<typeof warningOf>) => (w ? SEVERITY[w.colour] : 0);

describe('warningOf', () => {
  it('is red the day after the deadline when the measure is not done', () => {
    const w = warningOf(input({ today: '2023-11-01' }));
    expect(w).toEqual({ colour: 'red', reasons: ['overdue'], dueDate: '2023-10-31', daysLeft: -1 });
    expect(warningText(w!).zh).toBe('已超期 1 天（时限 2023-10-31）');
  });

  it('is yellow within 15 days, blue within 30, nothing further out', () => {
    expect(warningOf(input({ today: '2023-10-31' }))?.colour).toBe('yellow');
    expect(warningOf(input({ today: '2023-10-16' }))?.colour).toBe('yellow');
    expect(warningOf(input({ today: '2023-10-15' }))?.colour).toBe('blue');
    expect(warningOf(input({ today: '2023-10-01' }))?.colour).toBe('blue');
    expect(warningOf(input({ today: '2023-09-30' }))).toBeNull();
  });

  it('uses the 限期 of a 驳回 instead of the plan deadline, and stays yellow until the unit applies again', () => {
    const rejected: PairClosure = { ...OPEN_PAIR, extendedDeadline: '2023-12-31', rejectionPending: true };
    const w = warningOf(input({ closure: rejected, today: '2023-11-05' }));
    expect(w).toEqual({ colour: 'yellow', reasons: ['rejected'], dueDate: '2023-12-31', daysLeft: 56 });
    expect(warningOf(input({ closure: rejected, today: '2024-01-01' }))?.colour).toBe('red');
  });

  it('is yellow when status and figures have not changed over two periods', () => {
    const same = [point('ongoing'), point('ongoing'), point('ongoing')];
    expect(warningOf(input({ history: same, today: '2023-01-01' }))).toMatchObject({
      colour: 'yellow',
      reasons: ['stalled'],
    });
    const moved = [point('ongoing', '9/20'), point('ongoing'), point('ongoing')];
    expect(warningOf(input({ history: moved, today: '2023-01-01' }))).toBeNull();
    const gap = [point('ongoing'), null, point('ongoing')];
    expect(warningOf(input({ history: gap, today: '2023-01-01' }))).toBeNull();
  });

  it('takes 阶段性成效 as the dated part reached for a long-term measure', () => {
    const longTerm = { date: '2023-10-31', longTerm: true };
    expect(warningOf(input({ deadline: longTerm, history: [point('phased')], today: '2024-06-01' }))).toBeNull();
    expect(warningOf(input({ deadline: longTerm, history: [point('ongoing')], today: '2024-06-01' }))?.colour).toBe(
      'red',
    );
  });

  it('never warns on a closed pair', () => {
    fc.assert(
      fc.property(day, day, fc.array(fc.option(status), { maxLength: 6 }), fc.boolean(), (d, t, statuses, longTerm) => {
        const closed: PairClosure = {
          ...OPEN_PAIR,
          state: 'closed',
          part: 'whole',
          closedAt: '2023-01-01T00:00:00.000Z',
        };
        const history = statuses.map((s) => (s ? point(s) : null));
        return (
          warningOf(input({ deadline: { date: dayOf(d), longTerm }, closure: closed, history, today: dayOf(t) })) ===
          null
        );
      }),
    );
  });

  it('is red exactly when past the due date and not reached, for any dates and statuses', () => {
    fc.assert(
      fc.property(day, day, status, fc.boolean(), (d, t, s, longTerm) => {
        const w = warningOf(input({ deadline: { date: dayOf(d), longTerm }, history: [point(s)], today: dayOf(t) }));
        const reached = s === 'done' || (longTerm && s === 'phased');
        expect(w?.colour === 'red').toBe(t > d && !reached);
      }),
    );
  });

  it('never gets milder as days pass, all else equal', () => {
    fc.assert(
      fc.property(
        day,
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.option(status), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (d, t, step, statuses, pending) => {
          const history = statuses.map((s) => (s ? point(s) : null));
          const closure: PairClosure = { ...OPEN_PAIR, rejectionPending: pending };
          const at = (n: number) =>
            warningOf(input({ deadline: { date: dayOf(d), longTerm: false }, closure, history, today: dayOf(n) }));
          expect(rank(at(t + step))).toBeGreaterThanOrEqual(rank(at(t)));
        },
      ),
    );
  });

  it('never colours a purely long-term measure by date', () => {
    fc.assert(
      fc.property(day, status, (t, s) => {
        const w = warningOf(input({ deadline: { longTerm: true }, history: [point(s, String(t))], today: dayOf(t) }));
        return w === null || (w.colour === 'yellow' && !w.reasons.includes('due_soon'));
      }),
    );
  });

  it('treats a pending 申请销号 as the deadline met', () => {
    const applied: PairClosure = { ...OPEN_PAIR, state: 'applied', part: 'whole' };
    expect(warningOf(input({ closure: applied, history: [point('done')], today: '2024-01-01' }))).toBeNull();
  });
});

// The rule as issue 20 words it, restated directly over one day: the oracle the stored schedule must agree with.
function ruleOn(x: WarningInput): Warning | null {
  const { deadline, closure, history, today, thresholds } = x;
  if (closure.state === 'closed') return null;
  const latest = [...history].reverse().find((p) => p !== null)?.status ?? null;
  const dueDate = closure.extendedDeadline ?? deadline.date ?? null;
  const daysLeft = dueDate === null ? null : daysBetween(today, dueDate);
  const open = !deadlineReached(deadline, closure, latest);
  const reasons: WarningReason[] = [];
  if (open && daysLeft !== null && daysLeft < 0) reasons.push('overdue');
  if (open && daysLeft !== null && daysLeft >= 0 && daysLeft <= thresholds.yellowDays) reasons.push('due_soon');
  if (closure.state === 'in_progress' && isStalled(history, thresholds.stallPeriods)) reasons.push('stalled');
  if (closure.state === 'in_progress' && closure.rejectionPending) reasons.push('rejected');
  if (open && daysLeft !== null && daysLeft > thresholds.yellowDays && daysLeft <= thresholds.blueDays)
    reasons.push('approaching');
  if (reasons.length === 0) return null;
  const colour = reasons.includes('overdue') ? 'red' : reasons.some((r) => r !== 'approaching') ? 'yellow' : 'blue';
  return { colour, reasons, dueDate, daysLeft };
}

const anyInput = fc
  .record({
    deadline: fc.record({ date: fc.option(day.map(dayOf), { nil: undefined }), longTerm: fc.boolean() }),
    closure: fc.record({
      state: fc.constantFrom('in_progress' as const, 'applied' as const, 'closed' as const),
      part: fc.constantFrom(null, 'whole' as const, 'dated' as const),
      extendedDeadline: fc.option(day.map(dayOf), { nil: null }),
      rejectionPending: fc.boolean(),
      closedAt: fc.constant(null),
    }),
    history: fc.array(fc.option(fc.record({ status, figures: fc.constantFrom('1', '2') }), { nil: null }), {
      maxLength: 8,
    }),
    today: day.map(dayOf),
    thresholds: fc.record({
      yellowDays: fc.integer({ min: 1, max: 365 }),
      blueDays: fc.integer({ min: 1, max: 365 }),
      stallPeriods: fc.integer({ min: 1, max: 6 }),
    }),
  })
  .map((x) => ({ ...x, deadline: x.deadline.date ? x.deadline : { longTerm: x.deadline.longTerm } }) as WarningInput);

describe('warningScheduleOf', () => {
  it('gives, on every day, exactly the warning the rule gives on that day', () => {
    fc.assert(
      fc.property(anyInput, fc.array(day, { minLength: 1, maxLength: 12 }), (x, days) => {
        const schedule = warningScheduleOf(x);
        for (const t of days) expect(warningOn(schedule, dayOf(t))).toEqual(ruleOn({ ...x, today: dayOf(t) }));
      }),
      { numRuns: 2000 },
    );
  });

  it('is red, yellow or blue from its three dates on, and never milder on a later day', () => {
    fc.assert(
      fc.property(anyInput, day, day, (x, a, b) => {
        const s = warningScheduleOf(x);
        const colourOn = (t: string) =>
          s.redFrom !== null && s.redFrom <= t
            ? 'red'
            : s.yellowFrom !== null && s.yellowFrom <= t
              ? 'yellow'
              : s.blueFrom !== null && s.blueFrom <= t
                ? 'blue'
                : null;
        expect(colourOn(dayOf(a))).toBe(ruleOn({ ...x, today: dayOf(a) })?.colour ?? null);
        const [early, late] = a <= b ? [a, b] : [b, a];
        const rankOf = (c: string | null) => (c ? SEVERITY[c as keyof typeof SEVERITY] : 0);
        expect(rankOf(colourOn(dayOf(late)))).toBeGreaterThanOrEqual(rankOf(colourOn(dayOf(early))));
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { closedMeasureIdsAt, closedUnitsAt, eventsByUnit, type PairEvent } from '../../core/closure/index.ts';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { checkSubmission } from '../../core/rules/check-submission.ts';
import { periodStateOf } from '../../core/reports/period-state.ts';
import { validateChecklist, type ChecklistContext } from '../../core/validate-checklist.ts';
import { DEMO_PLAN, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { officeChecklist, OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';

const UNIT = 'o-culture-tourism';
const closeOf = (measureId: string, at: string, unitId = UNIT): PairEvent[] => [
  { kind: 'applied', at, measureId, unitId, part: 'whole' },
  { kind: 'closed', at, measureId, unitId },
];

describe('closedUnitsAt', () => {
  it('counts a unit closed only when every pair it is responsible for is closed at that instant', () => {
    const ids = demoMeasuresFor(UNIT).map((m) => m.id);
    const all = eventsByUnit(ids.flatMap((id) => closeOf(id, '2023-11-30T02:00:00Z')));
    expect(closedUnitsAt(DEMO_PLAN, all, '2023-12-01T00:00:00Z')).toEqual(new Set([UNIT]));
    expect(closedUnitsAt(DEMO_PLAN, all, '2023-11-29T00:00:00Z')).toEqual(new Set());
    const allButOne = eventsByUnit(ids.slice(1).flatMap((id) => closeOf(id, '2023-11-30T02:00:00Z')));
    expect(closedUnitsAt(DEMO_PLAN, allButOne, '2023-12-01T00:00:00Z')).toEqual(new Set());
    expect(closedMeasureIdsAt(DEMO_PLAN, allButOne.get(UNIT), UNIT, '2023-12-01T00:00:00Z')).toEqual(
      new Set(ids.slice(1)),
    );
  });
});

describe('periodStateOf for a closed unit', () => {
  const cal = calendarFor(DEMO_PLAN.schedule);
  const now = new Date('2023-12-16T00:00:00Z');
  it('is 已销号 instead of 未报 when nothing was filed, and keeps a filed report as filed', () => {
    expect(periodStateOf({ cal, period: '2023-12-H1', current: null, now, closed: true })).toBe('closed');
    expect(periodStateOf({ cal, period: '2023-12-H1', current: null, now })).toBe('missing');
    expect(
      periodStateOf({ cal, period: '2023-12-H1', current: { timeliness: 'late', returned: false }, now, closed: true }),
    ).toBe('late');
  });
});

describe('measure_missing after 销号', () => {
  it('demands no row for a closed measure, and still one for every open one', () => {
    const measures = demoMeasuresFor(UNIT);
    const rows = measures
      .slice(1)
      .map((m) => ({ measureId: m.id, status: 'ongoing' as const, progress: '已召开专题会议 3 次。' }));
    const ctx = { plan: DEMO_PLAN, units: DEMO_UNITS, unitId: UNIT, now: '2023-12-01T00:00:00Z' };
    const submission = { period: '2023-12-H1', signer: '张三', rows };
    expect(checkSubmission(submission, ctx).map((i) => i.code)).toContain('measure_missing');
    expect(
      checkSubmission(submission, { ...ctx, closedMeasureIds: new Set([measures[0]!.id]) }).map((i) => i.code),
    ).not.toContain('measure_missing');
  });
});

describe('the sheet check after 销号', () => {
  it('lists no missing row for a measure the unit has closed', () => {
    const ctx: ChecklistContext = demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW });
    const missing = (c: ChecklistContext) =>
      validateChecklist(officeChecklist(), c).issues.filter((i) => i.code === 'measure_missing');
    expect(missing(ctx)).toHaveLength(1);
    expect(missing({ ...ctx, closedMeasureIds: new Set(['2-3']) })).toEqual([]);
  });
});

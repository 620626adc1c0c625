// 载入上期报送's rows: the revision's order and figures, the plan's cells from the current plan, missing measures after.
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../../core/checklist/columns.ts';
import { validateChecklist } from '../../../core/validate-checklist.ts';
import { type Plan } from '../../../core/schemas/plan.ts';
import { previousRows } from '../../../addin/sheets/previous-rows.ts';
import { templateRows } from '../../../addin/sheets/template-layout.ts';
import { DEMO_PLAN, DEMO_UNITS, demoMeasuresFor } from '../../fixtures/demo-plan.ts';

const UNIT = 'v-dinglai';
const at = (key: string) => COLUMNS.findIndex((c) => c.key === key);

describe('previousRows', () => {
  it('keeps the revision row order and writes its figures as numbers and its status as the Chinese label', () => {
    const [m1, m2] = demoMeasuresFor(UNIT);
    const rows = previousRows(DEMO_PLAN, UNIT, [
      {
        measureId: m2!.id,
        status: 'phased',
        progress: '完成12户',
        target: 20,
        actual: 12,
        rate: 60,
        fundsPaid: 0,
        evidence: '台账',
      },
      { measureId: m1!.id, status: 'ongoing', progress: '走访30户' },
    ]);
    expect(rows[0]![at('measureId')]).toBe(m2!.id);
    expect(rows[0]![at('status')]).toBe('阶段性成效');
    expect([rows[0]![at('target')], rows[0]![at('actual')], rows[0]![at('rate')], rows[0]![at('fundsPaid')]]).toEqual([
      20, 12, 60, 0,
    ]);
    expect(rows[0]![at('fundsPlanned')]).toBe('');
    expect(rows[1]![at('measureId')]).toBe(m1!.id);
    expect(rows.map((r) => r[at('seq')])).toEqual(rows.map((_, i) => String(i + 1)));
  });

  it('takes the plan cells from the current plan and appends the measures the revision lacks', () => {
    const edited: Plan = { ...DEMO_PLAN, measures: DEMO_PLAN.measures.map((m) => ({ ...m, lead: `${m.lead}（新）` })) };
    const all = demoMeasuresFor(UNIT);
    const rows = previousRows(edited, UNIT, [{ measureId: all[0]!.id, status: 'ongoing', progress: '走访30户' }]);
    expect(rows).toHaveLength(all.length);
    expect(rows[0]![at('lead')]).toBe(`${all[0]!.lead}（新）`);
    // The appended rows are the template's rows for those measures.
    expect(rows.slice(1).map((r) => r.slice(at('problem')))).toEqual(
      templateRows(edited, UNIT)
        .slice(1)
        .map((r) => r.slice(at('problem'))),
    );
  });

  it('gives rows that validate again as they are', () => {
    const revision = demoMeasuresFor(UNIT).map((m) => ({
      measureId: m.id,
      status: 'ongoing' as const,
      progress: '入户走访30户',
      target: 10,
      actual: 6,
      rate: 60,
      evidence: '台账',
    }));
    const grid = [COLUMNS.map((c) => c.header), ...previousRows(DEMO_PLAN, UNIT, revision)];
    const result = validateChecklist(grid, {
      plan: DEMO_PLAN,
      units: DEMO_UNITS,
      unitId: UNIT,
      now: new Date('2023-11-30T02:00:00Z'),
    });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.rows.map((r) => r.data)).toEqual(revision);
  });
});

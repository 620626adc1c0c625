import { describe, expect, it } from 'vitest';
import { checkSubmission } from '../../core/rules/check-submission.ts';
import { DEMO_PLAN, DEMO_UNITS, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { goodSubmission, withRow } from '../fixtures/submission-builder.ts';

const NOW = '2023-09-10T02:00:00Z';
const village = 'v-minliang';
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('checkSubmission', () => {
  it('finds nothing in a complete, consistent submission', () => {
    expect(checkSubmission(goodSubmission(village), demoContext({ unitId: village, now: NOW }))).toEqual([]);
  });

  it('points a row rule at its field with a rows.N.field path', () => {
    const s = withRow(goodSubmission(village), 3, { progress: '正在推进相关工作' });
    const issues = checkSubmission(s, demoContext({ unitId: village, now: NOW }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'progress_without_data', severity: 'error', path: 'rows.3.progress' });
    expect(issues[0]!.message).toContain('第4条');
    expect(issues[0]!.message).toContain('整改进展');
    expect(issues[0]!.messageEn).toContain('Progress');
  });

  it('reports a measure assigned to the unit but absent from the body', () => {
    const s = goodSubmission(village);
    const dropped = s.rows[5]!.measureId;
    const issues = checkSubmission(
      { ...s, rows: s.rows.filter((_, i) => i !== 5) },
      demoContext({ unitId: village, now: NOW }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'measure_missing', severity: 'error', path: 'rows' })]);
    expect(issues[0]!.message).toContain(dropped);
  });

  it('reports a repeated measure on its second occurrence', () => {
    const s = goodSubmission(village);
    const issues = checkSubmission(
      withRow(s, 2, { measureId: s.rows[0]!.measureId }),
      demoContext({ unitId: village, now: NOW }),
    );
    expect(codes(issues)).toContain('duplicate_measure');
    expect(issues.find((i) => i.code === 'duplicate_measure')!.path).toBe('rows.2.measureId');
  });

  it('rejects a row for a measure the unit is not responsible for', () => {
    const office = 'o-civil-affairs'; // 民政办 is named only in 2-1…2-4
    const s = goodSubmission(office);
    const extra = { ...s.rows[0]!, measureId: '4-1' };
    const issues = checkSubmission({ ...s, rows: [...s.rows, extra] }, demoContext({ unitId: office, now: NOW }));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'measure_not_assigned',
        severity: 'error',
        path: `rows.${s.rows.length}.measureId`,
      }),
    ]);
    expect(issues[0]!.message).toBe(`第${s.rows.length + 1}条：措施4-1的责任单位不包含民政办，不能填报，请删除该行`);
  });

  it('judges 未启动 against the plan’s deadline at ctx.now', () => {
    const s = withRow(goodSubmission(village), 0, { status: 'not_started' }); // 1-1: due 2023-08-31
    expect(codes(checkSubmission(s, demoContext({ unitId: village, now: '2023-08-31T15:59:59Z' })))).not.toContain(
      'overdue_not_started',
    );
    expect(codes(checkSubmission(s, demoContext({ unitId: village, now: '2023-08-31T16:00:00Z' })))).toContain(
      'overdue_not_started',
    );
  });

  it('checks rate, funds and evidence consistency', () => {
    let s = goodSubmission(village);
    s = withRow(s, 0, { rate: 80 });
    s = withRow(s, 1, { fundsPaid: 13 });
    s = withRow(s, 2, { status: 'done', evidence: undefined });
    const issues = checkSubmission(s, demoContext({ unitId: village, now: NOW }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['rate_inconsistent', 'rows.0.rate'],
      ['funds_paid_exceeds_planned', 'rows.1.fundsPaid'],
      ['evidence_missing_for_done', 'rows.2.evidence'],
    ]);
  });

  it('rejects a submitted rate strictly between 0 and 1 as a percent-formatted fraction, not as an inconsistency', () => {
    let s = goodSubmission(village); // target 40, actual 20
    s = withRow(s, 0, { rate: 0.5 });
    s = withRow(s, 1, { rate: 0.05, target: undefined, actual: undefined });
    const issues = checkSubmission(s, demoContext({ unitId: village, now: NOW }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['percent_as_fraction', 'rows.0.rate'],
      ['percent_as_fraction', 'rows.1.rate'],
    ]);
    expect(issues[0]!.message).toContain('显示为50%');
  });

  it('accepts the rates 0, 1 and 50', () => {
    let s = goodSubmission(village);
    s = withRow(s, 0, { rate: 0, actual: 0 });
    s = withRow(s, 1, { rate: 1, target: 100, actual: 1 });
    expect(checkSubmission(s, demoContext({ unitId: village, now: NOW }))).toEqual([]);
  });

  it('reports an id that is well formed but not in the plan', () => {
    const s = withRow(goodSubmission('o-finance'), 0, { measureId: '5-1' });
    const issues = checkSubmission(s, demoContext({ unitId: 'o-finance', now: NOW }));
    expect(codes(issues)).toEqual(['unknown_measure', 'measure_missing']);
    expect(demoMeasuresFor('o-finance').map((m) => m.id)).toContain(issues[1]!.message.match(/\d-\d/)![0]);
  });
});

describe('checkSubmission assignment', () => {
  it('takes the unit’s measures from the plan it is given', () => {
    const s = goodSubmission('o-finance'); // 3-2, 4-1, 4-2, 4-3
    const finance = DEMO_UNITS.find((u) => u.id === 'o-finance')!;
    // The same plan with 财政所 also responsible for 3-3.
    const plan = {
      ...DEMO_PLAN,
      measures: DEMO_PLAN.measures.map((m) =>
        m.id === '3-3' ? { ...m, responsibleUnitIds: [...m.responsibleUnitIds, finance.id] } : m,
      ),
    };
    const issues = checkSubmission(s, { plan, units: DEMO_UNITS, unitId: 'o-finance', now: NOW });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['measure_missing', 'rows']]);
    expect(issues[0]!.message).toContain('3-3');
  });

  it('skips the assignment rules for a unit the units do not know, but still checks the rows', () => {
    const s = withRow(goodSubmission('o-finance'), 1, { fundsPaid: 99 });
    expect(checkSubmission(s, demoContext({ unitId: 'u-seeded-elsewhere', now: NOW })).map((i) => i.code)).toEqual([
      'funds_paid_exceeds_planned',
    ]);
  });

  it('defaults now to the current time', () => {
    const s = withRow(goodSubmission('o-finance'), 0, { status: 'not_started' }); // 3-2 was due 2023-10-31
    expect(checkSubmission(s, demoContext({ unitId: 'o-finance' })).map((i) => i.code)).toContain(
      'overdue_not_started',
    );
  });
});

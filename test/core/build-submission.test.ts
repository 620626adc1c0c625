import { describe, expect, it } from 'vitest';
import { buildSubmission, SubmissionBuildError } from '../../core/build-submission.ts';
import { checkSubmission } from '../../core/rules/check-submission.ts';
import { Submission } from '../../core/schemas/submission.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { officeChecklist, OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';
import { goodGridRow, toGrid } from '../fixtures/checklist-grid.ts';
import { demoContext } from '../fixtures/demo-plan.ts';
import { villageChecklist, VILLAGE_NOW, VILLAGE_UNIT } from '../fixtures/village-checklist.ts';

const meta = { period: '2023-09-H1', signer: '岩块' };

describe('buildSubmission', () => {
  it('turns a clean validation result into a schema-valid submission with every row', () => {
    const result = validateChecklist(villageChecklist(), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW }));
    const submission = buildSubmission(result, meta);
    expect(Submission.parse(submission)).toEqual(submission);
    expect(submission.rows.map((r) => r.measureId)).toEqual(result.rows.map((r) => r.data!.measureId));
    expect(submission).toMatchObject(meta);
  });

  it('carries 填报人 and 联系电话 when given and leaves them out when blank', () => {
    const result = validateChecklist(villageChecklist(), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW }));
    expect(buildSubmission(result, { ...meta, preparer: '玉香', preparerPhone: '0691-1234567' })).toMatchObject({
      preparer: '玉香',
      preparerPhone: '0691-1234567',
    });
    const blank = buildSubmission(result, { ...meta, preparer: '', preparerPhone: '' });
    expect('preparer' in blank || 'preparerPhone' in blank).toBe(false);
    expect(() => buildSubmission(result, { ...meta, preparerPhone: '电话号码' })).toThrow(/联系电话/);
  });

  it('produces a body on which the Worker’s checkSubmission agrees with the sheet', () => {
    const result = validateChecklist(villageChecklist(), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW }));
    expect(
      checkSubmission(buildSubmission(result, meta), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW })),
    ).toEqual([]);
  });

  it('keeps warnings from blocking the submission', () => {
    const rows = ['3-2', '4-1', '4-2', '4-3'].map((id, i) => goodGridRow(id, i));
    rows[1] = { ...rows[1], status: '推进中', progress: '正在梳理协作资金管理办法' };
    rows[2] = { ...rows[2], measure: '加强业务培训工作' };
    const result = validateChecklist(toGrid(rows), demoContext({ unitId: 'o-finance', now: OFFICE_NOW }));
    expect(result.issues.map((i) => `${i.severity} ${i.code}`)).toEqual([
      'warning progress_without_data',
      'warning measure_text_mismatch',
    ]);
    expect(buildSubmission(result, meta).rows).toHaveLength(4);
  });

  it('refuses a result with errors and lists them', () => {
    const result = validateChecklist(officeChecklist(), demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW }));
    const errors = result.issues.filter((i) => i.severity === 'error');
    try {
      buildSubmission(result, meta);
      expect.unreachable('buildSubmission accepted a result with errors');
    } catch (e) {
      expect(e).toBeInstanceOf(SubmissionBuildError);
      const err = e as SubmissionBuildError;
      expect(err.issues.map((i) => i.code)).toEqual(errors.map((i) => i.code));
      expect(err.message).toContain(`${errors.length}个错误`);
    }
  });

  it('names the field when the period or signer is invalid', () => {
    const result = validateChecklist(villageChecklist(), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW }));
    expect(() => buildSubmission(result, { period: '2023-9', signer: '岩块' })).toThrow(/期次/);
    expect(() => buildSubmission(result, { period: '2023-09-H1', signer: '  ' })).toThrow(/主要负责人/);
  });
});

describe('Submission', () => {
  const body = {
    period: '2023-09-H1',
    signer: '岩块',
    rows: [{ measureId: '1-1', status: 'ongoing', progress: '已入户走访 12 户。' }],
  };

  it('names the plan by planId, and still reads the former field name plan as planId', () => {
    expect(Submission.parse({ ...body, planId: 'plan-2023' }).planId).toBe('plan-2023');
    expect(Submission.parse({ ...body, plan: 'plan-2023' })).toEqual({ ...body, planId: 'plan-2023' });
  });

  it('refuses a body naming the plan both ways', () => {
    const r = Submission.safeParse({ ...body, plan: 'a', planId: 'b' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['plan'] });
  });
});

// Zero is an answer: "本期无新增" with a figure of 0 is a complete report, not progress_without_data.
import { describe, expect, it } from 'vitest';
import { checkRow } from '../../core/rules/row-rules.ts';
import { type Status } from '../../core/schemas/status.ts';
import { saysNothingNew } from '../../core/rules/nothing-new.ts';
import { DEMO_PLAN } from '../fixtures/demo-plan.ts';

const codes = (status: Status, progress: string, figures: { actual?: number; fundsPaid?: number } = {}) =>
  checkRow({ measureId: '1-1', status, progress, evidence: '台账', ...figures }, { plan: DEMO_PLAN, nowMs: 0 })
    .filter((h) => h.code === 'progress_without_data')
    .map((h) => h.severity);

describe('zero is an answer', () => {
  it.each(['本期无新增', '本期无新增项目', '暂无新进展', '本月无变化', '与上期相同', '本期没有新增'])(
    'reads “%s” as nothing new',
    (text) => {
      expect(saysNothingNew(text)).toBe(true);
    },
  );

  it.each(['已召开会议', '新增项目正在推进', '进展顺利'])('does not read “%s” as nothing new', (text) => {
    expect(saysNothingNew(text)).toBe(false);
  });

  it('accepts 本期无新增 with a 完成值 of 0 for a phased or ongoing measure', () => {
    expect(codes('phased', '本期无新增', { actual: 0 })).toEqual([]);
    expect(codes('ongoing', '本期无新增', { fundsPaid: 0 })).toEqual([]);
  });

  it('still asks for figures when the words say nothing new but no figure cell says 0', () => {
    expect(codes('phased', '本期无新增')).toEqual(['error']);
    expect(codes('ongoing', '本期无新增', { actual: 5 })).toEqual(['warning']);
  });

  it('still asks for figures from a measure marked 已完成', () => {
    expect(codes('done', '本期无新增', { actual: 0 })).toEqual(['error']);
  });
});

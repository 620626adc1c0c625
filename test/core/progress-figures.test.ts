// progress_without_data decides on statesFigure: dates and list numbers are no figures, Chinese numerals with a
// measure word are.
import { describe, expect, it } from 'vitest';
import { checkRow } from '../../core/rules/row-rules.ts';
import { statesFigure } from '../../core/rules/progress-figures.ts';
import { DEMO_PLAN } from '../fixtures/demo-plan.ts';

const WITH_FIGURE = [
  '入户走访一百二十户',
  '培训驻村干部三十余人次',
  '召开专题会议两场',
  '拨付资金五万元，修缮道路三公里',
  '排查风险点十二个，整改完成率百分之八十五',
  '公示七天无异议',
  '9月14日前入户走访120户',
  '截至2023年9月14日，完成１２户核实',
  '完成投资12.5万元',
  '完成率85%',
  '共排查3-5人次',
  '完成3.',
  '（一）入户走访二十户',
  '已纠正错项漏项二十来处',
];

const WITHOUT_FIGURE = [
  '9月14日已完成',
  '2023年9月已完成排查',
  '已于2023-09-14完成',
  '已于２０２３／０９／１４完成',
  '14日召开会议',
  '2023.09.14已完成',
  '上半月已完成，下半月持续推进',
  '第3季度开展回头看',
  '1.召开会议；2.开展培训',
  '一是召开会议，二是开展培训',
  '（1）召开会议（2）开展培训',
  '1、召开会议 2、开展培训',
  '按照措施1-2要求推进',
  '8:30召开会议',
  '九月十四日已完成',
  '二〇二三年九月完成',
  '落实一户一策，走进千家万户',
  '召开一次专题会议',
  '各项工作有序推进',
];

describe('statesFigure', () => {
  it.each(WITH_FIGURE)('finds a figure in “%s”', (text) => {
    expect(statesFigure(text)).toBe(true);
  });

  it.each(WITHOUT_FIGURE)('finds no figure in “%s”', (text) => {
    expect(statesFigure(text)).toBe(false);
  });
});

describe('progress_without_data', () => {
  const codes = (progress: string) =>
    checkRow({ measureId: '1-1', status: 'done', progress, evidence: '台账' }, { plan: DEMO_PLAN, nowMs: 0 }).map(
      (h) => `${h.severity} ${h.code}`,
    );

  it('is an error for 已完成 when the only digits are a date', () => {
    expect(codes('9月14日已完成')).toEqual(['error progress_without_data']);
  });

  it('accepts a figure written in Chinese numerals', () => {
    expect(codes('入户走访一百二十户')).toEqual([]);
  });
});

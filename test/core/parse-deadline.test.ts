import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeadline, type DeadlineResult } from '../../core/deadline/parse-deadline.ts';

const due = (date: string, longTerm = false): DeadlineResult => ({ ok: true, value: { date, longTerm } });

function expectRefused(result: DeadlineResult, reason: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

describe('parseDeadline', () => {
  it('reads the plan’s wording with a date and 长期坚持', () => {
    expect(parseDeadline('2023年8月31日前取得阶段性成效，长期坚持')).toEqual({
      ok: true,
      value: { date: '2023-08-31', longTerm: true },
    });
  });

  it('reads spaced and full-width dates', () => {
    expect(parseDeadline('2023 年 10 月 31 日前')).toEqual({
      ok: true,
      value: { date: '2023-10-31', longTerm: false },
    });
    expect(parseDeadline('２０２３年１０月３１日前')).toEqual({
      ok: true,
      value: { date: '2023-10-31', longTerm: false },
    });
  });

  it('reads ISO and slash dates', () => {
    for (const t of ['2023-10-31', '2023/10/31', ' 2023/10/31 '])
      expect(parseDeadline(t)).toEqual({ ok: true, value: { date: '2023-10-31', longTerm: false } });
  });

  it('reads an Excel serial date, as a number or as text', () => {
    expect(parseDeadline(45230)).toEqual({ ok: true, value: { date: '2023-10-31', longTerm: false } });
    expect(parseDeadline('45230')).toEqual({ ok: true, value: { date: '2023-10-31', longTerm: false } });
  });

  it('reads 长期坚持 alone as long-term without a date', () => {
    expect(parseDeadline('长期坚持')).toEqual({ ok: true, value: { longTerm: true } });
  });

  it('fails on garbage, empty input and impossible dates, with a Chinese reason', () => {
    for (const bad of ['尽快完成', '', '   ', null, 3, '2023-02-30', '2023年2月29日', '2023-13-01']) {
      const r = parseDeadline(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDeadline('2024年2月29日')).toEqual({ ok: true, value: { date: '2024-02-29', longTerm: false } });
  });

  it('reads a month written without a day as that month’s last day', () => {
    expect(parseDeadline('2023年6月底前')).toEqual(due('2023-06-30'));
    expect(parseDeadline('2023年10月')).toEqual(due('2023-10-31'));
    expect(parseDeadline('2024年2月底')).toEqual(due('2024-02-29'));
    expect(parseDeadline('2023年2月末前完成')).toEqual(due('2023-02-28'));
  });

  it('reads months written in Chinese numerals', () => {
    expect(parseDeadline('2023年十二月底前')).toEqual(due('2023-12-31'));
    expect(parseDeadline('十月底前', { planYear: 2023 })).toEqual(due('2023-10-31'));
    expect(parseDeadline('十一月底前', { planYear: 2023 })).toEqual(due('2023-11-30'));
  });

  it('reads the ten-day parts of a month as their last day', () => {
    expect(parseDeadline('2023年10月上旬')).toEqual(due('2023-10-10'));
    expect(parseDeadline('2023年10月中旬前')).toEqual(due('2023-10-20'));
    expect(parseDeadline('2023年10月下旬')).toEqual(due('2023-10-31'));
  });

  it('reads the end of the year', () => {
    for (const t of ['2023年底前', '2023年年底前', '2023年末', '2023年度内完成'])
      expect(parseDeadline(t)).toEqual(due('2023-12-31'));
    expect(parseDeadline('年底前', { planYear: 2023 })).toEqual(due('2023-12-31'));
  });

  it('reads quarters as the last day of their last month', () => {
    for (const t of ['2023年第三季度', '2023年三季度末', '2023年第3季度'])
      expect(parseDeadline(t)).toEqual(due('2023-09-30'));
    expect(parseDeadline('2023年第一季度')).toEqual(due('2023-03-31'));
    expect(parseDeadline('2023年二季度末前')).toEqual(due('2023-06-30'));
    expect(parseDeadline('第四季度', { planYear: 2023 })).toEqual(due('2023-12-31'));
  });

  it('reads half-years as 30 June and 31 December', () => {
    expect(parseDeadline('2024年上半年')).toEqual(due('2024-06-30'));
    expect(parseDeadline('2024年下半年')).toEqual(due('2024-12-31'));
    expect(parseDeadline('上半年', { planYear: 2024 })).toEqual(due('2024-06-30'));
    expect(parseDeadline('2024年上半年底前')).toEqual(due('2024-06-30'));
  });

  it('fills a date written without a year from the plan’s year', () => {
    expect(parseDeadline('6月底前', { planYear: 2023 })).toEqual(due('2023-06-30'));
    expect(parseDeadline('10月31日前', { planYear: 2023 })).toEqual(due('2023-10-31'));
    expect(parseDeadline('今年年底前', { planYear: 2023 })).toEqual(due('2023-12-31'));
    expect(parseDeadline('今年第三季度', { planYear: 2023 })).toEqual(due('2023-09-30'));
  });

  it('refuses a date without a year when the plan’s year is unknown, suggesting to write it', () => {
    expectRefused(parseDeadline('6月底前'), /请写明年份.*“2023年6月底前”/);
    expectRefused(parseDeadline('年底前'), /“2023年底前”/);
    expectRefused(parseDeadline('今年6月底前'), /“2023年6月底前”/);
  });

  it('dates 立行立改 and its kin at the plan’s first reporting deadline', () => {
    const ctx = { firstDue: '2023-09-15' };
    for (const t of ['立行立改', '即知即改', '立即整改']) expect(parseDeadline(t, ctx)).toEqual(due('2023-09-15'));
    expect(parseDeadline('立行立改，长期坚持', ctx)).toEqual(due('2023-09-15', true));
  });

  it('refuses 立行立改 when the plan’s first period is not known, saying it is needed', () => {
    for (const t of ['立行立改', '即知即改，长期坚持']) expectRefused(parseDeadline(t, { planYear: 2023 }), /第一期/);
    expectRefused(parseDeadline('立即整改到位'), /^“立即整改”的时限为整改方案第一期的报送截止日/);
  });

  it('reads ongoing wording alone as long-term without a date', () => {
    for (const t of ['长期坚持', '持续推进', '常态化', '长期'])
      expect(parseDeadline(t)).toEqual({ ok: true, value: { longTerm: true } });
  });

  it('keeps both the date and long-term when a date comes with an ongoing clause', () => {
    expect(parseDeadline('2023年9月底前完成，长期坚持')).toEqual(due('2023-09-30', true));
    expect(parseDeadline('2023年10月31日前取得阶段性成效，长期坚持')).toEqual(due('2023-10-31', true));
    expect(parseDeadline('2023年第三季度，常态化推进')).toEqual(due('2023-09-30', true));
  });

  it('takes the last of several dates, the final deadline', () => {
    expect(parseDeadline('2023年8月31日前取得阶段性成效，2023年12月底前全面完成')).toEqual(due('2023-12-31'));
    expect(parseDeadline('立行立改，2023年底前全面完成')).toEqual(due('2023-12-31'));
  });

  it('gives a later date without a year the year written before it', () => {
    expect(parseDeadline('2023年8月31日前取得阶段性成效，12月底前全面完成')).toEqual(due('2023-12-31'));
  });

  it('refuses a text whose milestone date does not exist', () => {
    expectRefused(parseDeadline('2023年2月30日前取得阶段性成效，2023年12月底前全面完成'), /不存在/);
  });

  it('refuses times that cannot be pinned to a day, suggesting how to write them', () => {
    for (const t of [
      '春节前',
      '尽快完成',
      '国庆节前',
      '适时',
      '半年内完成',
      '3个月内',
      '2023年10月初',
      '明年底前',
      '春节前完成，长期坚持',
    ]) {
      expectRefused(parseDeadline(t, { planYear: 2023 }), /请写作具体日期，如“2024年2月9日前”或“2024年2月底前”/);
    }
  });

  it('reads every YYYY年M月底前 as that month’s last day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const expected = `${year}-${String(month).padStart(2, '0')}-${lastDay}`;
        expect(parseDeadline(`${year}年${month}月底前`)).toEqual(due(expected));
      }),
    );
  });
});

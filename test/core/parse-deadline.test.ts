import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../core/index.ts';

describe('parseDeadline', () => {
  it('reads the plan’s wording with a date and 长期坚持', () => {
    expect(parseDeadline('2023年8月31日前取得阶段性成效，长期坚持')).toEqual({ ok: true, value: { date: '2023-08-31', longTerm: true } });
  });

  it('reads spaced and full-width dates', () => {
    expect(parseDeadline('2023 年 10 月 31 日前')).toEqual({ ok: true, value: { date: '2023-10-31', longTerm: false } });
    expect(parseDeadline('２０２３年１０月３１日前')).toEqual({ ok: true, value: { date: '2023-10-31', longTerm: false } });
  });

  it('reads ISO and slash dates', () => {
    for (const t of ['2023-10-31', '2023/10/31', ' 2023/10/31 ']) expect(parseDeadline(t)).toEqual({ ok: true, value: { date: '2023-10-31', longTerm: false } });
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
});

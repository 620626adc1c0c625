// The 提交 step's period choice (addin/ui/period-choice.ts): what is offered, what is preselected, and the sentence
// that says what 确认提交 will do.
import { describe, expect, it } from 'vitest';
import { calendarFor, HALF_MONTHLY } from '../../core/calendar/schedule.ts';
import { unitStatus, type HeadFact } from '../../core/reports/unit-status.ts';
import { translator } from '../../addin/i18n.ts';
import { choiceLabel, choiceOutcome, periodChoicesOf } from '../../addin/ui/period-choice.ts';

const t = translator('zh-CN');
const cal = calendarFor(HALF_MONTHLY);
// 2026-12-05 10:00 CST: 12月上半月 is open; the plan began in 2025-12.
const NOW = new Date('2026-12-05T02:00:00Z');
const head = (period: string, over: Partial<HeadFact> = {}): HeadFact => ({
  period,
  reportId: `r-${period}`,
  revision: 1,
  receivedAt: '2026-11-01T00:00:00Z',
  signer: '岩温',
  timeliness: 'on_time',
  returned: null,
  ...over,
});
const statusWith = (heads: HeadFact[]) =>
  unitStatus({ planId: 'p', unitId: 'v-dinglai', cal, firstPeriod: '2025-12-H1', now: NOW, heads });

describe('periodChoicesOf', () => {
  it('preselects the open period and lists older missing periods as 未报, never preselected', () => {
    const { choices, preselected } = periodChoicesOf(statusWith([head('2026-11-H1')]), []);
    expect(preselected).toBe('2026-12-H1');
    const labels = choices.map((c) => choiceLabel(c, t, 'zh-CN'));
    expect(labels[0]).toBe('2026年12月上半月（本期）');
    expect(labels[1]).toBe('2026年11月下半月（未报，可补报）');
    expect(labels).toContain('2026年11月上半月（已报送）');
    expect(labels.at(-1)).toBe('2025年12月上半月（未报，可补报）');
  });

  it('preselects a returned period and marks it 已退回', () => {
    const returned = { reason: '缺资金数据', at: '2026-12-01T00:00:00Z', by: '乡村振兴办' };
    const { choices, preselected } = periodChoicesOf(
      statusWith([head('2026-11-H1', { returned, timeliness: 'late' })]),
      [],
    );
    expect(preselected).toBe('2026-11-H1');
    const c = choices.find((x) => x.period === preselected)!;
    expect(choiceLabel(c, t, 'zh-CN')).toBe('2026年11月上半月（已退回）');
    expect(choiceOutcome(c, t, 'zh-CN')).toBe('将重新报送已退回的 2026年11月上半月（第 2 版，仍记为逾期）');
  });

  it('keeps only the three newest filed periods on offer for a correction', () => {
    const filed = cal.between('2026-06-H1', '2026-11-H2').map((p) => head(p));
    const { choices } = periodChoicesOf(statusWith(filed), []);
    expect(choices.filter((c) => c.kind === 'filed').map((c) => c.period)).toEqual([
      '2026-11-H2',
      '2026-11-H1',
      '2026-10-H2',
    ]);
  });

  it('offers the fallback periods plainly when the server state is unknown, the open one preselected', () => {
    const { choices, preselected } = periodChoicesOf(undefined, ['2026-12-H1', '2026-11-H2']);
    expect(preselected).toBe('2026-12-H1');
    expect(choices.map((c) => choiceLabel(c, t, 'zh-CN'))).toEqual(['2026年12月上半月（本期）', '2026年11月下半月']);
  });
});

describe('choiceOutcome', () => {
  const { choices } = periodChoicesOf(statusWith([head('2026-11-H1', { timeliness: 'late' })]), []);
  const of = (period: string) =>
    choiceOutcome(
      choices.find((c) => c.period === period)!,
      t,
      'zh-CN',
    );

  it('says the open period will be reported on time', () => {
    expect(of('2026-12-H1')).toBe('将报送 2026年12月上半月（按时）');
  });

  it('says a missing period is filed late on purpose (补报)', () => {
    expect(of('2026-11-H2')).toBe('补报 2026年11月下半月，将记为逾期');
  });

  it('says a filed period gets a new revision that keeps its first timeliness', () => {
    expect(of('2026-11-H1')).toBe('将重新报送 2026年11月上半月（第 2 版，仍记为逾期）');
  });
});

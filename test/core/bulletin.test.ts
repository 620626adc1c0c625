import { describe, expect, it } from 'vitest';
import { bulletinTitle, buildBulletin, rankUnits } from '../../core/closure/index.ts';
import { DEMO_PLAN, DEMO_UNITS } from '../fixtures/demo-plan.ts';
import { bulletinInput } from '../fixtures/bulletin-input.ts';

const name = (id: string) => DEMO_UNITS.find((u) => u.id === id)!.name;
const input = bulletinInput();
const bulletin = buildBulletin(input);
const section = (title: string) => bulletin.sections.find((s) => s.heading.endsWith(title))!;

describe('bulletinTitle', () => {
  it("names the township from the plan's title and the year of the period", () => {
    expect(bulletinTitle(DEMO_PLAN, '2023-12-H1')).toBe('关于勐来乡2023年整改工作推进情况的通报');
    expect(bulletinTitle(DEMO_PLAN, '2024-01-H1')).toBe('关于勐来乡2024年整改工作推进情况的通报');
  });

  it('names a plan whose title starts with no township whole', () => {
    expect(bulletinTitle({ ...DEMO_PLAN, title: '巩固拓展脱贫攻坚成果整改方案' }, '2023-12-H1')).toBe(
      '关于《巩固拓展脱贫攻坚成果整改方案》整改工作推进情况的通报',
    );
  });
});

describe('buildBulletin', () => {
  it('opens with the plan and its 文号, and names the file for the period', () => {
    expect(bulletin.title).toBe('关于勐来乡2023年整改工作推进情况的通报');
    expect(bulletin.basis).toContain(`《${DEMO_PLAN.title}》（勐发〔2023〕85号）`);
    expect(bulletin.basis).toContain('2023年12月上半月');
    expect(bulletin.fileName).toBe('整改工作推进情况通报-2023年12月上半月.docx');
    expect(bulletin.closing).toEqual(['（发文单位）', '2023年12月15日']);
  });

  it('counts the period’s 按时/逾期/未报/退回 units and states the 整改完成率 of the plan and of each problem', () => {
    const [counts, rate, ...problems] = section('总体情况').paragraphs;
    expect(counts).toBe(
      '2023年12月上半月整改进展应于12月14日24时前报送。应报单位 4 个，其中按时报送 1 个、逾期报送 1 个、未报送 1 个、退回重报 1 个。',
    );
    const r = input.closures.rates;
    expect(rate).toContain(
      `按单位·措施计 ${((r.pairs.closed / r.pairs.total) * 100).toFixed(1)}%（${r.pairs.closed}/${r.pairs.total}）`,
    );
    expect(rate).toContain('截至2023年12月15日');
    expect(problems).toHaveLength(DEMO_PLAN.problems.length);
    expect(problems[0]).toMatch(new RegExp(`^（一）${DEMO_PLAN.problems[0]!.title}：单位·措施 \\d+\\.\\d%`));
  });

  it('ranks units by 按时率 over the periods so far, then by 整改完成率', () => {
    expect(rankUnits(input).map((u) => u.unitId)).toEqual(['v-dinglai', 'v-gongnong', 'v-minliang', 'v-gongsa']);
    const table = section('各单位报送及整改完成情况').table!;
    expect(table.header).toEqual(['名次', '单位', '本期报送', '按时率', '整改完成率', '红色预警', '未办结督办单']);
    // 共农村: on time twice, returned once (due, not on time): 2/3.
    expect(table.rows[1]).toEqual([
      '2',
      name('v-gongnong'),
      '退回',
      '66.7%（2/3）',
      expect.stringMatching(/^0\.0%/),
      '0',
      '0',
    ]);
    expect(table.rows[0]![4]).toMatch(/^100\.0%/);
    expect(table.rows[3]).toEqual(['4', name('v-gongsa'), '未报', '0.0%（0/3）', expect.any(String), '1', '1']);
  });

  it('lists the red items with their measure, unit, due day and what is wrong', () => {
    const s = section('红色预警事项');
    expect(s.paragraphs[0]).toContain('以下 1 项');
    const m = DEMO_PLAN.measures[0]!;
    expect(s.table!.rows).toEqual([
      ['1', `${m.id} ${m.title}`, name('v-gongsa'), '2023-10-31', '已超期 35 天（时限 2023-10-31）'],
    ]);
  });

  it('lists the 督办单 not yet answered, overdue ones marked', () => {
    const s = section('督办单办理情况');
    expect(s.paragraphs[0]).toBe('已下发督办单 3 份，其中 2 份尚未回复（逾期未回复 1 份）。');
    expect(s.table!.rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      ['第 1 号', name('v-gongsa'), '待回复'],
      ['第 2 号', name('v-minliang'), '逾期未回复'],
    ]);
  });

  it('names the units that did not report, a returned one as such', () => {
    expect(section('未报送单位').paragraphs[0]).toBe(
      `${name('v-gongsa')}、${name('v-gongnong')}（退回后未重报），共 2 个单位未报送2023年12月上半月整改进展，请于收到本通报后立即补报。`,
    );
  });

  it('says plainly when there is nothing red, nothing open and nobody missing', () => {
    const calm = buildBulletin({
      ...input,
      summary: { ...input.summary, units: input.summary.units.map((u) => ({ ...u, timeliness: 'on_time' as const })) },
      closures: { ...input.closures, pairs: input.closures.pairs.map((p) => ({ ...p, warning: null })) },
      notices: { ...input.notices, notices: input.notices.notices.map((n) => ({ ...n, state: 'answered' as const })) },
    });
    const text = (t: string) => calm.sections.find((s) => s.heading.endsWith(t))!;
    expect(text('红色预警事项')).toEqual({ heading: '三、红色预警事项', paragraphs: ['目前没有红色预警事项。'] });
    expect(text('督办单办理情况').table).toBeUndefined();
    expect(text('未报送单位').paragraphs[0]).toBe('各单位均已报送2023年12月上半月整改进展。');
  });
});

// 整改完成率 on top of 整改进展汇总表: three lines under the sheet's title — the plan (单位·措施 and 措施), each problem,
// each unit (highest rate first) — as they stood at the chosen period's due day (GET /trends' closureAtEnd, counted
// by core/closure/rates-at.ts). The lines live in the title cell, so the Excel path and the .xlsx path (both write a
// spec's title row 1, wrapped, its height from the text) show the same thing, and the table below keeps its rows.
import { formatRate, type ClosureRates, type Rate } from '../../core/closure/closure-rate.ts';
import { neutraliseFormula } from '../../core/text/formula-safe.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type Trends } from '../../core/schemas/trends.ts';
import type { SheetSpec } from './summary-sheets.ts';

const CHINESE_NUMBERS = '一二三四五六七八九十';
const problemNumber = (i: number) => (i < 10 ? CHINESE_NUMBERS[i]! : String(i + 1));

/** GET /trends' 整改完成率 at the last period's due day. */
export type ClosureAtEnd = NonNullable<Trends['closureAtEnd']>;

/** "12/40（30.0%）". */
export const rateText = (r: Rate) => `${r.closed}/${r.total}（${formatRate(r)}）`;

export interface UnitRate {
  unitId: string;
  unitName: string;
  rate: Rate;
}

/** Units by 整改完成率, highest first; ties by more pairs closed, then by name. Units with nothing to close last. */
export function unitsByRate(rates: ClosureRates, names: ReadonlyMap<string, string>): UnitRate[] {
  return Object.entries(rates.byUnit)
    .map(([unitId, rate]) => ({ unitId, unitName: names.get(unitId) ?? unitId, rate }))
    .sort(
      (a, b) =>
        (b.rate.rate ?? -1) - (a.rate.rate ?? -1) ||
        b.rate.closed - a.rate.closed ||
        a.unitName.localeCompare(b.unitName, 'zh-CN'),
    );
}

/** "截至 2023-11-29（期次截止日）", or while the period is open "截至 2023-12-05（本期截止日 2023-12-14 前）". */
export function asOfText({ asOf, deadline }: ClosureAtEnd): string {
  return asOf === deadline ? `截至 ${deadline}（期次截止日）` : `截至 ${asOf}（本期截止日 ${deadline} 前）`;
}

/** The three lines: plan, by problem, by unit. */
export function completionRateLines(end: ClosureAtEnd, plan: Plan, names: ReadonlyMap<string, string>): string[] {
  const r = end.rates;
  const problems = plan.problems.map((p, i) => {
    const pr = r.byProblem[p.id];
    return pr
      ? `${problemNumber(i)}、${p.title} 单位·措施 ${rateText(pr.pairs)}，措施 ${rateText(pr.measures)}`
      : `${problemNumber(i)}、${p.title} —`;
  });
  return [
    `整改完成率（${asOfText(end)}，已销号 ÷ 应销号）：单位·措施 ${rateText(r.pairs)}；措施 ${rateText(r.measures)}`,
    `按问题：${problems.join('；')}`,
    `按单位：${unitsByRate(r, names)
      .map((u) => `${u.unitName} ${rateText(u.rate)}`)
      .join('、')}`,
  ];
}

/** The spec with the 整改完成率 lines under its title (user text in them: through the one formula rule). */
export function withCompletionRates(
  spec: SheetSpec,
  end: ClosureAtEnd,
  plan: Plan,
  names: ReadonlyMap<string, string>,
): SheetSpec {
  return { ...spec, title: neutraliseFormula([spec.title, ...completionRateLines(end, plan, names)].join('\n')) };
}

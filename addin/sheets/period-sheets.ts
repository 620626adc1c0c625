// Every sheet the supervisor generates for a period, named for that period ("汇总-按单位 2023年11月下"), so
// generating another period adds its own sheets and leaves earlier periods' sheets alone. Pure.
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type Details, type Matrix, type Summary } from '../../core/schemas/api.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { withCompletionRates, type ClosureAtEnd } from './completion-rate-block.ts';
import { progressSheet, type ProgressLayout } from './progress-sheet.ts';
import { summarySheets, type SheetSpec } from './summary-sheets.ts';

/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_MAX = 31;
const ILLEGAL = /[\\/?*[\]:]/g;

/**
 * "汇总-按单位" + 2023-11-H2 → "汇总-按单位 2023年11月下". The year stays in: a plan that runs past a year must not
 * overwrite last year's November. Characters Excel forbids become "-", and the base is shortened (never the
 * period) when the result would pass 31 characters; a name never starts or ends with an apostrophe.
 */
export function periodSheetName(base: string, period: string): string {
  const suffix = ` ${periodLabel(period, { form: 'short' })}`.replace(ILLEGAL, '-');
  const head = base.replace(ILLEGAL, '-').slice(0, SHEET_NAME_MAX - suffix.length);
  return `${head}${suffix}`.replace(/^'+|'+$/g, '');
}

export interface PeriodSheetsInput {
  plan: Plan;
  summary: Summary;
  matrix: Matrix;
  details: Details;
  layout?: ProgressLayout;
  /** GET /trends' closureAtEnd for this period: when given, 整改进展汇总表 carries the 整改完成率 under its title. */
  closure?: ClosureAtEnd;
}

/** 整改进展汇总表 first (what goes to the county), then the five timeliness sheets; all named for the period. */
export function periodSheets({ plan, summary, matrix, details, layout, closure }: PeriodSheetsInput): SheetSpec[] {
  const progress = progressSheet({ plan, summary, details, layout });
  const names = new Map(summary.units.map((u) => [u.unitId, u.unitName]));
  const specs = [
    closure ? withCompletionRates(progress, closure, plan, names) : progress,
    ...summarySheets(summary, matrix, details),
  ];
  return specs.map((s) => ({ ...s, name: periodSheetName(s.name, summary.period) }));
}

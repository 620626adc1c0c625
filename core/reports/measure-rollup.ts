// One measure, several rows (子项): how a report's rows roll up per measure for the summaries. A unit counts once
// per measure. Its status for the measure is the LEAST advanced of its rows (a measure is 已完成 only when every item
// is), and its figures (目标值, 完成值, 计划资金, 已拨付) are the sums over its rows. 完成率 is not summed: it is
// recomputed from the summed 完成值 / 目标值 where needed.
import type { Status } from '../schemas/status.ts';
import type { SubmissionRow } from '../schemas/submission.ts';

const ADVANCE: Record<Status, number> = { not_started: 0, ongoing: 1, phased: 2, done: 3 };

export type FigureKey = 'target' | 'actual' | 'fundsPlanned' | 'fundsPaid';
export const FIGURE_KEYS: readonly FigureKey[] = ['target', 'actual', 'fundsPlanned', 'fundsPaid'];
export type MeasureFigures = Partial<Record<FigureKey, number>>;

/** {measureId: status} with one status per measure: the least advanced of its rows. */
export function measureStatuses(rows: readonly Pick<SubmissionRow, 'measureId' | 'status'>[]): Record<string, Status> {
  const out: Record<string, Status> = {};
  for (const r of rows) {
    const seen = out[r.measureId];
    if (seen === undefined || ADVANCE[r.status] < ADVANCE[seen]) out[r.measureId] = r.status;
  }
  return out;
}

/** Rounds away float noise from adding decimals (0.1 + 0.2), keeping 4 decimals (万元 to the yuan). */
const tidy = (n: number) => Math.round(n * 10_000) / 10_000;

/** {measureId: {figure: sum}}; a figure no row of the measure gives is left out. */
export function measureFigures(rows: readonly Partial<Pick<SubmissionRow, FigureKey>>[] & readonly { measureId: string }[]): Record<string, MeasureFigures> {
  const out: Record<string, MeasureFigures> = {};
  for (const r of rows) {
    const sums = (out[r.measureId] ??= {});
    for (const k of FIGURE_KEYS) {
      const v = r[k];
      if (typeof v === 'number') sums[k] = tidy((sums[k] ?? 0) + v);
    }
  }
  return out;
}

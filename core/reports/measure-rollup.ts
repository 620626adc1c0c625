// One measure, several rows (子项): how a report's rows roll up per measure for the summaries. A unit counts once
// per measure. Its status for the measure is the LEAST advanced of its rows (a measure is 已完成 only when every item
// is), and its figures are sums over its rows: 计划资金 and 已拨付 (always 万元) over all of them, 目标值 and 完成值
// only within one 计量单位 — 17 户 and 5 个 are never added. 完成率 is not summed: it is recomputed from the summed
// 完成值 / 目标值 of one unit of measure, never across two.
import type { Status } from '../schemas/status.ts';
import type { SubmissionRow } from '../schemas/submission.ts';
import { foldUnitOfMeasure } from '../checklist/units-of-measure.ts';

const ADVANCE: Record<Status, number> = { not_started: 0, ongoing: 1, phased: 2, done: 3 };

export type FigureKey = 'target' | 'actual' | 'fundsPlanned' | 'fundsPaid';
export const FIGURE_KEYS: readonly FigureKey[] = ['target', 'actual', 'fundsPlanned', 'fundsPaid'];

/** 目标值 and 完成值 summed within one 计量单位 ('' when the rows name none). */
export interface Quantity {
  unitOfMeasure: string;
  target?: number;
  actual?: number;
}

/**
 * One measure's sums. target/actual (and their unitOfMeasure) are set only when every row giving them counts in
 * one unit of measure; when they count in several, `quantities` holds one sum per unit instead.
 */
export interface MeasureFigures extends Partial<Record<FigureKey, number>> {
  unitOfMeasure?: string;
  quantities?: Quantity[];
}

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
const add = (a: number | undefined, b: number | undefined) => (b === undefined ? a : tidy((a ?? 0) + b));

/**
 * Sums rows, or sums already made (a report's stored figures, older ones without a unit of measure), of ONE
 * measure: funds over all, 目标值/完成值 per unit of measure.
 */
export function sumFigures(parts: readonly MeasureFigures[]): MeasureFigures {
  const out: MeasureFigures = {};
  const byUnit = new Map<string, Quantity>();
  for (const p of parts) {
    out.fundsPlanned = add(out.fundsPlanned, p.fundsPlanned);
    out.fundsPaid = add(out.fundsPaid, p.fundsPaid);
    for (const q of p.quantities ?? [{ unitOfMeasure: p.unitOfMeasure ?? '', target: p.target, actual: p.actual }]) {
      if (q.target === undefined && q.actual === undefined) continue;
      const unit = foldUnitOfMeasure(q.unitOfMeasure);
      const sum = byUnit.get(unit) ?? { unitOfMeasure: unit };
      sum.target = add(sum.target, q.target);
      sum.actual = add(sum.actual, q.actual);
      byUnit.set(unit, sum);
    }
  }
  const quantities = [...byUnit.values()].map(
    (q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as Quantity,
  );
  if (quantities.length === 1) {
    const [q] = quantities as [Quantity];
    if (q.target !== undefined) out.target = q.target;
    if (q.actual !== undefined) out.actual = q.actual;
    if (q.unitOfMeasure) out.unitOfMeasure = q.unitOfMeasure;
  } else if (quantities.length > 1) out.quantities = quantities;
  for (const k of ['fundsPlanned', 'fundsPaid'] as const) if (out[k] === undefined) delete out[k];
  return out;
}

/** {measureId: sums}; a figure no row of the measure gives is left out. */
export function measureFigures(
  rows: readonly (MeasureFigures & { measureId: string })[],
): Record<string, MeasureFigures> {
  const byMeasure = new Map<string, MeasureFigures[]>();
  for (const r of rows) (byMeasure.get(r.measureId) ?? byMeasure.set(r.measureId, []).get(r.measureId)!).push(r);
  return Object.fromEntries([...byMeasure].map(([id, parts]) => [id, sumFigures(parts)]));
}

/** 完成率 of one unit of measure's sums (one decimal), undefined when it cannot be computed. */
export function completionRate(q: Pick<Quantity, 'target' | 'actual'>): number | undefined {
  return q.target !== undefined && q.actual !== undefined && q.target > 0
    ? Math.round((q.actual / q.target) * 1000) / 10
    : undefined;
}

/** The sums as lines of one unit of measure each (a single line when the measure counts in one unit). */
export function quantitiesOf(f: MeasureFigures): Quantity[] {
  if (f.quantities) return f.quantities;
  return f.target === undefined && f.actual === undefined
    ? []
    : [{ unitOfMeasure: f.unitOfMeasure ?? '', target: f.target, actual: f.actual }];
}

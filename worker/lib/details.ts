// Builds core's Details from stored rows: the plan's measure titles added, SQL NULLs dropped (optional fields are absent, as
// in a submission).
import { measureById, type DetailRow, type Details, type Plan } from '../../core/index.ts';
import type { DetailDbRow } from '../db/details.ts';

const OPTIONAL = ['item', 'target', 'actual', 'rate', 'fundsPlanned', 'fundsPaid', 'evidence', 'note'] as const;

export function buildDetails(plan: Plan, period: string, rows: readonly DetailDbRow[]): Details {
  return {
    planId: plan.id,
    period,
    rows: rows.map((r) => {
      const row: DetailRow = {
        unitId: r.unitId,
        unitName: r.unitName,
        revision: r.revision,
        signer: r.signer,
        receivedAt: r.receivedAt,
        measureId: r.measureId,
        // A measure outside the plan keeps its id as title rather than being dropped.
        measureTitle: measureById(plan, r.measureId)?.title ?? r.measureId,
        status: r.status,
        progress: r.progress,
      };
      for (const k of OPTIONAL) {
        const v = r[k];
        if (v !== null && v !== undefined) (row as Record<string, unknown>)[k] = v;
      }
      return row;
    }),
  };
}

// Builds core's Details from stored rows: the plan's measure titles added, SQL NULLs dropped (optional fields are absent, as
// in a submission). Only filed reports are listed: a returned one (退回) is not filed (core/reports/period-state.ts).
import { measureById } from '../../core/plan/plan-lookup.ts';
import { isFiled } from '../../core/reports/period-state.ts';
import type { DetailRow, Details } from '../../core/schemas/api.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { ROW_FIELDS, type RowField } from '../../core/schemas/submission.ts';
import type { DetailDbRow } from '../db/details.ts';
import { stateIn } from './summary.ts';

export function buildDetails(plan: Plan, period: string, rows: readonly DetailDbRow[], now: Date): Details {
  return {
    planId: plan.id,
    period,
    rows: rows
      .filter((r) => isFiled(stateIn(plan, period, r, now)))
      .map((r) => {
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
        // The optional fields the row has (a stored NULL is a field left out).
        for (const k of ROW_FIELDS) {
          const v = (r as Partial<Record<RowField, unknown>>)[k];
          if (v !== null && v !== undefined) (row as Record<string, unknown>)[k] = v;
        }
        if (r.evidenceFiles.length) {
          row.evidenceIds = r.evidenceFiles.map((f) => f.id);
          row.evidenceFiles = r.evidenceFiles;
        }
        return row;
      }),
  };
}

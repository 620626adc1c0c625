// Builds core's Details from stored rows: catalog titles added, SQL NULLs dropped (optional fields are absent, as
// in a submission).
import { measureById, type DetailRow, type Details } from '../../core/index.ts';
import type { DetailDbRow } from '../db/details.ts';

const OPTIONAL = ['target', 'actual', 'rate', 'fundsPlanned', 'fundsPaid', 'evidence', 'note'] as const;

export function buildDetails(period: string, rows: readonly DetailDbRow[]): Details {
  return {
    period,
    rows: rows.map((r) => {
      const row: DetailRow = {
        unitId: r.unitId,
        unitName: r.unitName,
        revision: r.revision,
        signer: r.signer,
        receivedAt: r.receivedAt,
        measureId: r.measureId,
        // A measure outside the catalog keeps its id as title rather than being dropped.
        measureTitle: measureById(r.measureId)?.title ?? r.measureId,
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

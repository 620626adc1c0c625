// Read behind /details (报送明细): the current revision's rows of every unit for a period, in ONE statement that
// starts from report_heads by its primary key (plan_id, period, unit_id) and joins by keys — no per-unit queries —
// and, in the same batch, the 佐证材料 those rows name.
import type { EvidenceRef } from '../../core/evidence/evidence-id.ts';
import type { Status } from '../../core/schemas/status.ts';
import type { FiledTimeliness } from '../../core/schemas/submission.ts';
import { periodEvidenceStatement, toRowEvidence } from './evidence/index.ts';

/** Exported so test/worker/details.test.ts can check the plan uses indexes. */
export const DETAILS_SQL = `SELECT h.report_id AS reportId, rr.idx AS rowIndex, h.unit_id AS unitId, u.name AS unitName, h.revision, h.timeliness, h.returned, r.signer, r.received_at AS receivedAt,
         rr.measure_id AS measureId, rr.item, rr.status, rr.progress, rr.target, rr.actual, rr.unit_of_measure AS unitOfMeasure, rr.rate,
         rr.funds_planned AS fundsPlanned, rr.funds_paid AS fundsPaid, rr.evidence, rr.note
       FROM report_heads h
       JOIN units u ON u.id = h.unit_id
       JOIN reports r ON r.id = h.report_id
       JOIN report_rows rr ON rr.report_id = h.report_id
       WHERE h.plan_id = ? AND h.period = ?
       ORDER BY u.sort, u.id, rr.idx`;

export interface DetailDbRow {
  reportId: string;
  rowIndex: number;
  unitId: string;
  unitName: string;
  revision: number;
  timeliness: FiledTimeliness;
  returned: number;
  signer: string;
  receivedAt: string;
  measureId: string;
  item: string | null;
  status: Status;
  progress: string;
  target: number | null;
  actual: number | null;
  unitOfMeasure: string | null;
  rate: number | null;
  fundsPlanned: number | null;
  fundsPaid: number | null;
  evidence: string | null;
  note: string | null;
  /** The files the row names (empty when none). */
  evidenceFiles: EvidenceRef[];
}

export async function detailRows(db: D1Database, planId: string, period: string): Promise<DetailDbRow[]> {
  const [rows, evidence] = await db.batch([
    db.prepare(DETAILS_SQL).bind(planId, period),
    periodEvidenceStatement(db, planId, period),
  ]);
  const files = new Map<string, EvidenceRef[]>();
  for (const e of toRowEvidence(evidence!.results)) {
    const key = `${e.reportId}/${e.rowIndex}`;
    files.set(key, [...(files.get(key) ?? []), e.file]);
  }
  return (rows!.results as Omit<DetailDbRow, 'evidenceFiles'>[]).map((r) => ({
    ...r,
    evidenceFiles: files.get(`${r.reportId}/${r.rowIndex}`) ?? [],
  }));
}

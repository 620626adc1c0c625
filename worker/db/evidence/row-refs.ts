// Which report rows refer to which 佐证材料 file: written in the submission's batch, read for receipts, 报送单 and
// 报送明细.
import type { EvidenceRef } from '../../../core/evidence/evidence-id.ts';
import type { EvidenceType } from '../../../core/evidence/sniff-type.ts';
import type { EvidenceFile } from '../../../core/schemas/evidence.ts';

// --- references from report rows -------------------------------------------------------------------------------

/**
 * Statements recording which row of a new report refers to which file, for the submission's batch. Like the rows,
 * they insert only when the report row exists (the batch's first statement may have refused it).
 */
export function reportEvidenceStatements(
  db: D1Database,
  reportId: string,
  rows: readonly { evidenceIds?: readonly string[] }[],
): D1PreparedStatement[] {
  const refs = rows.flatMap((r, i) => (r.evidenceIds ?? []).map((id) => [i, id] as const));
  const out: D1PreparedStatement[] = [];
  // 2 parameters a reference plus 1 for the report: 45 references stay under D1's 100 bound parameters.
  for (let at = 0; at < refs.length; at += 45) {
    const chunk = refs.slice(at, at + 45);
    out.push(
      db
        .prepare(
          `INSERT INTO report_evidence (report_id, row_index, evidence_id) SELECT ?1, v.column1, v.column2 FROM (VALUES ${chunk.map((_, k) => `(?${k * 2 + 2}, ?${k * 2 + 3})`).join(', ')}) v
           WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?1)`,
        )
        .bind(reportId, ...chunk.flat()),
    );
  }
  return out;
}

export interface RowEvidence {
  reportId: string;
  rowIndex: number;
  file: Pick<EvidenceFile, 'id' | 'name' | 'size' | 'sha256' | 'type'>;
}

interface RowEvidenceRow {
  report_id: string;
  row_index: number;
  id: string;
  name: string;
  size: number;
  sha256: string;
  type: EvidenceType;
}

const ROW_EVIDENCE_SELECT = `SELECT re.report_id, re.row_index, f.id, f.name, f.size, f.sha256, f.type FROM report_evidence re JOIN evidence_files f ON f.id = re.evidence_id`;
const ROW_EVIDENCE_ORDER = 'ORDER BY re.report_id, re.row_index, f.uploaded_at, f.id';

export const toRowEvidence = (rows: readonly unknown[]): RowEvidence[] =>
  (rows as RowEvidenceRow[]).map((r) => ({
    reportId: r.report_id,
    rowIndex: r.row_index,
    file: { id: r.id, name: r.name, size: r.size, sha256: r.sha256, type: r.type },
  }));

/** For a caller's batch: the files one report's rows refer to (read with toRowEvidence). */
export const reportEvidenceStatement = (db: D1Database, reportId: string) =>
  db.prepare(`${ROW_EVIDENCE_SELECT} WHERE re.report_id = ? ${ROW_EVIDENCE_ORDER}`).bind(reportId);

/** For a caller's batch: the files the current revisions of a plan's period refer to (read with toRowEvidence). */
export const periodEvidenceStatement = (db: D1Database, planId: string, period: string) =>
  db
    .prepare(
      `${ROW_EVIDENCE_SELECT} JOIN report_heads h ON h.report_id = re.report_id WHERE h.plan_id = ? AND h.period = ? ${ROW_EVIDENCE_ORDER}`,
    )
    .bind(planId, period);

/** The files the rows of these reports refer to, per report and row, oldest upload first. */
export async function evidenceOfReports(db: D1Database, reportIds: readonly string[]): Promise<RowEvidence[]> {
  const out: RowEvidence[] = [];
  for (let i = 0; i < reportIds.length; i += 90) {
    const chunk = reportIds.slice(i, i + 90);
    const { results } = await db
      .prepare(`${ROW_EVIDENCE_SELECT} WHERE re.report_id IN (${chunk.map(() => '?').join(',')}) ${ROW_EVIDENCE_ORDER}`)
      .bind(...chunk)
      .all();
    out.push(...toRowEvidence(results));
  }
  return out;
}

/** Rows of one report with their `evidenceIds` filled in, and the files they name (each once, in row order). */
export function withEvidence<R extends { evidenceIds?: string[] }>(
  rows: readonly R[],
  refs: readonly RowEvidence[],
): { rows: R[]; files: EvidenceRef[] } {
  const byRow = new Map<number, RowEvidence['file'][]>();
  for (const r of refs) byRow.set(r.rowIndex, [...(byRow.get(r.rowIndex) ?? []), r.file]);
  const files = new Map<string, EvidenceRef>();
  const out = rows.map((row, i) => {
    const attached = byRow.get(i);
    if (!attached) return row;
    for (const f of attached) files.set(f.id, f);
    return { ...row, evidenceIds: attached.map((f) => f.id) };
  });
  return { rows: out, files: [...files.values()] };
}

// Reading reports: headers (one per report, newest period first) and one report with its rows.
import type { ApiIssue, ReportDetail, ReportHeader } from '../../../core/schemas/api.ts';
import type { FiledTimeliness, SubmissionRow } from '../../../core/schemas/submission.ts';
import { reportEvidenceStatement, toRowEvidence, withEvidence } from '../evidence/index.ts';

const HEADER_SELECT = `SELECT r.id AS reportId, r.plan_id AS planId, r.unit_id AS unitId, u.name AS unitName, r.period, r.revision, r.signer,
  r.received_at AS receivedAt, r.timeliness, r.row_count AS rowCount,
  r.warning_count AS warningCount, r.returned_reason AS returnedReason, r.returned_at AS returnedAt,
  (h.report_id IS NOT NULL) AS isCurrent, r.warnings AS warningsJson, r.preparer, r.preparer_phone AS preparerPhone
  FROM reports r JOIN units u ON u.id = r.unit_id
  LEFT JOIN report_heads h ON h.plan_id = r.plan_id AND h.period = r.period AND h.unit_id = r.unit_id AND h.report_id = r.id`;

interface HeaderRow {
  reportId: string;
  planId: string;
  unitId: string;
  unitName: string;
  period: string;
  revision: number;
  signer: string;
  receivedAt: string;
  timeliness: FiledTimeliness;
  rowCount: number;
  warningCount: number;
  returnedReason: string | null;
  returnedAt: string | null;
  isCurrent: number;
  warningsJson: string;
  preparer: string | null;
  preparerPhone: string | null;
}

function toHeader(r: HeaderRow): ReportHeader {
  return {
    reportId: r.reportId,
    planId: r.planId,
    unitId: r.unitId,
    unitName: r.unitName,
    period: r.period,
    revision: r.revision,
    signer: r.signer,
    receivedAt: r.receivedAt,
    timeliness: r.timeliness,
    rowCount: r.rowCount,
    warningCount: r.warningCount,
    returned: r.returnedAt ? { reason: r.returnedReason ?? '', at: r.returnedAt } : null,
    current: r.isCurrent === 1,
  };
}

export interface ReportFilter {
  planId: string;
  unitId?: string;
  period?: string;
  /** All revisions instead of only the current one per unit × period. */
  history: boolean;
  limit?: number;
}

/** Most headers one listing returns. */
export const LIST_LIMIT = 1000;

/** Headers, newest period first; `truncated` says the limit cut the list (one extra row is read to know). */
export async function listReportHeaders(
  db: D1Database,
  f: ReportFilter,
): Promise<{ reports: ReportHeader[]; truncated: boolean }> {
  const where: string[] = ['r.plan_id = ?'];
  const params: (string | number)[] = [f.planId];
  if (f.unitId) (where.push('r.unit_id = ?'), params.push(f.unitId));
  if (f.period) (where.push('r.period = ?'), params.push(f.period));
  if (!f.history) where.push('h.report_id IS NOT NULL');
  const sql = `${HEADER_SELECT} WHERE ${where.join(' AND ')}
    ORDER BY r.period DESC, u.sort, r.revision DESC LIMIT ?`;
  const limit = Math.min(f.limit ?? LIST_LIMIT, LIST_LIMIT);
  const { results } = await db
    .prepare(sql)
    .bind(...params, limit + 1)
    .all<HeaderRow>();
  return { reports: results.slice(0, limit).map(toHeader), truncated: results.length > limit };
}

export async function getReportDetail(db: D1Database, id: string): Promise<ReportDetail | null> {
  const [head, rows, evidence] = await db.batch([
    db.prepare(`${HEADER_SELECT} WHERE r.id = ?`).bind(id),
    db
      .prepare(
        `SELECT measure_id AS measureId, item, status, progress, target, actual, unit_of_measure AS unitOfMeasure, rate, funds_planned AS fundsPlanned,
         funds_paid AS fundsPaid, evidence, note FROM report_rows WHERE report_id = ? ORDER BY idx`,
      )
      .bind(id),
    reportEvidenceStatement(db, id),
  ]);
  const h = head!.results[0] as HeaderRow | undefined;
  if (!h) return null;
  const detailRows = (rows!.results as Record<string, unknown>[]).map(
    (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as SubmissionRow,
  );
  const attached = withEvidence(detailRows, toRowEvidence(evidence!.results));
  return {
    ...toHeader(h),
    rows: attached.rows,
    warnings: JSON.parse(h.warningsJson) as ApiIssue[],
    preparer: h.preparer,
    preparerPhone: h.preparerPhone,
    ...(attached.files.length ? { evidence: attached.files } : {}),
  };
}

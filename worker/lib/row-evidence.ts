// A submission's rows name evidence files by id; only the unit's own files of the same plan may be named. The check
// costs one D1 query and only when some row names a file, so a submission without evidence keeps its one round trip.
import type { EvidenceRef } from '../../core/evidence/evidence-id.ts';
import type { ApiIssue } from '../../core/schemas/api.ts';
import type { EvidenceFile } from '../../core/schemas/evidence.ts';
import type { SubmissionRow } from '../../core/schemas/submission.ts';
import { unitEvidenceByIds } from '../db/evidence/index.ts';

export interface RowEvidenceCheck {
  issues: ApiIssue[];
  /** Each named file once, in row order: the receipt's `evidence`. */
  refs: EvidenceRef[];
}

export async function checkRowEvidence(
  db: D1Database,
  unitId: string,
  planId: string,
  rows: readonly SubmissionRow[],
): Promise<RowEvidenceCheck> {
  const named = [...new Set(rows.flatMap((r) => r.evidenceIds ?? []))];
  if (!named.length) return { issues: [], refs: [] };
  const files: Map<string, EvidenceFile> = await unitEvidenceByIds(db, unitId, planId, named);
  const issues: ApiIssue[] = [];
  rows.forEach((row, n) =>
    (row.evidenceIds ?? []).forEach((id, m) => {
      if (files.has(id)) return;
      // Another unit's file reads exactly like a missing one.
      issues.push({
        path: `rows.${n}.evidenceIds.${m}`,
        code: 'evidence_not_found',
        message: `第 ${n + 1} 行引用的佐证材料 ${id} 不存在，或不是本单位在该整改方案下上传的文件，请重新上传后再提交`,
        messageEn: `evidence file ${id} is unknown, or not this unit's file of this plan`,
        severity: 'error',
      });
    }),
  );
  const refs = named
    .filter((id) => files.has(id))
    .map((id) => {
      const f = files.get(id)!;
      return { id: f.id, name: f.name, size: f.size, sha256: f.sha256, type: f.type };
    });
  return { issues, refs };
}

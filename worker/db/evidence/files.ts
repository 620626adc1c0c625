// 佐证材料 files' metadata: reading, inserting and deleting it. With links.ts, uploads.ts and row-refs.ts the only code
// that queries the evidence tables.
import type { EvidenceType } from '../../../core/evidence/sniff-type.ts';
import type { EvidenceFile } from '../../../core/schemas/evidence.ts';

export interface FileRow {
  id: string;
  plan_id: string;
  unit_id: string;
  period: string;
  measure_id: string;
  item: string | null;
  name: string;
  size: number;
  sha256: string;
  type: EvidenceType;
  uploaded_at: string;
}

export const FILE_COLUMNS = 'id, plan_id, unit_id, period, measure_id, item, name, size, sha256, type, uploaded_at';

/** The columns a stored file and an upload in parts share, under their domain names. */
export const sharedFileFields = (r: Omit<FileRow, 'type' | 'uploaded_at'>) => ({
  id: r.id,
  planId: r.plan_id,
  unitId: r.unit_id,
  period: r.period,
  measureId: r.measure_id,
  item: r.item,
  name: r.name,
  size: r.size,
  sha256: r.sha256,
});

export const toFile = (r: FileRow): EvidenceFile => ({
  ...sharedFileFields(r),
  type: r.type,
  uploadedAt: r.uploaded_at,
});

export async function getEvidenceFile(db: D1Database, id: string): Promise<EvidenceFile | null> {
  const r = await db.prepare(`SELECT ${FILE_COLUMNS} FROM evidence_files WHERE id = ?`).bind(id).first<FileRow>();
  return r ? toFile(r) : null;
}

/** The unit's file of this plan with these bytes, if it stored them before. */
export async function findEvidenceBySha(
  db: D1Database,
  unitId: string,
  planId: string,
  sha256: string,
): Promise<EvidenceFile | null> {
  const r = await db
    .prepare(`SELECT ${FILE_COLUMNS} FROM evidence_files WHERE unit_id = ? AND plan_id = ? AND sha256 = ?`)
    .bind(unitId, planId, sha256)
    .first<FileRow>();
  return r ? toFile(r) : null;
}

export async function listEvidenceFiles(
  db: D1Database,
  q: { planId: string; unitId?: string; period?: string; measureId?: string },
): Promise<EvidenceFile[]> {
  const where = ['plan_id = ?'];
  const args: string[] = [q.planId];
  if (q.unitId) (where.push('unit_id = ?'), args.push(q.unitId));
  if (q.period) (where.push('period = ?'), args.push(q.period));
  if (q.measureId) (where.push('measure_id = ?'), args.push(q.measureId));
  const { results } = await db
    .prepare(`SELECT ${FILE_COLUMNS} FROM evidence_files WHERE ${where.join(' AND ')} ORDER BY uploaded_at, id`)
    .bind(...args)
    .all<FileRow>();
  return results.map(toFile);
}

/** The unit's files of the plan among `ids` (a submission's references), by id. */
export async function unitEvidenceByIds(
  db: D1Database,
  unitId: string,
  planId: string,
  ids: string[],
): Promise<Map<string, EvidenceFile>> {
  const found = new Map<string, EvidenceFile>();
  // 90 ids a statement keeps well under D1's 100 bound parameters.
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const { results } = await db
      .prepare(
        `SELECT ${FILE_COLUMNS} FROM evidence_files WHERE unit_id = ? AND plan_id = ? AND id IN (${chunk.map(() => '?').join(',')})`,
      )
      .bind(unitId, planId, ...chunk)
      .all<FileRow>();
    for (const r of results) found.set(r.id, toFile(r));
  }
  return found;
}

/** Bytes the unit holds under the plan: stored files plus multipart uploads in progress (the quota counts both). */
export async function evidenceUsage(db: D1Database, unitId: string, planId: string): Promise<number> {
  const r = await db
    .prepare(
      `SELECT (SELECT COALESCE(SUM(size), 0) FROM evidence_files WHERE unit_id = ?1 AND plan_id = ?2)
            + (SELECT COALESCE(SUM(size), 0) FROM evidence_uploads WHERE unit_id = ?1 AND plan_id = ?2) AS bytes`,
    )
    .bind(unitId, planId)
    .first<{ bytes: number }>();
  return r?.bytes ?? 0;
}

/** The INSERT of a file's metadata (a single upload stores it alone, a completed multipart one in a batch). */
export function insertFileStatement(db: D1Database, f: EvidenceFile, tokenHash: string): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO evidence_files (${FILE_COLUMNS}, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .bind(
      f.id,
      f.planId,
      f.unitId,
      f.period,
      f.measureId,
      f.item,
      f.name,
      f.size,
      f.sha256,
      f.type,
      f.uploadedAt,
      tokenHash,
    );
}

/**
 * Runs a write that inserts a file's metadata; false when the unit already has these bytes under the plan (the
 * UNIQUE index refused them: another upload of the same file won the race).
 */
export async function unlessStoredAlready(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if (/UNIQUE constraint failed: evidence_files\.unit_id/.test(String(e))) return false;
    throw e;
  }
}

/** Inserts the metadata of stored bytes; false when the unit already has these bytes under the plan (a race). */
export const insertEvidenceFile = (db: D1Database, f: EvidenceFile, tokenHash: string): Promise<boolean> =>
  unlessStoredAlready(insertFileStatement(db, f, tokenHash).run());

/** A file a report row, a 销号 application or a 督办单 answer refers to is kept for good. */
export const referenced = (id: string) =>
  `(EXISTS (SELECT 1 FROM report_evidence WHERE evidence_id = ${id}) OR EXISTS (SELECT 1 FROM closure_evidence WHERE evidence_id = ${id}))`;

/**
 * Deletes a file's metadata (and its links) and records the delete, in one batch — unless a report refers to it.
 * Metadata goes before the bytes: a crash in between leaves bytes without metadata, which housekeeping removes.
 */
export async function deleteEvidenceMetadata(
  db: D1Database,
  id: string,
  actor: string,
  at: string,
  detail?: string,
): Promise<boolean> {
  const unreferenced = `NOT ${referenced('?1')}`;
  const [, , gone] = await db.batch([
    db
      .prepare(
        `INSERT INTO evidence_access (evidence_id, action, actor, at, detail) SELECT ?1, 'delete', ?2, ?3, ?4 WHERE ${unreferenced} AND EXISTS (SELECT 1 FROM evidence_files WHERE id = ?1)`,
      )
      .bind(id, actor, at, detail ?? null),
    db.prepare(`DELETE FROM evidence_links WHERE evidence_id = ?1 AND ${unreferenced}`).bind(id),
    db.prepare(`DELETE FROM evidence_files WHERE id = ?1 AND ${unreferenced}`).bind(id),
  ]);
  return (gone?.meta.changes ?? 0) > 0;
}

export async function isEvidenceReferenced(db: D1Database, id: string): Promise<boolean> {
  return (
    (
      await db
        .prepare(`SELECT ${referenced('?1')} AS x`)
        .bind(id)
        .first<{ x: number }>()
    )?.x === 1
  );
}

// 佐证材料 metadata: evidence files, multipart uploads and their parts, read links, which reports refer to which file,
// and the access log. The only code that queries those tables.
import type { EvidenceFile, EvidenceRef, EvidenceType } from '../../core/index.ts';

interface FileRow {
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

const FILE_COLUMNS = 'id, plan_id, unit_id, period, measure_id, item, name, size, sha256, type, uploaded_at';

const toFile = (r: FileRow): EvidenceFile => ({
  id: r.id,
  planId: r.plan_id,
  unitId: r.unit_id,
  period: r.period,
  measureId: r.measure_id,
  item: r.item,
  name: r.name,
  size: r.size,
  sha256: r.sha256,
  type: r.type,
  uploadedAt: r.uploaded_at,
});

export async function getEvidenceFile(db: D1Database, id: string): Promise<EvidenceFile | null> {
  const r = await db.prepare(`SELECT ${FILE_COLUMNS} FROM evidence_files WHERE id = ?`).bind(id).first<FileRow>();
  return r ? toFile(r) : null;
}

/** The unit's file of this plan with these bytes, if it stored them before. */
export async function findEvidenceBySha(db: D1Database, unitId: string, planId: string, sha256: string): Promise<EvidenceFile | null> {
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
export async function unitEvidenceByIds(db: D1Database, unitId: string, planId: string, ids: string[]): Promise<Map<string, EvidenceFile>> {
  const found = new Map<string, EvidenceFile>();
  // 90 ids a statement keeps well under D1's 100 bound parameters.
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const { results } = await db
      .prepare(`SELECT ${FILE_COLUMNS} FROM evidence_files WHERE unit_id = ? AND plan_id = ? AND id IN (${chunk.map(() => '?').join(',')})`)
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

/** Inserts the metadata of stored bytes; false when the unit already has these bytes under the plan (a race). */
export async function insertEvidenceFile(db: D1Database, f: EvidenceFile, tokenHash: string): Promise<boolean> {
  try {
    await db
      .prepare(`INSERT INTO evidence_files (${FILE_COLUMNS}, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(f.id, f.planId, f.unitId, f.period, f.measureId, f.item, f.name, f.size, f.sha256, f.type, f.uploadedAt, tokenHash)
      .run();
    return true;
  } catch (e) {
    if (/UNIQUE constraint failed: evidence_files\.unit_id/.test(String(e))) return false;
    throw e;
  }
}

export async function logEvidenceAccess(db: D1Database, id: string, action: 'read' | 'delete', actor: string, at: string, detail?: string): Promise<void> {
  await db.prepare('INSERT INTO evidence_access (evidence_id, action, actor, at, detail) VALUES (?, ?, ?, ?, ?)').bind(id, action, actor, at, detail ?? null).run();
}

export async function evidenceAccessLog(db: D1Database, id: string): Promise<{ action: string; actor: string; at: string; detail: string | null }[]> {
  const { results } = await db
    .prepare('SELECT action, actor, at, detail FROM evidence_access WHERE evidence_id = ? ORDER BY id')
    .bind(id)
    .all<{ action: string; actor: string; at: string; detail: string | null }>();
  return results;
}

/** A file a report row, a 销号 application or a 督办单 answer refers to is kept for good. */
const referenced = (id: string) =>
  `(EXISTS (SELECT 1 FROM report_evidence WHERE evidence_id = ${id}) OR EXISTS (SELECT 1 FROM closure_evidence WHERE evidence_id = ${id}))`;

/**
 * Deletes a file's metadata (and its links) and records the delete, in one batch — unless a report refers to it.
 * Metadata goes before the bytes: a crash in between leaves bytes without metadata, which housekeeping removes.
 */
export async function deleteEvidenceMetadata(db: D1Database, id: string, actor: string, at: string, detail?: string): Promise<boolean> {
  const unreferenced = `NOT ${referenced('?1')}`;
  const [, , gone] = await db.batch([
    db.prepare(`INSERT INTO evidence_access (evidence_id, action, actor, at, detail) SELECT ?1, 'delete', ?2, ?3, ?4 WHERE ${unreferenced} AND EXISTS (SELECT 1 FROM evidence_files WHERE id = ?1)`).bind(id, actor, at, detail ?? null),
    db.prepare(`DELETE FROM evidence_links WHERE evidence_id = ?1 AND ${unreferenced}`).bind(id),
    db.prepare(`DELETE FROM evidence_files WHERE id = ?1 AND ${unreferenced}`).bind(id),
  ]);
  return (gone?.meta.changes ?? 0) > 0;
}

export async function isEvidenceReferenced(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare(`SELECT ${referenced('?1')} AS x`).bind(id).first<{ x: number }>())?.x === 1;
}

// --- read links -------------------------------------------------------------------------------------------------

export async function insertEvidenceLink(db: D1Database, tokenHash: string, evidenceId: string, tokenId: string, expiresAt: string): Promise<void> {
  await db.prepare('INSERT INTO evidence_links (token_hash, evidence_id, token_id, expires_at) VALUES (?, ?, ?, ?)').bind(tokenHash, evidenceId, tokenId, expiresAt).run();
}

/** The file a link opens, the token that asked for it and whether the link still works; null for an unknown token. */
export async function evidenceLinkTarget(db: D1Database, tokenHash: string, now: string): Promise<{ file: EvidenceFile; tokenId: string; expired: boolean } | null> {
  const r = await db
    .prepare(`SELECT ${FILE_COLUMNS.split(', ').map((c) => `f.${c}`).join(', ')}, l.token_id, l.expires_at <= ? AS expired FROM evidence_links l JOIN evidence_files f ON f.id = l.evidence_id WHERE l.token_hash = ?`)
    .bind(now, tokenHash)
    .first<FileRow & { token_id: string; expired: number }>();
  return r ? { file: toFile(r), tokenId: r.token_id, expired: r.expired === 1 } : null;
}

// --- multipart uploads ------------------------------------------------------------------------------------------

export interface UploadRecord {
  id: string;
  storeUploadId: string;
  fileId: string;
  planId: string;
  unitId: string;
  period: string;
  measureId: string;
  item: string | null;
  name: string;
  size: number;
  sha256: string;
  partCount: number;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

/** An upload in parts carries the file's own columns (but its type, known only once complete). */
interface UploadRow extends Omit<FileRow, 'type' | 'uploaded_at'> {
  store_upload_id: string;
  file_id: string;
  part_count: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

const toUpload = (r: UploadRow): UploadRecord => ({
  id: r.id,
  storeUploadId: r.store_upload_id,
  fileId: r.file_id,
  planId: r.plan_id,
  unitId: r.unit_id,
  period: r.period,
  measureId: r.measure_id,
  item: r.item,
  name: r.name,
  size: r.size,
  sha256: r.sha256,
  partCount: r.part_count,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export async function insertUpload(db: D1Database, u: UploadRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO evidence_uploads (id, store_upload_id, file_id, plan_id, unit_id, period, measure_id, item, name, size, sha256, part_count, token_hash, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(u.id, u.storeUploadId, u.fileId, u.planId, u.unitId, u.period, u.measureId, u.item, u.name, u.size, u.sha256, u.partCount, u.tokenHash, u.createdAt, u.expiresAt)
    .run();
}

export async function getUpload(db: D1Database, id: string): Promise<UploadRecord | null> {
  const r = await db.prepare('SELECT * FROM evidence_uploads WHERE id = ?').bind(id).first<UploadRow>();
  return r ? toUpload(r) : null;
}

export async function uploadParts(db: D1Database, uploadId: string): Promise<{ partNumber: number; etag: string; size: number }[]> {
  const { results } = await db
    .prepare('SELECT part_number AS partNumber, etag, size FROM evidence_upload_parts WHERE upload_id = ? ORDER BY part_number')
    .bind(uploadId)
    .all<{ partNumber: number; etag: string; size: number }>();
  return results;
}

export async function hasUploadPart(db: D1Database, uploadId: string, partNumber: number): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS x FROM evidence_upload_parts WHERE upload_id = ? AND part_number = ?').bind(uploadId, partNumber).first()) !== null;
}

export async function recordUploadPart(db: D1Database, uploadId: string, partNumber: number, etag: string, size: number): Promise<void> {
  await db
    .prepare('INSERT OR REPLACE INTO evidence_upload_parts (upload_id, part_number, etag, size) VALUES (?, ?, ?, ?)')
    .bind(uploadId, partNumber, etag, size)
    .run();
}

export async function deleteUpload(db: D1Database, id: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM evidence_upload_parts WHERE upload_id = ?').bind(id),
    db.prepare('DELETE FROM evidence_uploads WHERE id = ?').bind(id),
  ]);
}

/** The completed file's metadata replaces the upload, in one batch; false when the unit stored these bytes meanwhile. */
export async function completeUploadRecord(db: D1Database, u: UploadRecord, f: EvidenceFile): Promise<boolean> {
  try {
    await db.batch([
      db
        .prepare(`INSERT INTO evidence_files (${FILE_COLUMNS}, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .bind(f.id, f.planId, f.unitId, f.period, f.measureId, f.item, f.name, f.size, f.sha256, f.type, f.uploadedAt, u.tokenHash),
      db.prepare('DELETE FROM evidence_upload_parts WHERE upload_id = ?').bind(u.id),
      db.prepare('DELETE FROM evidence_uploads WHERE id = ?').bind(u.id),
    ]);
    return true;
  } catch (e) {
    if (/UNIQUE constraint failed: evidence_files\.unit_id/.test(String(e))) return false;
    throw e;
  }
}

// --- housekeeping -----------------------------------------------------------------------------------------------

/** Files uploaded before `before` that no report refers to. */
export async function unreferencedEvidenceBefore(db: D1Database, before: string, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM evidence_files f WHERE uploaded_at < ? AND NOT ${referenced('f.id')}
       ORDER BY uploaded_at LIMIT ?`,
    )
    .bind(before, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function expiredUploads(db: D1Database, now: string, limit: number): Promise<UploadRecord[]> {
  const { results } = await db.prepare('SELECT * FROM evidence_uploads WHERE expires_at <= ? ORDER BY expires_at LIMIT ?').bind(now, limit).all<UploadRow>();
  return results.map(toUpload);
}

/** Of `ids`, those with metadata (a file) or an upload in progress that will become one. */
export async function knownEvidenceIds(db: D1Database, ids: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const marks = chunk.map(() => '?').join(',');
    const { results } = await db
      .prepare(`SELECT id FROM evidence_files WHERE id IN (${marks}) UNION SELECT file_id FROM evidence_uploads WHERE file_id IN (${marks})`)
      .bind(...chunk, ...chunk)
      .all<{ id: string }>();
    for (const r of results) known.add(r.id);
  }
  return known;
}

/** Every file id with metadata, oldest first, one page at a time (for checking that its bytes exist). */
export async function evidenceIdsAfter(db: D1Database, afterId: string, limit: number): Promise<string[]> {
  const { results } = await db.prepare('SELECT id FROM evidence_files WHERE id > ? ORDER BY id LIMIT ?').bind(afterId, limit).all<{ id: string }>();
  return results.map((r) => r.id);
}

// --- references from report rows -------------------------------------------------------------------------------

/**
 * Statements recording which row of a new report refers to which file, for the submission's batch. Like the rows,
 * they insert only when the report row exists (the batch's first statement may have refused it).
 */
export function reportEvidenceStatements(db: D1Database, reportId: string, rows: readonly { evidenceIds?: readonly string[] }[]): D1PreparedStatement[] {
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
  (rows as RowEvidenceRow[]).map((r) => ({ reportId: r.report_id, rowIndex: r.row_index, file: { id: r.id, name: r.name, size: r.size, sha256: r.sha256, type: r.type } }));

/** For a caller's batch: the files one report's rows refer to (read with toRowEvidence). */
export const reportEvidenceStatement = (db: D1Database, reportId: string) =>
  db.prepare(`${ROW_EVIDENCE_SELECT} WHERE re.report_id = ? ${ROW_EVIDENCE_ORDER}`).bind(reportId);

/** For a caller's batch: the files the current revisions of a plan's period refer to (read with toRowEvidence). */
export const periodEvidenceStatement = (db: D1Database, planId: string, period: string) =>
  db.prepare(`${ROW_EVIDENCE_SELECT} JOIN report_heads h ON h.report_id = re.report_id WHERE h.plan_id = ? AND h.period = ? ${ROW_EVIDENCE_ORDER}`).bind(planId, period);

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
export function withEvidence<R extends { evidenceIds?: string[] }>(rows: readonly R[], refs: readonly RowEvidence[]): { rows: R[]; files: EvidenceRef[] } {
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

// Multipart uploads of 佐证材料 (files over 5 MiB) and the hourly housekeeping's reads: unattached files, expired
// uploads, and the ids whose bytes must exist.
import type { EvidenceFile } from '../../../core/schemas/evidence.ts';
import { insertFileStatement, referenced, sharedFileFields, unlessStoredAlready, type FileRow } from './files.ts';

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
  ...sharedFileFields(r),
  storeUploadId: r.store_upload_id,
  fileId: r.file_id,
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
    .bind(
      u.id,
      u.storeUploadId,
      u.fileId,
      u.planId,
      u.unitId,
      u.period,
      u.measureId,
      u.item,
      u.name,
      u.size,
      u.sha256,
      u.partCount,
      u.tokenHash,
      u.createdAt,
      u.expiresAt,
    )
    .run();
}

export async function getUpload(db: D1Database, id: string): Promise<UploadRecord | null> {
  const r = await db.prepare('SELECT * FROM evidence_uploads WHERE id = ?').bind(id).first<UploadRow>();
  return r ? toUpload(r) : null;
}

export async function uploadParts(
  db: D1Database,
  uploadId: string,
): Promise<{ partNumber: number; etag: string; size: number }[]> {
  const { results } = await db
    .prepare(
      'SELECT part_number AS partNumber, etag, size FROM evidence_upload_parts WHERE upload_id = ? ORDER BY part_number',
    )
    .bind(uploadId)
    .all<{ partNumber: number; etag: string; size: number }>();
  return results;
}

export async function hasUploadPart(db: D1Database, uploadId: string, partNumber: number): Promise<boolean> {
  return (
    (await db
      .prepare('SELECT 1 AS x FROM evidence_upload_parts WHERE upload_id = ? AND part_number = ?')
      .bind(uploadId, partNumber)
      .first()) !== null
  );
}

export async function recordUploadPart(
  db: D1Database,
  uploadId: string,
  partNumber: number,
  etag: string,
  size: number,
): Promise<void> {
  await db
    .prepare('INSERT OR REPLACE INTO evidence_upload_parts (upload_id, part_number, etag, size) VALUES (?, ?, ?, ?)')
    .bind(uploadId, partNumber, etag, size)
    .run();
}

/** The statements that remove an upload and its parts. */
const uploadDeletes = (db: D1Database, id: string) => [
  db.prepare('DELETE FROM evidence_upload_parts WHERE upload_id = ?').bind(id),
  db.prepare('DELETE FROM evidence_uploads WHERE id = ?').bind(id),
];

export async function deleteUpload(db: D1Database, id: string): Promise<void> {
  await db.batch(uploadDeletes(db, id));
}

/** The completed file's metadata replaces the upload, in one batch; false when the unit stored these bytes meanwhile. */
export const completeUploadRecord = (db: D1Database, u: UploadRecord, f: EvidenceFile): Promise<boolean> =>
  unlessStoredAlready(db.batch([insertFileStatement(db, f, u.tokenHash), ...uploadDeletes(db, u.id)]));

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
  const { results } = await db
    .prepare('SELECT * FROM evidence_uploads WHERE expires_at <= ? ORDER BY expires_at LIMIT ?')
    .bind(now, limit)
    .all<UploadRow>();
  return results.map(toUpload);
}

/** Of `ids`, those with metadata (a file) or an upload in progress that will become one. */
export async function knownEvidenceIds(db: D1Database, ids: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const marks = chunk.map(() => '?').join(',');
    const { results } = await db
      .prepare(
        `SELECT id FROM evidence_files WHERE id IN (${marks}) UNION SELECT file_id FROM evidence_uploads WHERE file_id IN (${marks})`,
      )
      .bind(...chunk, ...chunk)
      .all<{ id: string }>();
    for (const r of results) known.add(r.id);
  }
  return known;
}

/** Every file id with metadata, oldest first, one page at a time (for checking that its bytes exist). */
export async function evidenceIdsAfter(db: D1Database, afterId: string, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT id FROM evidence_files WHERE id > ? ORDER BY id LIMIT ?')
    .bind(afterId, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

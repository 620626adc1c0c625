// Multipart uploads of evidence files over 5 MiB: started (or answered with the file the unit already has), parts of
// 5 MiB sent in any order and resumable, then assembled and read back once to check type, size and SHA-256. Until
// then nothing is a file: an abandoned or refused upload leaves no metadata, and housekeeping aborts expired ones.
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import type { EvidenceFile, EvidenceUpload, EvidenceUploadStart } from '../../core/schemas/evidence.ts';
import {
  completeUploadRecord,
  deleteUpload,
  getUpload,
  hasUploadPart,
  insertUpload,
  recordUploadPart,
  uploadParts,
  type UploadRecord,
} from '../db/evidence/index.ts';
import { evidenceKey, StorageFullError, type EvidenceStore } from '../storage/evidence-store.ts';
import { AppError } from './app-error.ts';
import { evidenceErrors as E } from './evidence-errors.ts';
import { newEvidenceId, newUploadId } from './evidence-ids.ts';
import { drain, inspectStream } from './evidence-stream.ts';
import { inspectEvidence } from './evidence-stream-native.ts';
import {
  checkQuota,
  checkSize,
  checkTarget,
  existing,
  streamInto,
  type Stored,
  type Uploader,
} from './evidence-upload.ts';

const partCountOf = (size: number) => Math.ceil(size / EVIDENCE_LIMITS.partBytes);
const partSizeOf = (u: UploadRecord, partNumber: number) =>
  partNumber < u.partCount ? EVIDENCE_LIMITS.partBytes : u.size - (u.partCount - 1) * EVIDENCE_LIMITS.partBytes;

async function uploadState(db: D1Database, u: UploadRecord): Promise<EvidenceUpload> {
  const parts = await uploadParts(db, u.id);
  return {
    uploadId: u.id,
    partSize: EVIDENCE_LIMITS.partBytes,
    partCount: u.partCount,
    uploadedParts: parts.map((p) => p.partNumber),
    expiresAt: u.expiresAt,
  };
}

/** POST /evidence/uploads: an upload in parts, or the file the unit already has with that SHA-256. */
export async function startUpload(
  u: Uploader,
  s: EvidenceUploadStart,
): Promise<{ upload: EvidenceUpload } | { file: EvidenceFile }> {
  const target = await checkTarget(u.db, u.auth.unitId, s, 'body');
  checkSize(target.name, s.size, EVIDENCE_LIMITS.fileBytes, E.tooLarge);
  const before = await existing(u.db, u.auth.unitId, target.planId, s.sha256);
  if (before) return { file: before };
  await checkQuota(u.db, u.auth.unitId, target.planId, target.name, s.size);
  const fileId = newEvidenceId();
  const record: UploadRecord = {
    id: newUploadId(),
    storeUploadId: await u.store.createMultipart(evidenceKey(fileId)),
    fileId,
    planId: target.planId,
    unitId: u.auth.unitId,
    period: s.period,
    measureId: s.measure,
    item: target.item,
    name: target.name,
    size: s.size,
    sha256: s.sha256,
    partCount: partCountOf(s.size),
    tokenHash: u.auth.tokenHash,
    createdAt: u.now.toISOString(),
    expiresAt: new Date(u.now.getTime() + EVIDENCE_LIMITS.uploadTtlMs).toISOString(),
  };
  await insertUpload(u.db, record);
  return { upload: await uploadState(u.db, record) };
}

/** The unit's own upload, still open; another unit's answers as unknown. */
export async function ownUpload(u: Uploader, uploadId: string): Promise<UploadRecord> {
  const record = await getUpload(u.db, uploadId);
  if (!record || record.unitId !== u.auth.unitId || record.expiresAt <= u.now.toISOString()) throw E.uploadNotFound();
  return record;
}

export const getUploadState = async (u: Uploader, uploadId: string) => uploadState(u.db, await ownUpload(u, uploadId));

/** PUT a part: stored once; a part already stored answers at once without reading the body again. */
export async function putPart(
  u: Uploader,
  uploadId: string,
  partNumber: number,
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | undefined,
): Promise<void> {
  const record = await ownUpload(u, uploadId);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > record.partCount)
    throw E.badPart(record.name, partNumber, record.partCount);
  if (await hasUploadPart(u.db, record.id, partNumber)) {
    await body?.cancel();
    return;
  }
  if (contentLength === undefined || !/^\d+$/.test(contentLength)) throw E.lengthRequired(record.name);
  const size = partSizeOf(record, partNumber);
  if (Number(contentLength) !== size) throw E.sizeMismatch(record.name, size, Number(contentLength));
  if (!body) throw E.sizeMismatch(record.name, size, 0);
  // The first part carries the file's head: a refused type stops the upload before the rest is sent.
  const inspection = inspectEvidence(body, size, { sniff: partNumber === 1, hash: false });
  let etag = '';
  try {
    await streamInto(
      record.name,
      size,
      inspection,
      async (s) =>
        ({ etag } = await u.store.uploadPart(evidenceKey(record.fileId), record.storeUploadId, partNumber, s, size)),
    );
  } catch (e) {
    if (e instanceof AppError && e.code === 'evidence_type_refused') await abandonUpload(u.db, u.store, record);
    throw e;
  }
  await recordUploadPart(u.db, record.id, partNumber, etag, size);
}

/** Gives up an upload: the store's parts and the rows. */
export async function abandonUpload(db: D1Database, store: EvidenceStore, record: UploadRecord): Promise<void> {
  await store.abortMultipart(evidenceKey(record.fileId), record.storeUploadId).catch(() => {});
  await deleteUpload(db, record.id);
}

/**
 * Assembles the parts, then reads the file back once to check its type, size and SHA-256 (a hash cannot be carried
 * across requests). Anything wrong: the assembled bytes and the upload are gone, nothing is kept.
 */
export async function completeUpload(u: Uploader, uploadId: string): Promise<Stored> {
  const record = await ownUpload(u, uploadId);
  const parts = await uploadParts(u.db, record.id);
  const have = new Set(parts.map((p) => p.partNumber));
  const missing = Array.from({ length: record.partCount }, (_, i) => i + 1).filter((n) => !have.has(n));
  if (missing.length) throw E.partsMissing(record.name, missing);

  const key = evidenceKey(record.fileId);
  await u.store
    .completeMultipart(
      key,
      record.storeUploadId,
      parts.map(({ partNumber, etag }) => ({ partNumber, etag })),
    )
    .catch((e: unknown) => {
      throw e instanceof StorageFullError ? E.storageFull(record.name) : e;
    });
  const discard = async (err: AppError) => {
    await u.store.delete([key]);
    await deleteUpload(u.db, record.id);
    return err;
  };
  const object = await u.store.get(key);
  if (!object) throw await discard(E.cutOff(record.name));
  // Read back by the portable inspector: it counts the length itself (nothing stores these bytes again).
  const inspection = inspectStream(object.body, record.size);
  const seen = await streamInto(record.name, record.size, inspection, drain).catch(async (e: AppError) => {
    throw await discard(e);
  });
  if (!seen.type) throw await discard(E.cutOff(record.name));
  if (seen.sha256 !== record.sha256) throw await discard(E.hashMismatch(record.name));

  const file: EvidenceFile = {
    id: record.fileId,
    planId: record.planId,
    unitId: record.unitId,
    period: record.period,
    measureId: record.measureId,
    item: record.item,
    name: record.name,
    size: record.size,
    sha256: seen.sha256,
    type: seen.type,
    uploadedAt: u.now.toISOString(),
  };
  if (!(await completeUploadRecord(u.db, record, file))) {
    await discard(E.cutOff(record.name));
    return { file: (await existing(u.db, record.unitId, record.planId, seen.sha256))!, deduplicated: true };
  }
  return { file, deduplicated: false };
}

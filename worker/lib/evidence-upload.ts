// Storing evidence files: one request (≤ 5 MiB) or a multipart upload (parts of 5 MiB, resumable). Bytes stream to
// the store while being counted, sniffed and hashed; metadata is written only after the bytes are stored, so a
// failure leaves at most bytes without metadata, which housekeeping removes. The routes map the outcomes to HTTP.
import { calendarFor } from '../../core/calendar/schedule.ts';
import { cleanFileName } from '../../core/evidence/file-name.ts';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { measureById } from '../../core/plan/plan-lookup.ts';
import type { EvidenceFile, EvidenceTarget, EvidenceUpload, EvidenceUploadStart } from '../../core/schemas/evidence.ts';
import {
  completeUploadRecord,
  deleteUpload,
  evidenceUsage,
  findEvidenceBySha,
  getUpload,
  hasUploadPart,
  insertEvidenceFile,
  insertUpload,
  recordUploadPart,
  uploadParts,
  type UploadRecord,
} from '../db/evidence/index.ts';
import { evidenceKey, StorageFullError, type EvidenceStore } from '../storage/evidence-store.ts';
import { AppError } from './app-error.ts';
import type { UnitAuth } from './auth.ts';
import { evidenceErrors as E } from './evidence-errors.ts';
import { newEvidenceId, newUploadId } from './evidence-ids.ts';
import { drain, inspectStream, StreamRefused, type Inspection } from './evidence-stream.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from './plan-choice.ts';

export interface Uploader {
  db: D1Database;
  store: EvidenceStore;
  auth: UnitAuth;
  now: Date;
}

export type Stored = { file: EvidenceFile; deduplicated: boolean };

/** Where the file is filed, checked against the plan: a period of its schedule, a measure the unit reports on. */
async function checkTarget(db: D1Database, unitId: string, t: EvidenceTarget, where: 'query' | 'body') {
  const plan = pickPlan(await candidatePlans(db, t.plan), t.plan, where);
  if (!calendarFor(plan.schedule).isPeriodId(t.period))
    throw E.invalid('period', {
      zh: `期次 ${t.period} 不符合该整改方案的报送周期`,
      en: `period does not fit the plan's schedule`,
    });
  const measure = measureById(plan, t.measure);
  if (!measure) throw E.invalid('measure', { zh: `整改措施 ${t.measure} 不在该整改方案中`, en: `unknown measure` });
  if (!measure.responsibleUnitIds.includes(unitId))
    throw E.invalid('measure', {
      zh: `本单位不是整改措施 ${t.measure} 的责任单位`,
      en: `the unit is not responsible for this measure`,
    });
  const name = cleanFileName(t.name);
  if (!name) throw E.invalid('name', { zh: '文件名为空', en: 'the file name is empty' });
  return { planId: plan.id, name, item: t.item?.trim() ? t.item.trim() : null };
}

function checkSize(name: string, size: number, max: number, tooLarge: (name: string, size: number) => AppError) {
  if (size === 0) throw E.empty(name);
  if (size > EVIDENCE_LIMITS.fileBytes) throw E.tooLarge(name, size);
  if (size > max) throw tooLarge(name, size);
}

async function checkQuota(db: D1Database, unitId: string, planId: string, name: string, size: number) {
  const used = await evidenceUsage(db, unitId, planId);
  if (used + size > EVIDENCE_LIMITS.unitPlanBytes) throw E.quota(name, used);
}

/**
 * Stores what `inspection` yields; turns a refused or broken stream into the answer naming the file. `discard`
 * removes what was stored should the store have accepted a stream that was refused at its very end.
 */
async function streamInto(
  name: string,
  size: number,
  inspection: Inspection,
  store: (s: ReadableStream<Uint8Array>) => Promise<unknown>,
  discard: () => Promise<unknown> = async () => {},
) {
  try {
    await store(inspection.stream);
    return await inspection.done.catch(async (e: unknown) => {
      await discard();
      throw e;
    });
  } catch (e) {
    const refusal = inspection.refusal() ?? (e instanceof StreamRefused ? e : null);
    if (refusal?.problem.kind === 'type') throw E.typeRefused(name, refusal.problem.head);
    if (refusal?.problem.kind === 'length') throw E.sizeMismatch(name, size, refusal.problem.received);
    if (e instanceof AppError) throw e;
    if (e instanceof StorageFullError) throw E.storageFull(name);
    throw E.cutOff(name);
  }
}

/** The existing file when the unit already stored these bytes under the plan. */
const existing = (db: D1Database, unitId: string, planId: string, sha256: string) =>
  findEvidenceBySha(db, unitId, planId, sha256);

/** POST /evidence: one request, at most EVIDENCE_LIMITS.singleRequestBytes. */
export async function storeSingle(
  u: Uploader,
  t: EvidenceTarget,
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | undefined,
): Promise<Stored> {
  const displayName = cleanFileName(t.name) || t.name;
  if (contentLength === undefined || !/^\d+$/.test(contentLength)) throw E.lengthRequired(displayName);
  const size = Number(contentLength);
  checkSize(displayName, size, EVIDENCE_LIMITS.singleRequestBytes, E.useParts);
  const target = await checkTarget(u.db, u.auth.unitId, t, 'query');
  await checkQuota(u.db, u.auth.unitId, target.planId, target.name, size);
  if (!body) throw E.sizeMismatch(target.name, size, 0);

  const id = newEvidenceId();
  const key = evidenceKey(id);
  const seen = await streamInto(
    target.name,
    size,
    inspectStream(body, size),
    (s) => u.store.put(key, s, size),
    () => u.store.delete([key]),
  );
  const file: EvidenceFile = {
    id,
    planId: target.planId,
    unitId: u.auth.unitId,
    period: t.period,
    measureId: t.measure,
    item: target.item,
    name: target.name,
    size,
    sha256: seen.sha256,
    type: seen.type!,
    uploadedAt: u.now.toISOString(),
  };
  // The insert itself finds a file the unit stored before with these bytes (its unique key): one D1 round trip
  // for a new file, the second only for a duplicate.
  if (!(await insertEvidenceFile(u.db, file, u.auth.tokenHash))) {
    await u.store.delete([key]);
    return { file: (await existing(u.db, u.auth.unitId, target.planId, seen.sha256))!, deduplicated: true };
  }
  return { file, deduplicated: false };
}

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
  const inspection = inspectStream(body, size, { sniff: partNumber === 1, hash: false });
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

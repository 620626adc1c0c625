// Storing evidence files sent in one request (≤ 5 MiB), and the checks a multipart upload (evidence-multipart.ts)
// shares. Bytes stream to the store while being counted, sniffed and hashed; metadata is written only after the bytes
// are stored, so a failure leaves at most bytes without metadata, which housekeeping removes. The routes map the
// outcomes to HTTP.
import { calendarFor } from '../../core/calendar/schedule.ts';
import { cleanFileName } from '../../core/evidence/file-name.ts';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { measureById } from '../../core/plan/plan-lookup.ts';
import type { EvidenceFile, EvidenceTarget } from '../../core/schemas/evidence.ts';
import { evidenceUsage, findEvidenceBySha, insertEvidenceFile } from '../db/evidence/index.ts';
import { evidenceKey, LengthMismatchError, StorageFullError, type EvidenceStore } from '../storage/evidence-store.ts';
import { AppError } from './app-error.ts';
import type { UnitAuth } from './auth.ts';
import { evidenceErrors as E } from './evidence-errors.ts';
import { newEvidenceId } from './evidence-ids.ts';
import { StreamRefused, type Inspection } from './evidence-stream.ts';
import { inspectEvidence } from './evidence-stream-native.ts';
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
export async function checkTarget(db: D1Database, unitId: string, t: EvidenceTarget, where: 'query' | 'body') {
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

export function checkSize(name: string, size: number, max: number, tooLarge: (name: string, size: number) => AppError) {
  if (size === 0) throw E.empty(name);
  if (size > EVIDENCE_LIMITS.fileBytes) throw E.tooLarge(name, size);
  if (size > max) throw tooLarge(name, size);
}

export async function checkQuota(db: D1Database, unitId: string, planId: string, name: string, size: number) {
  const used = await evidenceUsage(db, unitId, planId);
  if (used + size > EVIDENCE_LIMITS.unitPlanBytes) throw E.quota(name, used);
}

/**
 * Stores what `inspection` yields; turns a refused or broken stream into the answer naming the file. `discard`
 * removes what was stored should the store have accepted a stream that was refused at its very end.
 */
export async function streamInto(
  name: string,
  size: number,
  inspection: Inspection,
  store: (s: ReadableStream<Uint8Array>) => Promise<unknown>,
  discard: () => Promise<unknown> = async () => {},
) {
  try {
    await store(await inspection.stream);
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
    if (e instanceof LengthMismatchError) throw E.sizeMismatch(name, size, undefined);
    throw E.cutOff(name);
  }
}

/** The existing file when the unit already stored these bytes under the plan. */
export const existing = (db: D1Database, unitId: string, planId: string, sha256: string) =>
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
    inspectEvidence(body, size),
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

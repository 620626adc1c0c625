// The hourly job's evidence part (its own function beside the reminders): files no accepted submission refers to are
// deleted 7 days after upload (files of any revision never), multipart uploads past their 24 h are aborted, and
// parts a store keeps on its own disk for longer than an upload may live are removed (an upload whose row is gone but
// whose parts were not), the store and D1 are reconciled: bytes without metadata are deleted, metadata without bytes is removed. Every
// delete is recorded in evidence_access (actor "housekeeping").
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import {
  deleteEvidenceMetadata,
  evidenceIdsAfter,
  expiredUploads,
  isEvidenceReferenced,
  knownEvidenceIds,
  unreferencedEvidenceBefore,
} from '../db/evidence/index.ts';
import { EVIDENCE_PREFIX, evidenceKey, type EvidenceStore } from '../storage/evidence-store.ts';
import { abandonUpload } from './evidence-multipart.ts';

/** Bytes stored this recently may belong to an upload whose metadata is being written right now. */
const GRACE_MS = 3600_000;
/** Work per run is bounded; what is left waits for the next hour. */
const BATCH = 200;

export interface HousekeepingOutcome {
  orphansDeleted: number;
  uploadsAborted: number;
  abandonedPartsRemoved: number;
  strayBytesDeleted: number;
  strayMetadataRemoved: number;
}

export async function runEvidenceHousekeeping(
  db: D1Database,
  store: EvidenceStore,
  now: Date,
): Promise<HousekeepingOutcome> {
  const out: HousekeepingOutcome = {
    orphansDeleted: 0,
    uploadsAborted: 0,
    abandonedPartsRemoved: 0,
    strayBytesDeleted: 0,
    strayMetadataRemoved: 0,
  };
  const at = now.toISOString();

  const orphans = await unreferencedEvidenceBefore(
    db,
    new Date(now.getTime() - EVIDENCE_LIMITS.orphanTtlMs).toISOString(),
    BATCH,
  );
  for (const id of orphans) {
    // Metadata first: if the bytes' delete fails, the reconciliation below removes them next time.
    if (await deleteEvidenceMetadata(db, id, 'housekeeping', at, 'never attached to a submission within 7 days')) {
      await store.delete([evidenceKey(id)]);
      out.orphansDeleted++;
    }
  }

  for (const upload of await expiredUploads(db, at, BATCH)) {
    await abandonUpload(db, store, upload);
    out.uploadsAborted++;
  }
  // After the aborts above: what is left of an upload older than an upload may live, no upload row can use.
  out.abandonedPartsRemoved =
    (await store.removeAbandonedParts?.(new Date(now.getTime() - EVIDENCE_LIMITS.uploadTtlMs))) ?? 0;

  // Reconcile: every stored object against the metadata, and every metadata row against the stored objects.
  const stored = new Set<string>();
  const settled = now.getTime() - GRACE_MS;
  let cursor: string | undefined;
  do {
    const page = await store.list(EVIDENCE_PREFIX, cursor);
    cursor = page.cursor;
    const ids = page.objects.map((o) => o.key.slice(EVIDENCE_PREFIX.length));
    ids.forEach((id) => stored.add(id));
    const known = await knownEvidenceIds(db, ids);
    const stray = page.objects
      .filter((o, i) => !known.has(ids[i]!) && o.uploaded.getTime() < settled)
      .map((o) => o.key);
    await store.delete(stray);
    out.strayBytesDeleted += stray.length;
  } while (cursor);

  for (
    let after = '', ids: string[];
    (ids = await evidenceIdsAfter(db, after, 500)).length;
    after = ids[ids.length - 1]!
  ) {
    for (const id of ids.filter((i) => !stored.has(i))) {
      if (await isEvidenceReferenced(db, id)) {
        // A report's file lost its bytes (outside the Worker): keep the reference, say so loudly.
        console.error('evidence bytes missing for a referenced file', id);
        continue;
      }
      if (await deleteEvidenceMetadata(db, id, 'housekeeping', at, 'bytes missing from the store'))
        out.strayMetadataRemoved++;
    }
  }
  return out;
}

// The hourly job's evidence part: files never attached to a submission go after 7 days, files a report refers to
// stay, stale multipart uploads are aborted, and the store and D1 agree afterwards (no bytes without metadata, no
// metadata without bytes).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceFile, EvidenceUpload } from '../../core/schemas/evidence.ts';
import { evidenceAccessLog, getEvidenceFile, insertEvidenceFile } from '../../worker/db/evidence/index.ts';
import { runEvidenceHousekeeping } from '../../worker/lib/evidence-housekeeping.ts';
import { evidenceStoreOf } from '../../worker/storage/r2-store.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { jpeg, sha256Hex } from '../fixtures/evidence-bytes.ts';
import { aroundDeadline, call, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';
import { getJson, measureOf, PERIOD, putPart, uploadEvidence } from './evidence-helpers.ts';

const A = 'v-dinglai';
const DAY = 24 * 3600_000;
let a: TestToken;

const run = (at: number) => runEvidenceHousekeeping(env.DB, evidenceStoreOf(env), new Date(at));
const hasBytes = async (id: string) => (await env.EVIDENCE.head(`evidence/${id}`)) !== null;

describe('evidence housekeeping', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
  });

  it('deletes a file no submission refers to 7 days after its upload, and records the delete', async () => {
    const file = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, jpeg(4000, 41), { name: '没用上.jpg' }));
    const uploaded = Date.parse(file.uploadedAt);
    await run(uploaded + 6 * DAY);
    expect(await getEvidenceFile(env.DB, file.id)).not.toBeNull();
    const out = await run(uploaded + 7 * DAY + 1000);
    expect(out.orphansDeleted).toBeGreaterThanOrEqual(1);
    expect(await getEvidenceFile(env.DB, file.id)).toBeNull();
    expect(await hasBytes(file.id)).toBe(false);
    expect((await evidenceAccessLog(env.DB, file.id)).at(-1)).toMatchObject({
      action: 'delete',
      actor: 'housekeeping',
    });
  });

  it('never deletes a file an accepted revision refers to', async () => {
    const file = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, jpeg(4000, 42), { name: '已报送.jpg' }));
    const body = submissionFor(A, PERIOD);
    body.rows[0]!.evidenceIds = [file.id];
    const res = await submit(a.token, body, { now: aroundDeadline(PERIOD, -3600_000) });
    expect(res.status).toBe(201);
    await run(Date.parse(file.uploadedAt) + 400 * DAY);
    expect(await getEvidenceFile(env.DB, file.id)).not.toBeNull();
    expect(await hasBytes(file.id)).toBe(true);
  });

  it('aborts a multipart upload left unfinished for a day', async () => {
    const bytes = jpeg(6 * 1024 * 1024, 43);
    const res = await call('/evidence/uploads', {
      token: a.token,
      body: {
        plan: DEMO_PLAN_ID,
        period: PERIOD,
        measure: measureOf(A),
        name: '半截.jpg',
        size: bytes.byteLength,
        sha256: await sha256Hex(bytes),
      },
    });
    const upload = await getJson<EvidenceUpload>(res);
    await putPart(a.token, upload.uploadId, 1, bytes.subarray(0, upload.partSize));
    const out = await run(Date.parse(upload.expiresAt) + 1000);
    expect(out.uploadsAborted).toBe(1);
    expect((await call(`/evidence/uploads/${upload.uploadId}`, { token: a.token })).status).toBe(404);
    const parts = await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_upload_parts WHERE upload_id = ?')
      .bind(upload.uploadId)
      .first<{ n: number }>();
    expect(parts!.n).toBe(0);
  });

  it('removes bytes without metadata and metadata without bytes', async () => {
    // A crash between R2 and D1 (bytes stored, metadata never written), and bytes lost outside the Worker.
    await env.EVIDENCE.put('evidence/ev_stray00000000000000000000000', jpeg(1000, 44));
    const lost = 'ev_lost000000000000000000000000'.slice(0, 29);
    await insertEvidenceFile(
      env.DB,
      {
        id: lost,
        planId: DEMO_PLAN_ID,
        unitId: A,
        period: PERIOD,
        measureId: measureOf(A),
        item: null,
        name: '丢失.jpg',
        size: 10,
        sha256: 'd'.repeat(64),
        type: 'jpeg',
        uploadedAt: new Date().toISOString(),
      },
      'x',
    );
    const out = await run(Date.now() + 2 * 3600_000);
    expect(out.strayBytesDeleted).toBe(1);
    expect(out.strayMetadataRemoved).toBe(1);
    expect(await env.EVIDENCE.head('evidence/ev_stray00000000000000000000000')).toBeNull();
    expect(await getEvidenceFile(env.DB, lost)).toBeNull();
    // Afterwards every object has metadata and every metadata row has its object.
    const keys = (await env.EVIDENCE.list({ prefix: 'evidence/' })).objects
      .map((o) => o.key.slice('evidence/'.length))
      .sort();
    const ids = (await env.DB.prepare('SELECT id FROM evidence_files ORDER BY id').all<{ id: string }>()).results
      .map((r) => r.id)
      .sort();
    expect(keys).toEqual(ids);
  });
});

// 佐证材料 over 5 MB, uploaded in parts to the real R2 binding: resumable after a dropped connection without
// re-sending finished parts, a part sent twice stored once, the whole file checked against its SHA-256 at the end.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { type EvidenceFile, type EvidenceUpload } from '../../core/schemas/evidence.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { bytesWith, EXE_HEAD, jpeg, sha256Hex } from '../fixtures/evidence-bytes.ts';
import { call, errorOf, makeToken, ORIGIN, type TestToken } from './helpers.ts';
import { getJson, measureOf, PERIOD, putPart, uploadEvidence } from './evidence-helpers.ts';

const A = 'v-dinglai';
const PART = EVIDENCE_LIMITS.partBytes;
let a: TestToken;

const partOf = (bytes: Uint8Array, n: number) => bytes.subarray((n - 1) * PART, n * PART);

async function start(token: string, bytes: Uint8Array, o: { name?: string; sha256?: string } = {}) {
  return call('/evidence/uploads', {
    token,
    body: {
      plan: DEMO_PLAN_ID,
      period: PERIOD,
      measure: measureOf(A),
      name: o.name ?? '航拍.jpg',
      size: bytes.byteLength,
      sha256: o.sha256 ?? (await sha256Hex(bytes)),
    },
  });
}

async function counts() {
  const objects = (await env.EVIDENCE.list({ prefix: 'evidence/' })).objects.length;
  const files = (await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_files').first<{ n: number }>())!.n;
  const uploads = (await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_uploads').first<{ n: number }>())!.n;
  return { objects, files, uploads };
}

describe('evidence upload in parts', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
  });

  it('resumes a 12 MB photo after a dropped connection, sending only the missing part, and stores it whole', async () => {
    const bytes = jpeg(12 * 1024 * 1024, 21);
    const res = await start(a.token, bytes);
    expect(res.status).toBe(201);
    const upload = await getJson<EvidenceUpload>(res);
    expect(upload).toMatchObject({ partSize: PART, partCount: 3, uploadedParts: [] });

    expect((await putPart(a.token, upload.uploadId, 1, partOf(bytes, 1))).status).toBe(200);
    // Part 2: the line drops after 1 MB.
    let sent = 0;
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1024 * 1024) return controller.error(new Error('connection reset'));
        controller.enqueue(partOf(bytes, 2).slice(sent, sent + 256 * 1024));
        sent += 256 * 1024;
      },
    });
    const dropped = await SELF.fetch(`${ORIGIN}/api/v1/evidence/uploads/${upload.uploadId}/parts/2`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${a.token}`, 'Content-Length': String(PART) },
      body: cut,
      duplex: 'half',
    } as RequestInit).catch(() => null);
    if (dropped) expect(dropped.status).toBeGreaterThanOrEqual(400);

    // Back online: the server says what it has; only the rest is sent.
    const state = await getJson<EvidenceUpload>(await call(`/evidence/uploads/${upload.uploadId}`, { token: a.token }));
    expect(state.uploadedParts).toEqual([1]);
    for (const n of [2, 3].filter((p) => !state.uploadedParts.includes(p))) {
      expect((await putPart(a.token, upload.uploadId, n, partOf(bytes, n))).status).toBe(200);
    }
    const done = await call(`/evidence/uploads/${upload.uploadId}/complete`, { token: a.token, method: 'POST' });
    expect(done.status).toBe(201);
    const file = await getJson<EvidenceFile>(done);
    expect(file).toMatchObject({
      size: bytes.byteLength,
      sha256: await sha256Hex(bytes),
      type: 'jpeg',
      name: '航拍.jpg',
    });
    const object = await env.EVIDENCE.get(`evidence/${file.id}`);
    expect(await sha256Hex(new Uint8Array(await object!.arrayBuffer()))).toBe(file.sha256);
    expect((await call(`/evidence/uploads/${upload.uploadId}`, { token: a.token })).status).toBe(404);
  });

  it('stores a part sent twice once and answers 200 both times', async () => {
    const bytes = jpeg(6 * 1024 * 1024, 22);
    const upload = await getJson<EvidenceUpload>(await start(a.token, bytes));
    expect((await putPart(a.token, upload.uploadId, 1, partOf(bytes, 1))).status).toBe(200);
    const twice = await putPart(a.token, upload.uploadId, 1, partOf(bytes, 1));
    expect(twice.status).toBe(200);
    expect(await twice.json()).toEqual({ partNumber: 1 });
    const parts = await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_upload_parts WHERE upload_id = ?')
      .bind(upload.uploadId)
      .first<{ n: number }>();
    expect(parts!.n).toBe(1);
    expect((await putPart(a.token, upload.uploadId, 2, partOf(bytes, 2))).status).toBe(200);
    const done = await call(`/evidence/uploads/${upload.uploadId}/complete`, { token: a.token, method: 'POST' });
    expect(done.status).toBe(201);
    expect((await getJson<EvidenceFile>(done)).sha256).toBe(await sha256Hex(bytes));
  });

  it('refuses to complete while parts are missing, naming them', async () => {
    const bytes = jpeg(11 * 1024 * 1024, 23);
    const upload = await getJson<EvidenceUpload>(await start(a.token, bytes, { name: '缺片.jpg' }));
    await putPart(a.token, upload.uploadId, 2, partOf(bytes, 2));
    const res = await call(`/evidence/uploads/${upload.uploadId}/complete`, { token: a.token, method: 'POST' });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('evidence_parts_missing');
    expect(error.message).toContain('文件“缺片.jpg”');
    expect(error.message).toContain('1、3');
  });

  it('keeps nothing when the assembled file does not match its SHA-256', async () => {
    const before = await counts();
    const bytes = jpeg(7 * 1024 * 1024, 24);
    const upload = await getJson<EvidenceUpload>(
      await start(a.token, bytes, { name: '错哈希.jpg', sha256: 'b'.repeat(64) }),
    );
    await putPart(a.token, upload.uploadId, 1, partOf(bytes, 1));
    await putPart(a.token, upload.uploadId, 2, partOf(bytes, 2));
    const res = await call(`/evidence/uploads/${upload.uploadId}/complete`, { token: a.token, method: 'POST' });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('evidence_hash_mismatch');
    expect(error.message).toContain('文件“错哈希.jpg”');
    expect(await counts()).toEqual(before);
  });

  it('refuses a program at its first part and drops the upload', async () => {
    const bytes = bytesWith(EXE_HEAD, 8 * 1024 * 1024);
    const upload = await getJson<EvidenceUpload>(await start(a.token, bytes, { name: '视频.jpg' }));
    const res = await putPart(a.token, upload.uploadId, 1, partOf(bytes, 1));
    expect(res.status).toBe(415);
    expect((await errorOf(res)).message).toContain('文件“视频.jpg”');
    expect((await call(`/evidence/uploads/${upload.uploadId}`, { token: a.token })).status).toBe(404);
  });

  it('refuses a part of the wrong length and a part number past the end', async () => {
    const bytes = jpeg(6 * 1024 * 1024, 25);
    const upload = await getJson<EvidenceUpload>(await start(a.token, bytes));
    const short = await putPart(a.token, upload.uploadId, 1, partOf(bytes, 1).subarray(0, 1000));
    expect(short.status).toBe(422);
    expect((await errorOf(short)).code).toBe('evidence_size_mismatch');
    expect((await putPart(a.token, upload.uploadId, 3, partOf(bytes, 2))).status).toBe(422);
  });

  it('answers the stored file at once when the unit already has those bytes', async () => {
    const bytes = jpeg(300_000, 26);
    const stored = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, bytes));
    const res = await start(a.token, bytes);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { file: EvidenceFile }).file.id).toBe(stored.id);
  });

  it('refuses a file over 20 MB before any part is sent, and another unit cannot touch the upload', async () => {
    const res = await call('/evidence/uploads', {
      token: a.token,
      body: {
        plan: DEMO_PLAN_ID,
        period: PERIOD,
        measure: measureOf(A),
        name: '超大.mp4',
        size: EVIDENCE_LIMITS.fileBytes + 1,
        sha256: 'c'.repeat(64),
      },
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('size');

    const bytes = jpeg(6 * 1024 * 1024, 27);
    const upload = await getJson<EvidenceUpload>(await start(a.token, bytes));
    const b = await makeToken('unit', 'o-water');
    expect((await call(`/evidence/uploads/${upload.uploadId}`, { token: b.token })).status).toBe(404);
    expect((await putPart(b.token, upload.uploadId, 1, partOf(bytes, 1))).status).toBe(404);
    expect((await call(`/evidence/uploads/${upload.uploadId}`, { token: a.token, method: 'DELETE' })).status).toBe(204);
    expect((await call(`/evidence/uploads/${upload.uploadId}`, { token: a.token })).status).toBe(404);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../addin/api/api-error.ts';
import { fetchTransport } from '../../addin/evidence/transport.ts';
import type { EvidenceTarget } from '../../core/schemas/evidence.ts';
import { uploadEvidence } from '../../addin/evidence/upload-client.ts';
import { PART_SIZE, startEvidenceServer, type EvidenceServer } from './evidence-server.ts';

let server: EvidenceServer;
beforeAll(async () => {
  server = await startEvidenceServer();
});
afterAll(() => server.close());

const target = (name: string, measure = '1-1', item?: string): EvidenceTarget => ({
  plan: 'mf-2023-85',
  period: '2023-11-H1',
  measure,
  item,
  name,
});
const options = () => ({ baseUrl: server.url, token: server.token, transport: fetchTransport });
const bytes = (n: number) => new Blob([randomBytes(n)]);
const sha = async (b: Blob) =>
  createHash('sha256')
    .update(Buffer.from(await b.arrayBuffer()))
    .digest('hex');

describe('uploadEvidence', () => {
  it('sends a file up to 5 MB in one POST with its length, name, plan, period, measure and 子项', async () => {
    const blob = new Blob(['%PDF-1.4 minutes of the village meeting']);
    const before = server.requests.length;
    const file = await uploadEvidence(blob, target('会议纪要 第1次.pdf', '2-3', '民良村道路'), options());
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.contentLength).toBe(String(blob.size));
    const q = new URL(sent[0]!.path, 'http://x').searchParams;
    expect(Object.fromEntries(q)).toEqual({
      plan: 'mf-2023-85',
      period: '2023-11-H1',
      measure: '2-3',
      item: '民良村道路',
      name: '会议纪要 第1次.pdf',
    });
    expect(file).toMatchObject({
      name: '会议纪要 第1次.pdf',
      measureId: '2-3',
      item: '民良村道路',
      size: blob.size,
      sha256: await sha(blob),
    });
  });

  it('sends a 12 MB photo in three parts of 5 MB and completes it with the whole file’s SHA-256', async () => {
    const blob = bytes(12 * 1024 * 1024);
    const progress: number[] = [];
    let uploadId: string | undefined;
    const file = await uploadEvidence(blob, target('现场照片.jpg'), {
      ...options(),
      onProgress: (sent) => progress.push(sent),
      onUploadId: (id) => (uploadId = id),
    });
    expect(file.sha256).toBe(await sha(blob));
    expect(file.size).toBe(blob.size);
    expect([...server.partsReceived.get(uploadId!)!.entries()]).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const puts = server.requests.filter((r) => r.path.startsWith(`/api/v1/evidence/uploads/${uploadId}/parts/`));
    expect(puts.map((r) => r.size)).toEqual([PART_SIZE, PART_SIZE, blob.size - 2 * PART_SIZE]);
    expect(progress.at(-1)).toBe(blob.size);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('resumes after the line drops during part 2: asks which parts the server holds and sends only the missing ones', async () => {
    const blob = bytes(11 * 1024 * 1024);
    let uploadId: string | undefined;
    const o = { ...options(), onUploadId: (id: string | undefined) => (uploadId = id) };
    server.cutPart(2);
    const cut = await uploadEvidence(blob, target('整改前后对比.jpg'), o).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(ApiError);
    expect((cut as ApiError).retryable).toBe(true);
    expect(uploadId).toMatch(/^up_/);
    expect([...server.partsReceived.get(uploadId!)!.keys()]).toEqual([1]);

    const before = server.requests.length;
    const file = await uploadEvidence(blob, target('整改前后对比.jpg'), { ...o, uploadId });
    const resumed = server.requests.slice(before).map((r) => `${r.method} ${r.path.replace(uploadId!, ':id')}`);
    expect(resumed).toEqual([
      'GET /api/v1/evidence/uploads/:id',
      'PUT /api/v1/evidence/uploads/:id/parts/2',
      'PUT /api/v1/evidence/uploads/:id/parts/3',
      'POST /api/v1/evidence/uploads/:id/complete',
    ]);
    expect([...server.partsReceived.get(uploadId!)!.entries()]).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(file.sha256).toBe(await sha(blob));
  });

  it('sends no part when the server already holds the same bytes for this unit', async () => {
    const blob = bytes(6 * 1024 * 1024);
    const first = await uploadEvidence(blob, target('台账.jpg'), options());
    const before = server.requests.length;
    const again = await uploadEvidence(blob, target('台账（副本）.jpg'), options());
    expect(again.id).toBe(first.id);
    expect(server.requests.slice(before).map((r) => r.method + ' ' + r.path)).toEqual([
      'POST /api/v1/evidence/uploads',
    ]);
  });

  it('starts a new upload when the server no longer knows the remembered one', async () => {
    const blob = bytes(5 * 1024 * 1024 + 1);
    const ids: (string | undefined)[] = [];
    const file = await uploadEvidence(blob, target('拨付凭证.jpg'), {
      ...options(),
      uploadId: 'up_gone',
      onUploadId: (id) => ids.push(id),
    });
    expect(ids[0]).toBeUndefined();
    expect(ids[1]).toMatch(/^up_/);
    expect(file.size).toBe(blob.size);
  });

  it('forgets the upload when the server refuses the whole (wrong hash) so the next attempt starts afresh', async () => {
    const blob = bytes(5 * 1024 * 1024 + 10);
    const ids: (string | undefined)[] = [];
    // The server answers the next request (complete) with the hash refusal.
    const o = {
      ...options(),
      onUploadId: (id: string | undefined) => ids.push(id),
      onProgress: (sent: number, total: number) =>
        sent === total && server.failNext(422, 'evidence_hash_mismatch', '文件“x.jpg”内容与校验值不符'),
    };
    const err = await uploadEvidence(blob, target('x.jpg'), o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('evidence_hash_mismatch');
    expect((err as ApiError).retryable).toBe(false);
    expect(ids.at(-1)).toBeUndefined();
  });

  it('turns a refusal into an ApiError with the server’s code and Chinese message', async () => {
    server.failNext(415, 'evidence_type_refused', '文件“setup.jpg”不是允许的类型');
    const err = (await uploadEvidence(new Blob(['MZ']), target('setup.jpg'), options()).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.status).toBe(415);
    expect(err.code).toBe('evidence_type_refused');
    expect(err.serverMessage).toContain('setup.jpg');
    expect(err.retryable).toBe(false);
  });
});

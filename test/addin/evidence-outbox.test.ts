import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../core/schemas/submission.ts';
import { ApiError } from '../../addin/api/api-error.ts';
import { describeApiError } from '../../addin/api/error-detail.ts';
import { EvidenceOutbox, PENDING_PREFIX } from '../../addin/evidence/evidence-outbox.ts';
import { MemoryEvidenceStore } from '../../addin/evidence/evidence-store.ts';
import { fetchTransport } from '../../addin/evidence/transport.ts';
import type { EvidenceTarget } from '../../core/schemas/evidence.ts';
import { deleteEvidence, uploadEvidence } from '../../addin/evidence/upload-client.ts';
import { MemoryStorage } from '../../addin/queue/storage.ts';
import { SubmissionQueue } from '../../addin/queue/submission-queue.ts';
import { startEvidenceServer, type EvidenceServer } from './evidence-server.ts';

let server: EvidenceServer;
beforeAll(async () => {
  server = await startEvidenceServer();
});
afterAll(() => server.close());

const UNIT = 'v-minliang';
const PLAN = 'mf-2023-85';
const PERIOD = '2023-11-H1';
/** Port 9 (discard) refuses at once on 127.0.0.1: the pane is offline while `line.up` is false. */
const line = { up: true };
let seq = 0;

function newOutbox() {
  return new EvidenceOutbox({
    store: new MemoryEvidenceStore(),
    newId: () => `local-${++seq}`,
    upload: (unitId) => (blob, target, o) => {
      if (unitId !== UNIT) throw new Error('test connects as one unit only');
      return uploadEvidence(blob, target, {
        ...o,
        baseUrl: line.up ? server.url : 'http://127.0.0.1:9',
        token: server.token,
        transport: fetchTransport,
      });
    },
    deleteFile: (unitId) => (fileId) => {
      if (unitId !== UNIT) throw new Error('test connects as one unit only');
      const baseUrl = line.up ? server.url : 'http://127.0.0.1:9';
      return deleteEvidence(fileId, { baseUrl, token: server.token, transport: fetchTransport });
    },
  });
}
const target = (name: string, measure: string, item?: string): EvidenceTarget => ({
  plan: PLAN,
  period: PERIOD,
  measure,
  item,
  name,
});
const pdf = (text: string) =>
  new Blob([`%PDF-1.4 ${text} ${randomBytes(8).toString('hex')}`], { type: 'application/pdf' });
const report = (): Submission => ({
  planId: PLAN,
  period: PERIOD,
  signer: '李明',
  rows: [
    { measureId: '1-1', status: 'ongoing', progress: '本期入户走访20户，解决问题3个。' },
    { measureId: '2-3', item: '民良村道路', status: 'ongoing', progress: '道路硬化完成1.2公里，拨付资金6万元。' },
  ],
});
const evidenceIds = (s: Submission, i: number) => (s.rows[i] as { evidenceIds?: string[] }).evidenceIds;

describe('EvidenceOutbox', () => {
  it('keeps a file chosen while offline and uploads it once the line is back', async () => {
    const outbox = newOutbox();
    line.up = false;
    const kept = await outbox.add(pdf('会议纪要'), target('会议纪要.pdf', '1-1'), { unitId: UNIT });
    line.up = true;
    expect(kept.file).toBeUndefined();
    expect((await outbox.list())[0]!.blob).toBeDefined();
    const before = server.files.length;
    await outbox.flush(UNIT);
    const [record] = await outbox.list();
    expect(record!.file?.name).toBe('会议纪要.pdf');
    expect(record!.blob).toBeUndefined();
    expect(server.files.length).toBe(before + 1);
  });

  it('names each row’s files in the report: the server’s id once uploaded, pending:<local id> while waiting', async () => {
    const outbox = newOutbox();
    const uploaded = await outbox.add(pdf('走访台账'), target('走访台账.pdf', '1-1'), { unitId: UNIT });
    line.up = false;
    const waiting = await outbox.add(pdf('验收单'), target('验收单.pdf', '2-3', '民良村道路'), { unitId: UNIT });
    await outbox.add(pdf('其他子项'), target('其他子项.pdf', '2-3', '班列村水池'), { unitId: UNIT });
    await outbox.add(pdf('其他期次'), { ...target('其他期次.pdf', '1-1'), period: '2023-10-H2' }, { unitId: UNIT });
    line.up = true;
    const s = await outbox.withEvidence(report(), UNIT);
    expect(evidenceIds(s, 0)).toEqual([uploaded.file!.id]);
    expect(evidenceIds(s, 1)).toEqual([PENDING_PREFIX + waiting.localId]);
  });

  it('uploads the waiting files before the queued report is posted, and each file arrives exactly once', async () => {
    const outbox = newOutbox();
    line.up = false;
    await outbox.add(pdf('照片说明'), target('照片说明.pdf', '1-1'), { unitId: UNIT });
    await outbox.add(pdf('验收单'), target('验收单.pdf', '2-3', '民良村道路'), { unitId: UNIT });
    const posted: { submission: Submission; filesOnServer: number }[] = [];
    const queue = new SubmissionQueue({
      storage: new MemoryStorage(),
      baseDelayMs: 0,
      post: async (s, key, unitId) => {
        const resolved = await outbox.resolve(s, unitId!);
        posted.push({ submission: resolved, filesOnServer: server.files.length });
        return {
          receipt: {
            reportId: 'r1',
            unitId: UNIT,
            period: PERIOD,
            revision: 1,
            receivedAt: '2023-11-10T02:00:00Z',
            deadline: '2023-11-14T15:59:59Z',
            timeliness: 'on_time',
            warnings: 0,
          },
          replayed: false,
        };
      },
    });
    const first = await queue.submit(await outbox.withEvidence(report(), UNIT), { unitId: UNIT });
    expect(first.status).toBe('queued');
    if (first.status === 'queued') {
      expect(first.error.code).toBe('evidence_pending');
      expect(first.error.message).toContain('照片说明.pdf');
    }
    expect(posted).toHaveLength(0);

    line.up = true;
    const before = server.files.length;
    const [second] = await queue.flush({ unitId: UNIT, force: true });
    expect(second!.status).toBe('delivered');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.filesOnServer).toBe(before + 2);
    const names = (i: number) =>
      evidenceIds(posted[0]!.submission, i)!.map((id) => server.files.find((f) => f.id === id)?.name);
    expect(names(0)).toEqual(['照片说明.pdf']);
    expect(names(1)).toEqual(['验收单.pdf']);
    await outbox.flush(UNIT);
    expect(server.files.length).toBe(before + 2);
  });

  it('fails the report, naming the file, when the server refused one of its files', async () => {
    const outbox = newOutbox();
    line.up = false;
    await outbox.add(new Blob(['MZ not a photo']), target('setup.jpg', '1-1'), { unitId: UNIT });
    line.up = true;
    const s = await outbox.withEvidence(report(), UNIT);
    server.failNext(415, 'evidence_type_refused', '文件“setup.jpg”类型不允许 / file type refused');
    const err = (await outbox.resolve(s, UNIT).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('setup.jpg');
    expect((await outbox.list())[0]!.error?.code).toBe('evidence_type_refused');
  });

  it('says a file is missing when it was removed from this computer after the report was queued', async () => {
    const outbox = newOutbox();
    line.up = false;
    const r = await outbox.add(pdf('签到表'), target('签到表.pdf', '1-1'), { unitId: UNIT });
    line.up = true;
    const s = await outbox.withEvidence(report(), UNIT);
    await outbox.remove(r.localId);
    const err = (await outbox.resolve(s, UNIT).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('evidence_missing');
    expect(err.retryable).toBe(false);
  });

  it('删除 of an uploaded file deletes it on the server, then forgets it here', async () => {
    const outbox = newOutbox();
    const r = await outbox.add(pdf('旧照片'), target('旧照片.pdf', '1-1'), { unitId: UNIT });
    const id = r.file!.id;
    await outbox.remove(r.localId);
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v1/evidence/${id}` });
    expect(server.files.some((f) => f.id === id)).toBe(false);
    expect((await outbox.list()).some((x) => x.localId === r.localId)).toBe(false);
  });

  it('keeps the file listed, with the server’s reason, when the server refuses the delete (a report refers to it)', async () => {
    const outbox = newOutbox();
    const r = await outbox.add(pdf('已报送'), target('已报送.pdf', '1-1'), { unitId: UNIT });
    server.failNext(409, 'evidence_in_use', '文件“已报送.pdf”已被报送引用，不能删除');
    const err = (await outbox.remove(r.localId).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(409);
    expect(describeApiError(err, 'zh-CN')).toBe('文件“已报送.pdf”已被报送引用，不能删除');
    expect((await outbox.list()).find((x) => x.localId === r.localId)?.file?.id).toBe(r.file!.id);
    expect(server.files.some((f) => f.id === r.file!.id)).toBe(true);
  });

  it('keeps an uploaded file listed when 删除 is pressed offline, and deletes nothing', async () => {
    const outbox = newOutbox();
    const r = await outbox.add(pdf('断网删除'), target('断网删除.pdf', '1-1'), { unitId: UNIT });
    line.up = false;
    const err = (await outbox.remove(r.localId).catch((e: unknown) => e)) as ApiError;
    line.up = true;
    expect(err.retryable).toBe(true);
    expect((await outbox.list()).some((x) => x.localId === r.localId)).toBe(true);
    expect(server.files.some((f) => f.id === r.file!.id)).toBe(true);
  });

  it('only forgets a file here while another row holds the same bytes (the server stores them once)', async () => {
    const outbox = newOutbox();
    const bytes = pdf('同一文件');
    const a = await outbox.add(bytes, target('同一文件.pdf', '1-1'), { unitId: UNIT });
    const b = await outbox.add(bytes, target('同一文件.pdf', '2-3', '民良村道路'), { unitId: UNIT });
    expect(b.file!.id).toBe(a.file!.id);
    const before = server.requests.length;
    await outbox.remove(a.localId);
    expect(server.requests.length).toBe(before);
    expect(server.files.some((f) => f.id === a.file!.id)).toBe(true);
    await outbox.remove(b.localId);
    expect(server.files.some((f) => f.id === a.file!.id)).toBe(false);
  });

  it('only forgets a file that waits to be uploaded: nothing is sent', async () => {
    const outbox = newOutbox();
    line.up = false;
    const r = await outbox.add(pdf('未上传'), target('未上传.pdf', '1-1'), { unitId: UNIT });
    line.up = true;
    const before = server.requests.length;
    await outbox.remove(r.localId);
    expect(server.requests.length).toBe(before);
    expect((await outbox.list()).some((x) => x.localId === r.localId)).toBe(false);
  });

  it('never uploads a file attached for another unit', async () => {
    const outbox = newOutbox();
    line.up = false;
    await outbox.add(pdf('别村'), target('别村.pdf', '1-1'), { unitId: 'v-banlie' });
    line.up = true;
    const before = server.requests.length;
    await outbox.flush(UNIT);
    expect(server.requests.length).toBe(before);
    expect(evidenceIds(await outbox.withEvidence(report(), UNIT), 0)).toBeUndefined();
  });
});

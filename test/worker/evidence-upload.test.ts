// 佐证材料 uploads in one request, inside workerd with the real R2 binding: bytes stored as sent, the type decided by
// the bytes, the same bytes stored once, and every refusal a Chinese message naming the file with nothing stored.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { type EvidenceFile } from '../../core/schemas/evidence.ts';
import { insertEvidenceFile } from '../../worker/db/evidence/index.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { bytesWith, EXE_HEAD, HTML_TEXT, jpeg, pdf, sha256Hex, SVG_TEXT, zipWith } from '../fixtures/evidence-bytes.ts';
import { errorOf, makeToken, type TestToken } from './helpers.ts';
import { getJson, PERIOD, uploadEvidence } from './evidence-helpers.ts';

const A = 'v-dinglai';
let a: TestToken;

/** Keys in the bucket and rows in D1: a refused upload must change neither. */
async function stored(): Promise<{ objects: number; rows: number }> {
  const objects = (await env.EVIDENCE.list({ prefix: 'evidence/' })).objects.length;
  const rows = (await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_files').first<{ n: number }>())!.n;
  return { objects, rows };
}

async function expectRefused(
  res: Response,
  status: number,
  code: string,
  before: { objects: number; rows: number },
  name: string,
) {
  expect(res.status).toBe(status);
  const error = await errorOf(res);
  expect(error.code).toBe(code);
  expect(error.message).toContain(`文件“${name}”`);
  expect(await stored()).toEqual(before);
  return error;
}

describe('evidence upload in one request', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
  });

  it('stores a photo as sent and answers its metadata with the SHA-256 of the bytes', async () => {
    const bytes = jpeg(300_000, 11);
    const res = await uploadEvidence(a.token, A, bytes, {
      name: 'C:\\Users\\村委\\现场照片‮gpj.exe',
      item: '丁来村道路硬化',
    });
    expect(res.status).toBe(201);
    const file = await getJson<EvidenceFile>(res);
    expect(file).toMatchObject({
      planId: DEMO_PLAN_ID,
      unitId: A,
      period: PERIOD,
      size: 300_000,
      type: 'jpeg',
      item: '丁来村道路硬化',
    });
    expect(file.name).toBe('现场照片gpj.exe');
    expect(file.id).toMatch(/^ev_[0-9a-z]{26}$/);
    expect(file.sha256).toBe(await sha256Hex(bytes));
    const object = await env.EVIDENCE.get(`evidence/${file.id}`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
  });

  it('stores the same bytes once per unit and plan and answers the stored file again', async () => {
    const bytes = pdf(50_000, 12);
    const first = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, bytes, { name: '会议纪要.pdf' }));
    const before = await stored();
    const again = await uploadEvidence(a.token, A, bytes, { name: '会议纪要（副本）.pdf' });
    expect(again.status).toBe(200);
    const body = await getJson<EvidenceFile>(again);
    expect(body).toMatchObject({ id: first.id, name: '会议纪要.pdf', deduplicated: true });
    expect(await stored()).toEqual(before);
  });

  it('keeps the same bytes of another unit apart', async () => {
    const bytes = pdf(20_000, 13);
    const other = await makeToken('unit', 'o-water');
    const mine = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, bytes));
    const theirs = await uploadEvidence(other.token, 'o-water', bytes);
    expect(theirs.status).toBe(201);
    expect((await getJson<EvidenceFile>(theirs)).id).not.toBe(mine.id);
  });

  it('accepts Office documents and OFD by their contents', async () => {
    const docx = zipWith(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    const xlsx = zipWith(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml']);
    const ofd = zipWith(['OFD.xml', 'Doc_0/Document.xml']);
    const ole = bytesWith(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 4096, 3);
    const types = [];
    for (const [bytes, name] of [
      [docx, '方案.docx'],
      [xlsx, '台账.xlsx'],
      [ofd, '通知.ofd'],
      [ole, '旧台账.et'],
    ] as const) {
      const res = await uploadEvidence(a.token, A, bytes, { name });
      expect(res.status).toBe(201);
      types.push((await getJson<EvidenceFile>(res)).type);
    }
    expect(types).toEqual(['docx', 'xlsx', 'ofd', 'ole']);
  });

  it('refuses a program renamed to .jpg, naming the file and what it really is', async () => {
    const before = await stored();
    const error = await expectRefused(
      await uploadEvidence(a.token, A, bytesWith(EXE_HEAD, 200_000), { name: '照片.jpg' }),
      415,
      'evidence_type_refused',
      before,
      '照片.jpg',
    );
    expect(error.message).toContain('可执行程序');
  });

  it('refuses an SVG and an HTML page even when named as photos', async () => {
    const before = await stored();
    const svg = await expectRefused(
      await uploadEvidence(a.token, A, new TextEncoder().encode(SVG_TEXT), { name: '图.png' }),
      415,
      'evidence_type_refused',
      before,
      '图.png',
    );
    expect(svg.message).toContain('SVG');
    await expectRefused(
      await uploadEvidence(a.token, A, new TextEncoder().encode(HTML_TEXT), { name: '说明.pdf' }),
      415,
      'evidence_type_refused',
      before,
      '说明.pdf',
    );
  });

  it('refuses a zip of other content', async () => {
    const before = await stored();
    await expectRefused(
      await uploadEvidence(a.token, A, zipWith(['setup.exe', 'readme.txt']), { name: '材料.docx' }),
      415,
      'evidence_type_refused',
      before,
      '材料.docx',
    );
  });

  it('refuses an empty file', async () => {
    const before = await stored();
    await expectRefused(
      await uploadEvidence(a.token, A, new Uint8Array(0), { name: '空.jpg' }),
      422,
      'evidence_empty',
      before,
      '空.jpg',
    );
  });

  it('asks for Content-Length with 411', async () => {
    const before = await stored();
    await expectRefused(
      await uploadEvidence(a.token, A, jpeg(1000), { name: '无长度.jpg', contentLength: null }),
      411,
      'length_required',
      before,
      '无长度.jpg',
    );
  });

  it('sends files over 5 MB to the parts upload and refuses files over 20 MB, naming the limit', async () => {
    const before = await stored();
    const big = await uploadEvidence(a.token, A, jpeg(16), {
      name: '大图.jpg',
      contentLength: String(EVIDENCE_LIMITS.singleRequestBytes + 1),
    });
    const e1 = await expectRefused(big, 413, 'evidence_too_large', before, '大图.jpg');
    expect(e1.message).toContain('5 MB');
    const huge = await uploadEvidence(a.token, A, jpeg(16), {
      name: '超大.jpg',
      contentLength: String(EVIDENCE_LIMITS.fileBytes + 1),
    });
    const e2 = await expectRefused(huge, 413, 'evidence_too_large', before, '超大.jpg');
    expect(e2.message).toContain('20 MB');
  });

  it('stores nothing when the body is longer than its Content-Length says', async () => {
    const before = await stored();
    const res = await uploadEvidence(a.token, A, jpeg(10_000), { name: '长度不符.jpg', contentLength: '5000' }).catch(
      () => null,
    );
    if (res) expect([400, 422]).toContain(res.status);
    expect(await stored()).toEqual(before);
  });

  it('stores nothing when the connection drops midway', async () => {
    const before = await stored();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200_000) return controller.error(new Error('connection reset'));
        controller.enqueue(jpeg(50_000, sent + 1));
        sent += 50_000;
      },
    });
    const { SELF } = await import('cloudflare:test');
    const res = await SELF.fetch(
      `https://rectify.test/api/v1/evidence?plan=${DEMO_PLAN_ID}&period=${PERIOD}&measure=1-1&name=x.jpg`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${a.token}`, 'Content-Length': '1000000' },
        body,
        duplex: 'half',
      } as RequestInit,
    ).catch(() => null);
    if (res) expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await stored()).toEqual(before);
  });

  it('refuses a file that would take the unit over its quota for the plan, naming the limit', async () => {
    const unit = 'v-yongan';
    const t = await makeToken('unit', unit);
    // Metadata of earlier files stands in for 499 MB already stored (the quota counts sizes from D1).
    await insertEvidenceFile(
      env.DB,
      {
        id: 'ev_0000000000000000000000quota',
        planId: DEMO_PLAN_ID,
        unitId: unit,
        period: PERIOD,
        measureId: '1-1',
        item: null,
        name: '旧.pdf',
        size: EVIDENCE_LIMITS.unitPlanBytes - 1_000_000,
        sha256: 'a'.repeat(64),
        type: 'pdf',
        uploadedAt: new Date().toISOString(),
      },
      'x',
    );
    const before = await stored();
    const error = await expectRefused(
      await uploadEvidence(t.token, unit, jpeg(2_000_000), { name: '超额.jpg' }),
      413,
      'evidence_quota_exceeded',
      before,
      '超额.jpg',
    );
    expect(error.message).toContain('500 MB');
    expect((await uploadEvidence(t.token, unit, jpeg(500_000, 9), { name: '还能放.jpg' })).status).toBe(201);
  });

  it('refuses a measure the unit does not report on and a period outside the plan schedule, naming the field', async () => {
    const res = await uploadEvidence(a.token, A, jpeg(1000), { measure: '9-9' });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('measure');
    const res2 = await uploadEvidence(a.token, A, jpeg(1000), { period: '2023-11' });
    expect(res2.status).toBe(422);
    expect((await errorOf(res2)).issues?.[0]?.path).toBe('period');
  });

  it('is for unit tokens only', async () => {
    const sup = await makeToken('supervisor');
    expect((await uploadEvidence(sup.token, A, jpeg(1000))).status).toBe(403);
    expect((await uploadEvidence('nonsense', A, jpeg(1000))).status).toBe(401);
  });
});

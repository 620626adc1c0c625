// Who may see a 佐证材料 file, and how it is served: the unit that uploaded it and supervisors, through a 10-minute
// link that needs no bearer token; images and PDF inline in a sandbox, the rest as a download; every read and
// delete recorded; another unit's file is as unknown as a missing one.
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceFile, EvidenceLink } from '../../core/schemas/evidence.ts';
import { evidenceAccessLog } from '../../worker/db/evidence/index.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { jpeg, pdf, zipWith } from '../fixtures/evidence-bytes.ts';
import { call, makeToken, ORIGIN, type TestToken } from './helpers.ts';
import { getJson, PERIOD, uploadEvidence } from './evidence-helpers.ts';

const A = 'v-dinglai';
const B = 'o-water';
let a: TestToken;
let b: TestToken;
let sup: TestToken;
let photo: EvidenceFile;
let photoBytes: Uint8Array;
let docx: EvidenceFile;

const open = (url: string, now?: string) =>
  SELF.fetch(url.replace(/^https?:\/\/[^/]+/, ORIGIN), now ? { headers: { 'X-Rectify-Now': now } } : {});
const linkFor = async (id: string, token: string) => call(`/evidence/${id}/link`, { method: 'POST', token });

describe('evidence access', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    [a, b, sup] = await Promise.all([makeToken('unit', A), makeToken('unit', B), makeToken('supervisor')]);
    photoBytes = jpeg(120_000, 31);
    photo = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, photoBytes, { name: '现场照片.jpg' }));
    docx = await getJson<EvidenceFile>(
      await uploadEvidence(a.token, A, zipWith(['[Content_Types].xml', 'word/document.xml']), {
        name: '整改方案.docx',
      }),
    );
  });

  it('opens a photo inline through a 10-minute link, in a sandbox, without the bearer token, and records the read', async () => {
    const res = await linkFor(photo.id, a.token);
    expect(res.status).toBe(201);
    const link = await getJson<EvidenceLink>(res);
    expect(link.url).toMatch(/\/api\/v1\/evidence-file\/[A-Za-z0-9_-]{32}$/);
    expect(link.url).not.toContain(a.token);
    const file = await open(link.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('image/jpeg');
    expect(file.headers.get('Content-Disposition')).toMatch(/^inline; .*filename\*=UTF-8''%E7%8E%B0/);
    expect(file.headers.get('Content-Security-Policy')).toMatch(/^sandbox;/);
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(photoBytes);
    const log = await evidenceAccessLog(env.DB, photo.id);
    expect(log.at(-1)).toMatchObject({ action: 'read', actor: a.id });
  });

  it('serves a PDF inline and a Word document only as a download', async () => {
    const pdfFile = await getJson<EvidenceFile>(
      await uploadEvidence(a.token, A, pdf(30_000, 32), { name: '会议纪要.pdf' }),
    );
    const asPdf = await open((await getJson<EvidenceLink>(await linkFor(pdfFile.id, a.token))).url);
    expect(asPdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(asPdf.headers.get('Content-Disposition')).toMatch(/^inline;/);
    await asPdf.arrayBuffer();
    const asDocx = await open((await getJson<EvidenceLink>(await linkFor(docx.id, a.token))).url);
    expect(asDocx.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    expect(asDocx.headers.get('Content-Security-Policy')).toMatch(/^sandbox;/);
    await asDocx.arrayBuffer();
  });

  it('lets a supervisor list every unit’s files and open them; the read names the supervisor', async () => {
    const list = await getJson<{ files: EvidenceFile[] }>(
      await call(`/evidence?plan=${DEMO_PLAN_ID}&unit=${A}`, { token: sup.token }),
    );
    expect(list.files.map((f) => f.id)).toContain(photo.id);
    const link = await getJson<EvidenceLink>(await linkFor(photo.id, sup.token));
    expect((await open(link.url)).status).toBe(200);
    expect((await evidenceAccessLog(env.DB, photo.id)).at(-1)).toMatchObject({ action: 'read', actor: sup.id });
  });

  it('hides unit A’s files from unit B: not listed, no link, no delete — as if they did not exist', async () => {
    const list = await getJson<{ files: EvidenceFile[] }>(
      await call(`/evidence?plan=${DEMO_PLAN_ID}&unit=${A}`, { token: b.token }),
    );
    expect(list.files.filter((f) => f.unitId === A)).toEqual([]);
    const link = await linkFor(photo.id, b.token);
    expect(link.status).toBe(404);
    const missing = await linkFor('ev_00000000000000000000000000', b.token);
    expect(await link.json()).toEqual(await missing.json());
    expect((await call(`/evidence/${photo.id}`, { method: 'DELETE', token: b.token })).status).toBe(404);
  });

  it('answers an expired or guessed link with a 410 page and serves nothing', async () => {
    const link = await getJson<EvidenceLink>(await linkFor(photo.id, a.token));
    const late = new Date(Date.parse(link.expiresAt) + 1000).toISOString();
    const expired = await open(link.url, late);
    expect(expired.status).toBe(410);
    expect(expired.headers.get('Content-Type')).toContain('text/html');
    expect(await expired.text()).toContain('文件“现场照片.jpg”的查看链接已失效');
    const guessed = await open(`${ORIGIN}/api/v1/evidence-file/${'A'.repeat(32)}`);
    expect(guessed.status).toBe(410);
    const page = await guessed.text();
    expect(page).toContain('链接已失效或不存在');
    expect(page).not.toContain('现场照片');
  });

  it('lets the unit delete its own file no report refers to; the delete is recorded and the bytes are gone', async () => {
    const extra = await getJson<EvidenceFile>(await uploadEvidence(a.token, A, jpeg(5000, 33), { name: '传错了.jpg' }));
    expect((await call(`/evidence/${extra.id}`, { method: 'DELETE', token: a.token })).status).toBe(204);
    expect(await env.EVIDENCE.head(`evidence/${extra.id}`)).toBeNull();
    expect((await evidenceAccessLog(env.DB, extra.id)).at(-1)).toMatchObject({ action: 'delete', actor: a.id });
    expect((await linkFor(extra.id, a.token)).status).toBe(404);
  });

  it('lists files of one period and measure for the unit itself', async () => {
    const list = await getJson<{ files: EvidenceFile[] }>(
      await call(`/evidence?plan=${DEMO_PLAN_ID}&period=${PERIOD}&measure=${photo.measureId}`, { token: a.token }),
    );
    expect(list.files.length).toBeGreaterThan(0);
    expect(list.files.every((f) => f.unitId === A && f.period === PERIOD && f.measureId === photo.measureId)).toBe(
      true,
    );
  });
});

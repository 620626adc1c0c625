// Rows refer to 佐证材料 by id: only the unit's own files of the same plan are accepted; the receipt, the stored
// report, the 报送单 and 报送明细 show the files — inside workerd with the real D1 and R2.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Details, ReportDetail } from '../../core/schemas/api.ts';
import type { EvidenceFile } from '../../core/schemas/evidence.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import type { Receipt } from '../../core/schemas/submission.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { jpeg, pdf } from '../fixtures/evidence-bytes.ts';
import { aroundDeadline, call, errorOf, makeToken, ORIGIN, submissionFor, submit, type TestToken } from './helpers.ts';
import { getJson, PERIOD, uploadEvidence } from './evidence-helpers.ts';

const A = 'v-dinglai';
const B = 'v-yongan';
const NOW = aroundDeadline(PERIOD, -3_600_000);
let a: TestToken;
let b: TestToken;
let sup: TestToken;
let photo: EvidenceFile;
let minutes: EvidenceFile;

const reportCount = async () =>
  (
    await call(`/reports?period=${PERIOD}&history=1`, { token: sup.token, now: NOW }).then(
      (r) => r.json() as Promise<{ reports: unknown[] }>,
    )
  ).reports.length;

describe('rows that name evidence files', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    [a, b, sup] = await Promise.all([makeToken('unit', A), makeToken('unit', B), makeToken('supervisor')]);
    photo = await getJson<EvidenceFile>(
      await uploadEvidence(a.token, A, jpeg(200_000, 51), { name: '道路硬化现场.jpg' }),
    );
    minutes = await getJson<EvidenceFile>(
      await uploadEvidence(a.token, A, pdf(80_000, 52), { name: '专题会议纪要.pdf' }),
    );
  });

  it('accepts the unit’s own files and lists them in the receipt, each once, in row order', async () => {
    const body = submissionFor(A, PERIOD);
    body.rows[0]!.evidenceIds = [minutes.id, photo.id];
    body.rows[1]!.evidenceIds = [photo.id];
    const key = crypto.randomUUID();
    const res = await submit(a.token, body, { now: NOW, key });
    expect(res.status).toBe(201);
    const receipt = await getJson<Receipt>(res);
    expect(receipt.evidence?.map((f) => f.name)).toEqual(['专题会议纪要.pdf', '道路硬化现场.jpg']);
    expect(receipt.evidence?.[0]).toEqual({
      id: minutes.id,
      name: minutes.name,
      size: minutes.size,
      sha256: minutes.sha256,
      type: 'pdf',
    });

    // A retry with the same key gets the same receipt, files included.
    const replay = await submit(a.token, body, { now: NOW, key });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await getJson<Receipt>(replay)).evidence).toEqual(receipt.evidence);

    const detail = await getJson<ReportDetail>(
      await call(`/reports/${receipt.reportId}`, { token: a.token, now: NOW }),
    );
    expect(detail.rows[0]!.evidenceIds?.sort()).toEqual([minutes.id, photo.id].sort());
    expect(detail.rows[1]!.evidenceIds).toEqual([photo.id]);
    expect(detail.rows[2]!.evidenceIds).toBeUndefined();
    expect(detail.evidence?.map((f) => f.id).sort()).toEqual([minutes.id, photo.id].sort());
  });

  it('prints the files on the 报送单 with name, size and short hash', async () => {
    const body = submissionFor(A, PERIOD);
    body.rows[0]!.evidenceIds = [photo.id];
    const receipt = await getJson<Receipt>(await submit(a.token, body, { now: NOW }));
    const link = await getJson<{ url: string }>(
      await call(`/reports/${receipt.reportId}/print-link`, { method: 'POST', token: a.token, now: NOW }),
    );
    const page = await (
      await SELF.fetch(link.url.replace(/^https?:\/\/[^/]+/, ORIGIN), { headers: { 'X-Rectify-Now': NOW } })
    ).text();
    expect(page).toContain(`附件“道路硬化现场.jpg”（195.3 KB，SHA-256 ${photo.sha256.slice(0, 8)}）`);
  });

  it('shows each row’s files in 报送明细 (/details)', async () => {
    const details = await getJson<Details>(
      await call(`/details?plan=${DEMO_PLAN_ID}&period=${PERIOD}`, { token: sup.token, now: NOW }),
    );
    const first = details.rows.find((r) => r.unitId === A && r.evidenceIds?.length);
    expect(first?.evidenceFiles?.map((f) => f.name)).toEqual(['道路硬化现场.jpg']);
    expect(details.rows.filter((r) => r.unitId === A && !r.evidenceIds).length).toBeGreaterThan(0);
  });

  it('refuses another unit’s file as unknown, naming rows.N.evidenceIds.M, and stores nothing', async () => {
    const before = await reportCount();
    const body = submissionFor(B, PERIOD);
    body.rows[1]!.evidenceIds = [photo.id];
    const res = await submit(b.token, body, { now: NOW });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.issues?.find((i) => i.code === 'evidence_not_found')?.path).toBe('rows.1.evidenceIds.0');
    expect(JSON.stringify(error)).not.toContain('道路硬化现场');
    expect(await reportCount()).toBe(before);
  });

  it('refuses a file the unit uploaded under another plan', async () => {
    const published = await call('/plans', {
      token: sup.token,
      now: NOW,
      body: {
        title: '勐来乡2023年另一整改方案',
        schedule: { kind: 'half-monthly' },
        firstPeriod: '2023-09-H1',
        problems: [{ id: '1', title: '问题一' }],
        measures: [
          {
            id: '1-1',
            problemId: '1',
            title: '措施一',
            lead: '赵勇',
            responsibleUnits: '丁来村委会',
            deadline: '2023年12月底前',
          },
        ],
      },
    });
    expect(published.status).toBe(201);
    const other = await getJson<Plan>(published);
    const elsewhere = await getJson<EvidenceFile>(
      await uploadEvidence(a.token, A, jpeg(3000, 53), { plan: other.id, measure: '1-1', name: '另一方案.jpg' }),
    );
    const body = { ...submissionFor(A, PERIOD), plan: DEMO_PLAN_ID };
    body.rows[0]!.evidenceIds = [elsewhere.id];
    const res = await submit(a.token, body, { now: NOW });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.find((i) => i.code === 'evidence_not_found')?.path).toBe(
      'rows.0.evidenceIds.0',
    );
    await call(`/plans/${other.id}/close`, { method: 'POST', token: sup.token, now: NOW, body: {} });
  });

  it('refuses more than 30 files on a row and a file named twice, naming the row', async () => {
    const body = submissionFor(A, PERIOD);
    body.rows[0]!.evidenceIds = [photo.id, photo.id];
    const twice = await submit(a.token, { ...body, plan: DEMO_PLAN_ID }, { now: NOW });
    expect(twice.status).toBe(422);
    expect((await errorOf(twice)).issues?.[0]?.path).toBe('rows.0.evidenceIds');
    body.rows[0]!.evidenceIds = Array.from({ length: 31 }, (_, i) => `ev_${String(i).padStart(26, '0')}`);
    const many = await submit(a.token, { ...body, plan: DEMO_PLAN_ID }, { now: NOW });
    expect(many.status).toBe(422);
    expect((await errorOf(many)).issues?.[0]?.path).toBe('rows.0.evidenceIds');
  });

  it('will not delete a file a report refers to', async () => {
    const res = await call(`/evidence/${photo.id}`, { method: 'DELETE', token: a.token });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('evidence_in_use');
    expect(error.message).toContain('文件“道路硬化现场.jpg”');
  });
});

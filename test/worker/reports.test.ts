// POST /reports and the reads around it: receipts, revisions, idempotency, body errors, returning (退回).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, Receipt } from '../../core/schemas/submission.ts';
import { ReportDetail, ReportHeader } from '../../core/schemas/api.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'v-dinglai';
const B = 'o-water';
const HOUR = 3_600_000;
let a: TestToken;
let b: TestToken;
let sup: TestToken;

async function receiptOf(res: Response): Promise<Receipt> {
  expect(res.status).toBe(201);
  return Receipt.parse(await res.json());
}

async function listReports(token: string, query: string): Promise<ReportHeader[]> {
  const res = await call(`/reports${query}`, { token, now: '2025-12-01T00:00:00Z' });
  expect(res.status).toBe(200);
  return ReportHeader.array().parse(((await res.json()) as { reports: unknown }).reports);
}

describe('POST /reports', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
  });

  it('stores a submission and answers a receipt with revision 1', async () => {
    const r = await receiptOf(
      await submit(a.token, submissionFor(A, '2023-10-H1'), { now: aroundDeadline('2023-10-H1', -HOUR) }),
    );
    expect(r).toMatchObject({
      planId: DEMO_PLAN_ID,
      unitId: A,
      period: '2023-10-H1',
      revision: 1,
      timeliness: 'on_time',
      deadline: '2023-10-14T16:00:00.000Z',
    });
    const detail = ReportDetail.parse(await (await call(`/reports/${r.reportId}`, { token: a.token })).json());
    expect(detail.rows).toEqual(submissionFor(A, '2023-10-H1').rows);
    expect(detail.current).toBe(true);
  });

  it('makes every resubmission a new revision and keeps the earlier ones', async () => {
    const period = '2023-10-H2';
    const first = await receiptOf(
      await submit(a.token, submissionFor(A, period, '李四'), { now: aroundDeadline(period, -2 * HOUR) }),
    );
    const second = await receiptOf(
      await submit(a.token, submissionFor(A, period, '王五'), { now: aroundDeadline(period, -HOUR) }),
    );
    expect([first.revision, second.revision]).toEqual([1, 2]);
    const current = await listReports(a.token, `?period=${period}`);
    expect(current.map((h) => [h.revision, h.signer, h.current])).toEqual([[2, '王五', true]]);
    const history = await listReports(a.token, `?period=${period}&history=1`);
    expect(history.map((h) => [h.revision, h.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const old = ReportDetail.parse(await (await call(`/reports/${first.reportId}`, { token: a.token })).json());
    expect(old.signer).toBe('李四');
  });

  it('replays the stored receipt for the same Idempotency-Key and body without a new revision', async () => {
    const period = '2023-11-H1';
    const key = crypto.randomUUID();
    const now = aroundDeadline(period, -HOUR);
    const res1 = await submit(a.token, submissionFor(A, period), { key, now });
    const first = await receiptOf(res1);
    expect(res1.headers.get('Idempotent-Replayed')).toBeNull();
    const res2 = await submit(a.token, submissionFor(A, period), { key, now: aroundDeadline(period, 5 * HOUR) });
    expect(res2.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await receiptOf(res2)).toEqual(first);
    expect(await listReports(a.token, `?period=${period}&history=1`)).toHaveLength(1);
  });

  it('answers 409 when an Idempotency-Key is reused with a different body', async () => {
    const period = '2023-11-H2';
    const key = crypto.randomUUID();
    await receiptOf(await submit(a.token, submissionFor(A, period), { key, now: aroundDeadline(period, -HOUR) }));
    const res = await submit(a.token, submissionFor(A, period, '另一个人'), {
      key,
      now: aroundDeadline(period, -HOUR),
    });
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('idempotency_conflict');
    expect(err.issues?.[0]?.path).toBe('Idempotency-Key');
    expect(await listReports(a.token, `?period=${period}&history=1`)).toHaveLength(1);
  });

  it('scopes Idempotency-Keys to the unit', async () => {
    const period = '2023-12-H1';
    const key = crypto.randomUUID();
    const now = aroundDeadline(period, -HOUR);
    const ra = await receiptOf(await submit(a.token, submissionFor(A, period), { key, now }));
    const rb = await receiptOf(await submit(b.token, submissionFor(B, period), { key, now }));
    expect(rb.reportId).not.toBe(ra.reportId);
  });

  it.each([
    ['missing', undefined, 'required'],
    ['not a UUID', 'retry-1', 'invalid'],
  ])('rejects a %s Idempotency-Key with 400 naming the header', async (_label, key, code) => {
    const headers: Record<string, string> = key ? { 'Idempotency-Key': key } : {};
    const res = await call('/reports', {
      token: a.token,
      body: submissionFor(A, '2023-12-H1'),
      headers,
      now: '2023-12-01T00:00:00Z',
    });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.issues).toEqual([expect.objectContaining({ path: 'Idempotency-Key', code })]);
  });

  it('answers 415 naming Content-Type when the body is not declared JSON', async () => {
    const res = await call('/reports', {
      token: a.token,
      rawBody: JSON.stringify(submissionFor(A, '2023-12-H1')),
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(res.status).toBe(415);
    const err = await errorOf(res);
    expect(err.code).toBe('unsupported_media_type');
    expect(err.issues?.[0]?.path).toBe('Content-Type');
  });

  it('answers 400 invalid_json for a malformed JSON body', async () => {
    const res = await call('/reports', {
      token: a.token,
      rawBody: '{"period": "2023-12-H1",',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_json');
  });

  it('answers 413 for a body over the limit, declared or streamed without Content-Length', async () => {
    const big = JSON.stringify({ ...submissionFor(A, '2023-12-H1'), pad: 'x'.repeat(LIMITS.bodyBytes) });
    const declared = await call('/reports', {
      token: a.token,
      rawBody: big,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(declared.status).toBe(413);
    const err = await errorOf(declared);
    expect(err).toMatchObject({
      code: 'payload_too_large',
      issues: [expect.objectContaining({ path: '(body)', code: 'too_big' })],
    });

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await call('/reports', {
      token: a.token,
      rawBody: stream,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(streamed.status).toBe(413);
  });

  it('answers 422 listing every invalid field by path', async () => {
    const bad = submissionFor(A, '2023-12-H1');
    const body = {
      ...bad,
      signer: ' ',
      rows: [
        { ...bad.rows[0]!, progress: '', rate: 140 },
        { ...bad.rows[1]!, status: 'finished' },
      ],
    };
    const res = await call('/reports', { token: a.token, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.code).toBe('invalid_submission');
    expect(err.issues?.map((i) => i.path).sort()).toEqual([
      'rows.0.progress',
      'rows.0.rate',
      'rows.1.status',
      'signer',
    ]);
    expect(err.message).toContain('signer');
  });

  it("answers 422 naming period for a bad period id, one not yet open or one before the plan's first period", async () => {
    const now = '2024-03-10T00:00:00Z'; // open: 2024-03-H1
    const future = await submit(a.token, submissionFor(A, '2024-03-H2'), { now });
    expect(future.status).toBe(422);
    expect((await errorOf(future)).issues).toEqual([
      expect.objectContaining({ path: 'period', code: 'period_not_open' }),
    ]);
    // The demo plan's first period is 2023-08-H1: nothing before it was ever due, so nothing before it is taken.
    const early = await submit(a.token, submissionFor(A, '2023-07-H2'), { now });
    expect(early.status).toBe(422);
    expect((await errorOf(early)).issues).toEqual([
      expect.objectContaining({ path: 'period', code: 'period_before_plan' }),
    ]);
    const nonsense = await submit(a.token, submissionFor(A, '2024-13-H1'), { now });
    expect(nonsense.status).toBe(422);
    expect((await errorOf(nonsense)).issues?.[0]?.path).toBe('period');
    const open = await submit(a.token, submissionFor(A, '2024-03-H1'), { now });
    expect(open.status).toBe(201);
  });

  it('accepts a late report up to a year back and refuses an older period, naming the field', async () => {
    const now = '2025-09-10T00:00:00Z'; // open: 2025-09-H1; 24 periods back: 2024-09-H1
    const tooOld = await submit(a.token, submissionFor(A, '2024-08-H2'), { now });
    expect(tooOld.status).toBe(422);
    const err = await errorOf(tooOld);
    expect(err.issues).toEqual([expect.objectContaining({ path: 'period', code: 'period_too_old' })]);
    expect(err.message).toContain('2024年9月上半月');
    const oldest = await receiptOf(await submit(a.token, submissionFor(A, '2024-09-H1'), { now }));
    expect(oldest).toMatchObject({ period: '2024-09-H1', timeliness: 'late', revision: 1 });
  });

  it('re-runs core checkSubmission: errors are a 422 naming the row field, nothing is stored', async () => {
    const period = '2024-04-H1';
    const sub = submissionFor(A, period);
    const rows = [
      { ...sub.rows[0]!, status: 'phased' as const, progress: '已推进' },
      sub.rows[0]!,
      ...sub.rows.slice(2),
    ];
    const res = await submit(a.token, { ...sub, rows }, { now: '2024-04-05T00:00:00Z' });
    expect(res.status).toBe(422);
    const issues = (await errorOf(res)).issues ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'rows.0.progress', code: 'progress_without_data', severity: 'error' }),
        expect.objectContaining({ path: 'rows.1.measureId', code: 'duplicate_measure' }),
        expect.objectContaining({ path: 'rows', code: 'measure_missing' }),
      ]),
    );
    expect(await listReports(a.token, `?period=${period}&history=1`)).toHaveLength(0);
  });

  it('refuses with 422 a row for a measure the unit is not responsible for, naming the row', async () => {
    const period = '2024-05-H1';
    const sub = submissionFor(B, period);
    expect(sub.rows.some((r) => r.measureId === '4-1')).toBe(false); // 4-1 is the finance office's, projects' and villages'
    const rows = [...sub.rows, { ...sub.rows[0]!, measureId: '4-1' }];
    const res = await submit(b.token, { ...sub, rows }, { now: '2024-05-05T00:00:00Z' });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `rows.${sub.rows.length}.measureId`,
          code: 'measure_not_assigned',
          severity: 'error',
        }),
      ]),
    );
    expect(await listReports(b.token, `?period=${period}&history=1`)).toHaveLength(0);
  });

  it('stores rule warnings with the report and counts them in the receipt and summary', async () => {
    const period = '2024-04-H2';
    const sub = submissionFor(A, period);
    const rows = sub.rows.map((r, i) => (i === 1 ? { ...r, status: 'ongoing' as const, progress: '持续推进中' } : r));
    const r = await receiptOf(await submit(a.token, { ...sub, rows }, { now: '2024-04-20T00:00:00Z' }));
    expect(r.warnings).toBe(1);
    const detail = ReportDetail.parse(await (await call(`/reports/${r.reportId}`, { token: a.token })).json());
    expect(detail.warnings).toEqual([
      expect.objectContaining({ path: 'rows.1.progress', code: 'progress_without_data', severity: 'warning' }),
    ]);
    const s = (await (
      await call(`/summary?period=${period}`, { token: sup.token, now: '2024-04-20T00:00:00Z' })
    ).json()) as { units: { unitId: string; warningCount: number }[] };
    expect(s.units.find((u) => u.unitId === A)!.warningCount).toBe(1);
  });

  it('keeps nothing when a submission is rejected', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM reports').first<{ n: number }>();
    await call('/reports', {
      token: a.token,
      body: { period: '2023-12-H2', signer: 'x', rows: [] },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM reports').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });
});

describe('GET /reports', () => {
  it("shows a unit only its own reports and a supervisor every unit's current one", async () => {
    const period = '2024-01-H1';
    const now = aroundDeadline(period, -HOUR);
    await receiptOf(await submit(a.token, submissionFor(A, period), { now }));
    await receiptOf(await submit(b.token, submissionFor(B, period), { now }));
    await receiptOf(await submit(b.token, submissionFor(B, period, '赵六'), { now }));
    expect((await listReports(a.token, `?period=${period}`)).map((h) => h.unitId)).toEqual([A]);
    const all = await listReports(sup.token, `?period=${period}`);
    expect(all.map((h) => [h.unitId, h.revision]).sort()).toEqual(
      [
        [A, 1],
        [B, 2],
      ].sort(),
    );
    expect(await listReports(sup.token, `?period=${period}&history=1`)).toHaveLength(3);
  });

  it("lists a unit's reports across periods when no period is given", async () => {
    const periods = new Set((await listReports(a.token, '')).map((h) => h.period));
    expect(periods.has('2023-10-H1') && periods.has('2024-01-H1')).toBe(true);
  });

  it('answers 400 naming period for a malformed period', async () => {
    const res = await call('/reports?period=2024-1-H1', { token: sup.token });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('period');
  });

  it("hides another unit's report behind 404, like a missing one", async () => {
    const r = await receiptOf(await submit(b.token, submissionFor(B, '2024-01-H2'), { now: '2024-01-20T00:00:00Z' }));
    expect((await call(`/reports/${r.reportId}`, { token: a.token })).status).toBe(404);
    expect((await call(`/reports/${crypto.randomUUID()}`, { token: a.token })).status).toBe(404);
    expect((await call(`/reports/${r.reportId}`, { token: sup.token })).status).toBe(200);
  });
});

describe('POST /reports/:id/return', () => {
  it('returns the current revision with a reason the unit sees, and a resubmission clears it', async () => {
    const period = '2024-02-H1';
    const now = aroundDeadline(period, -HOUR);
    const r = await receiptOf(await submit(a.token, submissionFor(A, period), { now }));
    const res = await call(`/reports/${r.reportId}/return`, {
      token: sup.token,
      body: { reason: '佐证材料缺失，请补充' },
      now,
    });
    expect(res.status).toBe(200);
    expect(ReportDetail.parse(await res.json()).returned?.reason).toBe('佐证材料缺失，请补充');
    const [seen] = await listReports(a.token, `?period=${period}`);
    expect(seen!.returned).toEqual({ reason: '佐证材料缺失，请补充', at: new Date(now).toISOString() });

    const again = await call(`/reports/${r.reportId}/return`, { token: sup.token, body: { reason: '再次退回' } });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_returned');

    const r2 = await receiptOf(
      await submit(a.token, submissionFor(A, period), { now: aroundDeadline(period, 3 * HOUR) }),
    );
    expect(r2.revision).toBe(2);
    const [cur] = await listReports(a.token, `?period=${period}`);
    expect(cur!.returned).toBeNull();
    const old = await call(`/reports/${r.reportId}/return`, { token: sup.token, body: { reason: '旧版本' } });
    expect(old.status).toBe(409);
    expect((await errorOf(old)).code).toBe('not_current_revision');
  });

  it('requires a reason and names the field', async () => {
    const r = await receiptOf(await submit(a.token, submissionFor(A, '2024-02-H2'), { now: '2024-02-20T00:00:00Z' }));
    const res = await call(`/reports/${r.reportId}/return`, { token: sup.token, body: { reason: '   ' } });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('reason');
    expect(
      (await call(`/reports/${crypto.randomUUID()}/return`, { token: sup.token, body: { reason: 'x' } })).status,
    ).toBe(404);
  });
});

// 销号 inside workerd with the real D1 and R2: apply with evidence, reject with a 限期, apply again, close, reopen;
// every refusal names its field; concurrent verdicts on one application → exactly one is recorded.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEvidenceFile } from '../../worker/db/evidence/index.ts';
import { runEvidenceHousekeeping } from '../../worker/lib/evidence-housekeeping.ts';
import { evidenceStoreOf } from '../../worker/storage/r2-store.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';
import { uploadEvidence } from './evidence-helpers.ts';

const A = 'v-dinglai';
const B = 'v-yongan';
const MEASURE = '1-1';
// 2023-11-30 10:00 CST: 11月下半月 has passed; the demo plan's measures are long-term with dated parts (8-31 / 10-31).
const NOW = '2023-11-30T02:00:00Z';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let a: TestToken;
let b: TestToken;
let sup: TestToken;
let fileA: string;
let fileB: string;

async function fileOf(t: TestToken, unitId: string, name: string): Promise<string> {
  const bytes = new Uint8Array([...PDF, ...new TextEncoder().encode(`% ${name} ${unitId}\n`)]);
  const res = await uploadEvidence(t.token, unitId, bytes, { name, measure: MEASURE });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Files the unit's report for 11月下半月 with the given status for 1-1. */
async function report(t: TestToken, unitId: string, status: string) {
  const s = submissionFor(unitId, '2023-11-H2');
  s.rows = s.rows.map((r) => (r.measureId === MEASURE ? { ...r, status: status as never } : r));
  expect((await submit(t.token, s, { now: aroundDeadline('2023-11-H2', -3_600_000) })).status).toBe(201);
}

const apply = (t: TestToken, body: Record<string, unknown>) =>
  call('/closures/apply', {
    token: t.token,
    now: NOW,
    body: { measureId: MEASURE, summary: '已完成全部入户走访，台账齐全。', ...body },
  });
const verdict = (unitId: string, body: Record<string, unknown>, t = sup) =>
  call(`/closures/${MEASURE}/${unitId}/verdict`, { token: t.token, now: NOW, body });

describe('销号 (closures)', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
    fileA = await fileOf(a, A, '入户走访台账.pdf');
    fileB = await fileOf(b, B, '永安村台账.pdf');
  });

  it('refuses an application without evidence, naming evidenceIds', async () => {
    const res = await apply(a, { evidenceIds: [] });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('evidenceIds');
  });

  it('refuses a whole-measure application while the latest status is not 已完成', async () => {
    await report(a, A, 'ongoing');
    const res = await apply(a, { evidenceIds: [fileA] });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ code: 'status_not_done', issues: [{ path: 'measureId' }] });
  });

  it("refuses another unit's file, naming it", async () => {
    await report(a, A, 'done');
    const res = await apply(a, { evidenceIds: [fileA, fileB] });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.issues?.[0]?.path).toBe('evidenceIds.1');
    expect(error.message).toContain(fileB);
  });

  it('takes the application, then refuses a second one while it is pending', async () => {
    const res = await apply(a, { evidenceIds: [fileA] });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      measureId: MEASURE,
      unitId: A,
      state: 'applied',
      part: 'whole',
      warning: null,
    });
    const again = await apply(a, { evidenceIds: [fileA] });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_applied');
  });

  it('lets only the township verify, and refuses a 限期 before today', async () => {
    expect((await verdict(A, { decision: 'close', opinion: '同意', verifiedOn: '2023-11-30' }, a)).status).toBe(403);
    const past = await verdict(A, {
      decision: 'reject',
      opinion: '台账缺签字',
      verifiedOn: '2023-11-30',
      extendedDeadline: '2023-11-29',
    });
    expect(past.status).toBe(422);
    expect((await errorOf(past)).issues?.[0]?.path).toBe('extendedDeadline');
    const none = await verdict(A, { decision: 'reject', opinion: '台账缺签字', verifiedOn: '2023-11-30' });
    expect(none.status).toBe(422);
    expect((await errorOf(none)).issues?.[0]?.path).toBe('extendedDeadline');
  });

  it('rejects with a 限期 that replaces the deadline and shows as a yellow warning until the unit applies again', async () => {
    const res = await verdict(A, {
      decision: 'reject',
      opinion: '台账缺主要负责人签字',
      verifiedOn: '2023-11-30',
      extendedDeadline: '2023-12-20',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      state: 'in_progress',
      extendedDeadline: '2023-12-20',
      rejectionPending: true,
      rejection: { reason: '台账缺主要负责人签字', at: new Date(NOW).toISOString() },
      warning: { colour: 'yellow', reasons: ['rejected'] },
    });
    // The unit reads why in its own list; the reason goes once it applies again (next test).
    const own = await call('/closures', { token: a.token, now: NOW });
    const mine = ((await own.json()) as { pairs: { measureId: string; rejection: { reason: string } | null }[] }).pairs;
    expect(mine.find((p) => p.measureId === MEASURE)?.rejection?.reason).toBe('台账缺主要负责人签字');
    expect(mine.filter((p) => p.measureId !== MEASURE).every((p) => p.rejection === null)).toBe(true);
    const w = await call('/warnings', { token: a.token, now: NOW });
    const warnings = ((await w.json()) as { warnings: { measureId: string; unitId: string; colour: string }[] })
      .warnings;
    expect(warnings.every((x) => x.unitId === A)).toBe(true);
    expect(warnings.find((x) => x.measureId === MEASURE)).toMatchObject({ colour: 'yellow' });
  });

  it('records exactly one of two concurrent verdicts on one application', async () => {
    expect((await apply(a, { evidenceIds: [fileA] })).status).toBe(201);
    const [close, reject] = await Promise.all([
      verdict(A, { decision: 'close', opinion: '现场核查属实，同意销号', verifiedOn: '2023-11-30' }),
      verdict(A, { decision: 'reject', opinion: '再补材料', verifiedOn: '2023-11-30', extendedDeadline: '2023-12-31' }),
    ]);
    expect([close.status, reject.status].sort()).toEqual([200, 409]);
    const events = await call(`/closures/events?measure=${MEASURE}&unit=${A}`, { token: sup.token, now: NOW });
    const kinds = ((await events.json()) as { events: { kind: string; by: string }[] }).events.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['applied', 'rejected', 'applied']);
    expect(kinds).toHaveLength(4);
    const after = await call(`/closures?unit=${A}`, { token: sup.token, now: NOW });
    const pair = ((await after.json()) as { pairs: { measureId: string; rejection: unknown }[] }).pairs.find(
      (p) => p.measureId === MEASURE,
    );
    // The earlier 驳回's reason is gone; only a winning second 驳回 brings its own.
    expect(pair?.rejection).toEqual(kinds[3] === 'rejected' ? expect.objectContaining({ reason: '再补材料' }) : null);
  });

  it('lists the pair in the 销号台账 with its state, 核查意见 and the 整改完成率', async () => {
    // Make sure the pair ends closed whichever verdict won above.
    const pairs = (await (await call(`/closures?unit=${A}`, { token: sup.token, now: NOW })).json()) as {
      pairs: { measureId: string; state: string }[];
    };
    if (pairs.pairs.find((p) => p.measureId === MEASURE)!.state !== 'closed') {
      expect((await apply(a, { evidenceIds: [fileA] })).status).toBe(201);
      expect(
        (await verdict(A, { decision: 'close', opinion: '现场核查属实，同意销号', verifiedOn: '2023-11-30' })).status,
      ).toBe(200);
    }
    const ledger = (await (await call('/closure-ledger', { token: sup.token, now: NOW })).json()) as {
      rates: { pairs: { closed: number; total: number } };
      rows: {
        measureId: string;
        unitId: string;
        state: string;
        verdict: { kind: string; opinion: string } | null;
        evidenceCount: number;
      }[];
    };
    const row = ledger.rows.find((r) => r.measureId === MEASURE && r.unitId === A)!;
    expect(row).toMatchObject({ state: 'closed', verdict: { kind: 'closed' }, evidenceCount: 1 });
    expect(ledger.rates.pairs.closed).toBe(1);
    expect(ledger.rates.pairs.total).toBeGreaterThan(100);
    expect((await call('/closure-ledger', { token: a.token, now: NOW })).status).toBe(403);
  });

  it('refuses a 督办单 for a closed pair', async () => {
    const res = await call('/notices', {
      token: sup.token,
      now: NOW,
      body: { measureId: MEASURE, unitId: A, requirement: '补充材料', dueDate: '2023-12-10' },
    });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'pair_closed', issues: [{ path: 'measureId' }] });
  });

  it('reopens a closed pair with a reason, and refuses to reopen it twice', async () => {
    const res = await call(`/closures/${MEASURE}/${A}/reopen`, {
      token: sup.token,
      now: NOW,
      body: { reason: '群众反映问题反弹' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'in_progress' });
    const again = await call(`/closures/${MEASURE}/${A}/reopen`, {
      token: sup.token,
      now: NOW,
      body: { reason: '再次' },
    });
    expect(again.status).toBe(409);
  });

  it('refuses a verdict on a pair the plan does not have, naming the field', async () => {
    const res = await call(`/closures/9-9/${A}/verdict`, {
      token: sup.token,
      now: NOW,
      body: { decision: 'close', opinion: '同意', verifiedOn: '2023-11-30' },
    });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('measureId');
    const otherPlan = await call(`/closures/${MEASURE}/${A}/verdict?plan=no-such-plan`, {
      token: sup.token,
      now: NOW,
      body: { decision: 'close', opinion: '同意', verifiedOn: '2023-11-30' },
    });
    expect(otherPlan.status).toBe(404);
    expect((await errorOf(otherPlan)).issues?.[0]?.path).toBe('plan');
  });

  it('accepts 阶段性成效 for the dated part of a long-term measure', async () => {
    await report(b, B, 'phased');
    const whole = await apply(b, { evidenceIds: [fileB] });
    expect((await errorOf(whole)).code).toBe('status_not_done');
    const dated = await apply(b, { evidenceIds: [fileB], part: 'dated' });
    expect(dated.status).toBe(201);
    expect(await dated.json()).toMatchObject({ state: 'applied', part: 'dated' });
  });

  it('keeps a file a closure application rests on when housekeeping removes unattached uploads', async () => {
    // fileA was never named in a report row, only in the 申请销号 above.
    await runEvidenceHousekeeping(env.DB, evidenceStoreOf(env), new Date(Date.now() + 400 * 24 * 3_600_000));
    expect(await getEvidenceFile(env.DB, fileA)).not.toBeNull();
    expect(await env.EVIDENCE.head(`evidence/${fileA}`)).not.toBeNull();
  });
});

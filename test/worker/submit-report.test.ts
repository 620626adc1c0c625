// submitReport() (worker/lib/submit-report.ts) called directly on the real local D1: each outcome it can return,
// and its one retry rule (a stale copy of the plans is judged again once on a fresh one).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { halfMonthDeadline } from '../../core/calendar/half-month.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { insertReport, returnReport } from '../../worker/db/reports/index.ts';
import { updateUnit } from '../../worker/db/units.ts';
import type { Submitter } from '../../worker/lib/auth.ts';
import { forgetPlans, planSnapshot } from '../../worker/lib/plan-snapshot.ts';
import { submitReport, type SubmitInput } from '../../worker/lib/submit-report.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { makeRevokedToken, makeToken, submissionFor, type TestToken } from './helpers.ts';

const UNIT = 'v-banlie';
const HOUR = 3_600_000;
let token: TestToken;

const submitter = (t: TestToken): Submitter => ({
  unitId: UNIT,
  tokenHash: 'unused',
  guard: { id: t.id },
  verify: async () => {},
});
const before = (period: string) => new Date(halfMonthDeadline(period).getTime() - HOUR);
const input = (submission: Submission, o: Partial<SubmitInput> = {}): SubmitInput => ({
  submitter: submitter(token),
  key: crypto.randomUUID(),
  submission,
  now: before(submission.period),
  ...o,
});

describe('submitReport', () => {
  beforeAll(async () => {
    token = await makeToken('unit', UNIT);
  });

  it('accepts a valid submission with a receipt for revision 1, on time', async () => {
    const out = await submitReport(env.DB, input(submissionFor(UNIT, '2023-10-H1')));
    expect(out).toMatchObject({
      kind: 'accepted',
      receipt: { unitId: UNIT, planId: DEMO_PLAN_ID, period: '2023-10-H1', revision: 1, timeliness: 'on_time' },
    });
  });

  it('replays the same key and body with the first receipt, and refuses the same key with another body', async () => {
    const first = input(submissionFor(UNIT, '2023-10-H2'));
    const accepted = await submitReport(env.DB, first);
    const again = await submitReport(env.DB, first);
    expect(again).toEqual({ kind: 'replayed', receipt: accepted.kind === 'accepted' ? accepted.receipt : null });
    const other = await submitReport(env.DB, { ...first, submission: submissionFor(UNIT, '2023-10-H2', '李四') });
    expect(other).toMatchObject({ kind: 'refused', refusal: { reason: 'key_conflict', key: first.key } });
  });

  it('refuses a body the core rules reject as invalid, naming the fields, and stores nothing', async () => {
    const bad = submissionFor(UNIT, '2023-11-H1');
    const out = await submitReport(env.DB, input({ ...bad, rows: bad.rows.slice(1) }));
    expect(out.kind).toBe('refused');
    if (out.kind !== 'refused' || out.refusal.reason !== 'invalid') throw new Error('expected an invalid refusal');
    expect(out.refusal.issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('refuses a period that has not begun with the period named', async () => {
    const out = await submitReport(env.DB, input(submissionFor(UNIT, '2023-12-H2'), { now: before('2023-12-H1') }));
    expect(out).toMatchObject({
      kind: 'refused',
      refusal: { reason: 'invalid', issues: [{ path: 'period', code: 'period_not_open' }] },
    });
  });

  it('answers a retry of a report since returned (退回) with its return, not its old receipt', async () => {
    const first = input(submissionFor(UNIT, '2024-01-H1'));
    const accepted = await submitReport(env.DB, first);
    if (accepted.kind !== 'accepted') throw new Error('not accepted');
    await returnReport(env.DB, accepted.receipt.reportId, '数据不全', first.now.toISOString(), token.id);
    expect(await submitReport(env.DB, first)).toMatchObject({
      kind: 'refused',
      refusal: { reason: 'returned', returned: { reason: '数据不全' } },
    });
  });

  it('says why the insert stored nothing: a revoked token, a deactivated unit', async () => {
    const revoked = await makeRevokedToken('unit', UNIT);
    const r = await submitReport(env.DB, input(submissionFor(UNIT, '2024-01-H2'), { submitter: submitter(revoked) }));
    expect(r).toMatchObject({ kind: 'refused', refusal: { reason: 'token_revoked' } });
    await updateUnit(env.DB, UNIT, { active: false });
    try {
      const off = await submitReport(env.DB, input(submissionFor(UNIT, '2024-01-H2')));
      expect(off).toEqual({ kind: 'refused', refusal: { reason: 'unit_inactive' } });
    } finally {
      await updateUnit(env.DB, UNIT, { active: true });
    }
  });

  it('judges again once on fresh plans when its kept copy is stale, and then accepts', async () => {
    forgetPlans();
    await planSnapshot(env.DB, false); // the isolate keeps version N of the plan
    await env.DB.prepare('UPDATE plans SET version = version + 1 WHERE id = ?').bind(DEMO_PLAN_ID).run(); // edited elsewhere
    const out = await submitReport(env.DB, input(submissionFor(UNIT, '2024-02-H1')));
    expect(out).toMatchObject({ kind: 'accepted', receipt: { revision: 1 } });
  });

  it("keeps the first revision's timeliness for later revisions (one timeliness column)", async () => {
    const period = '2024-02-H2';
    await submitReport(
      env.DB,
      input(submissionFor(UNIT, period), { now: new Date(halfMonthDeadline(period).getTime() + HOUR) }),
    );
    const second = await submitReport(env.DB, input(submissionFor(UNIT, period, '李四'), { now: before(period) }));
    expect(second).toMatchObject({ kind: 'accepted', receipt: { revision: 2, timeliness: 'late' } });
  });
});

describe('insertReport guard', () => {
  it('refuses with revision_limit through the same guard the insert checks', async () => {
    const t = await makeToken('unit', UNIT);
    const sub = submissionFor(UNIT, '2024-03-H1');
    const base = {
      planId: DEMO_PLAN_ID,
      soleActive: false,
      unitId: UNIT,
      token: { id: t.id },
      bodyHash: 'h',
      receivedAt: '2024-03-01T00:00:00.000Z',
      arrival: 'on_time' as const,
      submission: sub,
      warnings: [],
    };
    const version = (await env.DB.prepare('SELECT version FROM plans WHERE id = ?')
      .bind(DEMO_PLAN_ID)
      .first<{ version: number }>())!.version;
    const stale = await insertReport(env.DB, {
      ...base,
      id: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      planVersion: version - 1,
    });
    expect(stale).toEqual({ refused: 'plan_changed' });
    const forged = await insertReport(env.DB, {
      ...base,
      id: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      planVersion: version,
      token: { hash: 'no-such-hash' },
    });
    expect(forged).toEqual({ refused: 'invalid_token' });
  });
});

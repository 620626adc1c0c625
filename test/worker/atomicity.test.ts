// A submission is one db.batch: if any statement fails, nothing of it is stored; a token that does not match, a
// revoked token or a full period stores nothing either, inside that same batch. Also: large submissions are split
// under D1's 100-bound-parameter limit.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type Submission, type SubmissionRow } from '../../core/schemas/submission.ts';
import { insertReport, reportStatements, type NewReport } from '../../worker/db/reports/index.ts';
import { revokeToken } from '../../worker/db/tokens.ts';
import { sha256Hex } from '../../worker/lib/crypto.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { makeToken, type TestToken } from './helpers.ts';

const UNIT = 'v-yingge';
let token: TestToken;

function rows(n: number): SubmissionRow[] {
  return Array.from({ length: n }, (_, i) => ({
    measureId: `${1 + (i % 4)}-${1 + (i % 3)}`,
    status: 'ongoing',
    progress: `第${i + 1}行进展`,
    target: i,
    actual: i,
    rate: 50,
    fundsPlanned: 1.5,
    fundsPaid: 0.5,
    evidence: '台账',
    note: '无',
  }));
}

function newReport(submission: Submission): NewReport {
  return {
    id: crypto.randomUUID(),
    planId: DEMO_PLAN_ID,
    planVersion: 1,
    soleActive: false,
    unitId: UNIT,
    token: { id: token.id },
    idempotencyKey: crypto.randomUUID(),
    bodyHash: 'h',
    receivedAt: '2023-10-01T00:00:00.000Z',
    arrival: 'on_time',
    submission,
    warnings: [],
  };
}

async function stored(period: string) {
  const q = (sql: string) =>
    env.DB.prepare(sql)
      .bind(period, UNIT)
      .first<{ n: number }>()
      .then((r) => r!.n);
  return {
    reports: await q('SELECT COUNT(*) AS n FROM reports WHERE period = ? AND unit_id = ?'),
    rows: await q(
      'SELECT COUNT(*) AS n FROM report_rows WHERE report_id IN (SELECT id FROM reports WHERE period = ? AND unit_id = ?)',
    ),
    heads: await q('SELECT COUNT(*) AS n FROM report_heads WHERE period = ? AND unit_id = ?'),
  };
}

describe('report batch', () => {
  beforeAll(async () => {
    token = await makeToken('unit', UNIT);
  });

  it('stores nothing when a row in a later statement violates a constraint', async () => {
    const bad = rows(30);
    // A status the CHECK constraint refuses, in the fourth row statement: earlier statements must roll back too.
    bad[27] = { ...bad[27]!, status: 'bogus' as SubmissionRow['status'] };
    const n = newReport({ period: '2023-10-H1', signer: '甲', rows: bad });
    expect(reportStatements(env.DB, n).length).toBeGreaterThan(4);
    await expect(insertReport(env.DB, n)).rejects.toThrow(/CHECK constraint failed/);
    expect(await stored('2023-10-H1')).toEqual({ reports: 0, rows: 0, heads: 0 });
  });

  it('leaves an earlier revision untouched when a resubmission fails', async () => {
    const period = '2023-10-H2';
    await insertReport(env.DB, newReport({ period, signer: '甲', rows: rows(3) }));
    const bad = rows(3);
    bad[2] = { ...bad[2]!, status: 'bogus' as SubmissionRow['status'] };
    await expect(insertReport(env.DB, newReport({ period, signer: '乙', rows: bad }))).rejects.toThrow(
      /CHECK constraint failed/,
    );
    expect(await stored(period)).toEqual({ reports: 1, rows: 3, heads: 1 });
  });

  it('stores nothing and says why when the token hash is unknown, belongs to another unit, or is revoked', async () => {
    const period = '2023-07-H1';
    const other = await makeToken('unit', 'v-gongsa');
    const unknown = await insertReport(env.DB, {
      ...newReport({ period, signer: '甲', rows: rows(3) }),
      token: { hash: await sha256Hex('v-yingge.rt_forged') },
    });
    expect(unknown).toEqual({ refused: 'invalid_token' });
    const foreign = await insertReport(env.DB, {
      ...newReport({ period, signer: '甲', rows: rows(3) }),
      token: { hash: await sha256Hex(other.token) },
    });
    expect(foreign).toEqual({ refused: 'invalid_token' });
    const revoked = await makeToken('unit', UNIT);
    await revokeToken(env.DB, revoked.id, '2023-07-01T00:00:00.000Z');
    const late = await insertReport(env.DB, {
      ...newReport({ period, signer: '甲', rows: rows(3) }),
      token: { hash: await sha256Hex(revoked.token) },
    });
    expect(late).toEqual({ refused: 'token_revoked', at: '2023-07-01T00:00:00.000Z' });
    expect(await stored(period)).toEqual({ reports: 0, rows: 0, heads: 0 });
    const ok = await insertReport(env.DB, {
      ...newReport({ period, signer: '甲', rows: rows(3) }),
      token: { hash: await sha256Hex(token.token) },
    });
    expect(ok).toMatchObject({ revision: 1 });
  });

  it(`refuses revision ${LIMITS.revisionsPerPeriod + 1} of one unit and period, storing nothing`, async () => {
    const period = '2023-07-H2';
    for (let i = 0; i < LIMITS.revisionsPerPeriod; i++)
      await insertReport(env.DB, newReport({ period, signer: '甲', rows: rows(1) }));
    expect(await insertReport(env.DB, newReport({ period, signer: '甲', rows: rows(1) }))).toEqual({
      refused: 'revision_limit',
    });
    expect(await stored(period)).toEqual({
      reports: LIMITS.revisionsPerPeriod,
      rows: LIMITS.revisionsPerPeriod,
      heads: 1,
    });
  });

  it('stores the largest allowed submission split under 100 bound parameters per statement', async () => {
    const period = '2023-09-H1';
    const n = newReport({ period, signer: '甲', rows: rows(LIMITS.rows) });
    expect(await insertReport(env.DB, n)).toMatchObject({ revision: 1 });
    expect(await stored(period)).toEqual({ reports: 1, rows: LIMITS.rows, heads: 1 });
  });
});

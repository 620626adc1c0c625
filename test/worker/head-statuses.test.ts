// report_heads carries the current revision's statuses and figures (migration 0017), moved with the pointer in the
// same statement, so the 预警 read only the pointers. Inside workerd with the real D1.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const UNIT = 'v-dinglai';
const PERIOD = '2023-11-H1';
let t: TestToken;

const headAndReport = () =>
  env.DB.prepare(
    `SELECT h.revision, h.measure_statuses AS headStatuses, r.measure_statuses AS reportStatuses,
       h.measure_figures AS headFigures, r.measure_figures AS reportFigures
     FROM report_heads h JOIN reports r ON r.id = h.report_id WHERE h.plan_id = ?1 AND h.period = ?2 AND h.unit_id = ?3`,
  )
    .bind(DEMO_PLAN_ID, PERIOD, UNIT)
    .first<{
      revision: number;
      headStatuses: string;
      reportStatuses: string;
      headFigures: string;
      reportFigures: string;
    }>();

describe('report_heads statuses', () => {
  beforeAll(async () => {
    t = await makeToken('unit', UNIT);
  });

  it("copies the first revision's statuses and figures onto the pointer", async () => {
    expect(
      (await submit(t.token, submissionFor(UNIT, PERIOD), { now: aroundDeadline(PERIOD, -86_400_000) })).status,
    ).toBe(201);
    const row = (await headAndReport())!;
    expect(row.revision).toBe(1);
    expect(JSON.parse(row.headStatuses)['1-1']).toBe('phased');
    expect(row.headStatuses).toBe(row.reportStatuses);
    expect(row.headFigures).toBe(row.reportFigures);
  });

  it('moves them with the pointer on a resubmission, and the 预警 follow the new statuses', async () => {
    const s = submissionFor(UNIT, PERIOD);
    s.rows = s.rows.map((r) => ({ ...r, status: 'ongoing' as const }));
    expect((await submit(t.token, s, { now: aroundDeadline(PERIOD, -3_600_000) })).status).toBe(201);
    const row = (await headAndReport())!;
    expect(row.revision).toBe(2);
    expect(JSON.parse(row.headStatuses)['1-1']).toBe('ongoing');
    expect(row.headStatuses).toBe(row.reportStatuses);
    // 1-1's dated part (2023-08-31) is past and no longer reached: red for the unit now.
    const res = await call('/warnings', { token: t.token, now: aroundDeadline(PERIOD, -1_800_000) });
    const { warnings } = (await res.json()) as { warnings: { measureId: string; colour: string }[] };
    expect(warnings.find((w) => w.measureId === '1-1')?.colour).toBe('red');
  });
});

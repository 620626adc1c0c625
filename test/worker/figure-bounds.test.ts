// Figures at and beyond the accepted bound (LIMITS.figure = 1e12): a huge number is refused naming the row's field,
// and the largest accepted ones add up to the same exact sums in /summary and /trends.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/schemas/submission.ts';
import { Trends } from '../../core/schemas/trends.ts';
import { type Summary } from '../../core/schemas/api.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit } from './helpers.ts';

const PERIOD = '2023-11-H1';
const NOW = aroundDeadline(PERIOD, -3_600_000);

function withFunds(unitId: string, fundsPlanned: number) {
  const body = submissionFor(unitId, PERIOD);
  body.rows[0] = { ...body.rows[0]!, fundsPlanned };
  return body;
}

describe('figure bounds', () => {
  it('refuses fundsPlanned 1e305 with 422 naming rows.0.fundsPlanned', async () => {
    const unit = await makeToken('unit', 'v-yingge');
    const res = await submit(unit.token, withFunds('v-yingge', 1e305), { now: NOW });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual(['rows.0.fundsPlanned']);
  });

  it('refuses a figure just above 1e12 and accepts 1e12 itself', async () => {
    const unit = await makeToken('unit', 'v-banlie');
    expect((await submit(unit.token, withFunds('v-banlie', LIMITS.figure * 1.000001), { now: NOW })).status).toBe(422);
    expect((await submit(unit.token, withFunds('v-banlie', LIMITS.figure), { now: NOW })).status).toBe(201);
  });

  it('gives /summary and /trends the same exact sum for 1e12 + 1e12 + 5', async () => {
    for (const [unitId, funds] of [
      ['v-menglai', LIMITS.figure],
      ['v-gongsa', 5],
    ] as const) {
      const unit = await makeToken('unit', unitId);
      expect((await submit(unit.token, withFunds(unitId, funds), { now: NOW })).status).toBe(201);
    }
    const sup = await makeToken('supervisor');
    const summary = (await (await call(`/summary?period=${PERIOD}`, { token: sup.token, now: NOW })).json()) as Summary;
    const summed = summary.measures.reduce((n, m) => n + (m.figures?.fundsPlanned ?? 0), 0);
    const trends = Trends.parse(
      await (await call(`/trends?from=${PERIOD}&to=${PERIOD}`, { token: sup.token, now: NOW })).json(),
    );
    expect(summed).toBe(2 * LIMITS.figure + 5);
    expect(trends.periods[0]!.fundsPlanned).toBe(2 * LIMITS.figure + 5);
  });
});

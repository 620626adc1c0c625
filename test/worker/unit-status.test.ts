// GET /reports/status inside workerd: a unit's standing per period (on time, late, missing, not due, returned with
// reason, who and when), the period a new report is for by default (the returned one, else the open one), and a replayed receipt of a returned report saying so.
import { beforeAll, describe, expect, it } from 'vitest';
import { UnitStatus } from '../../core/reports/unit-status.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'v-dinglai';
const B = 'o-water';
const HOUR = 3_600_000;
// 2023-11-30 10:00 CST: 11月下半月 (due 11月29日) has passed, 12月上半月 is open.
const NOW = '2023-11-30T02:00:00Z';
let a: TestToken;
let b: TestToken;
let sup: TestToken;

async function statusOf(token: string, now = NOW): Promise<UnitStatus> {
  const res = await call('/reports/status', { token, now });
  expect(res.status).toBe(200);
  return UnitStatus.parse(await res.json());
}

describe('GET /reports/status', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
  });

  it('defaults to the open period although older periods are missing, and lists those as missing', async () => {
    const s = await statusOf(b.token);
    expect(s.openPeriod).toBe('2023-12-H1');
    expect(s.periods[0]).toMatchObject({ period: '2023-12-H1', state: 'not_due', report: null });
    expect(s.periods[1]).toMatchObject({ period: '2023-11-H2', state: 'missing' });
    // The demo plan's first period is 2023-08-H1: nothing older is listed or owed.
    expect(s.periods.at(-1)!.period).toBe('2023-08-H1');
    expect(s.periods.filter((p) => p.state === 'missing')).toHaveLength(8);
    // Progress is "as of now": it belongs to the open period, never by default to one a year back.
    expect(s.defaultPeriod).toBe('2023-12-H1');
  });

  it('shows filed periods as on time or late and still defaults to the open period', async () => {
    for (const p of [
      '2023-08-H1',
      '2023-08-H2',
      '2023-09-H1',
      '2023-09-H2',
      '2023-10-H1',
      '2023-10-H2',
      '2023-11-H1',
    ]) {
      expect((await submit(a.token, submissionFor(A, p), { now: aroundDeadline(p, -HOUR) })).status).toBe(201);
    }
    expect(
      (await submit(a.token, submissionFor(A, '2023-11-H2'), { now: aroundDeadline('2023-11-H2', HOUR) })).status,
    ).toBe(201);
    const s = await statusOf(a.token);
    expect(s.periods.slice(0, 5).map((p) => [p.period, p.state])).toEqual([
      ['2023-12-H1', 'not_due'],
      ['2023-11-H2', 'late'],
      ['2023-11-H1', 'on_time'],
      ['2023-10-H2', 'on_time'],
      ['2023-10-H1', 'on_time'],
    ]);
    expect(s.defaultPeriod).toBe('2023-12-H1');
    expect(s.periods[1]!.report).toMatchObject({ revision: 1, signer: '张三', timeliness: 'late' });
  });

  it('reports a return with its reason, who and when, defaults to that period, and clears it with a new revision', async () => {
    const period = '2023-11-H1';
    const [head] = (
      (await (await call(`/reports?period=${period}`, { token: a.token, now: NOW })).json()) as {
        reports: { reportId: string }[];
      }
    ).reports;
    const back = await call(`/reports/${head!.reportId}/return`, {
      token: sup.token,
      now: NOW,
      body: { reason: '3-1 缺少资金拨付数据' },
    });
    expect(back.status).toBe(200);
    const s = await statusOf(a.token);
    const returned = s.periods.find((p) => p.period === period)!;
    expect(returned.state).toBe('returned');
    expect(returned.returned).toEqual({
      reason: '3-1 缺少资金拨付数据',
      at: new Date(NOW).toISOString(),
      by: 'test supervisor ',
    });
    expect(s.defaultPeriod).toBe(period);
    expect((await submit(a.token, submissionFor(A, period, '李四'), { now: NOW })).status).toBe(201);
    const after = (await statusOf(a.token)).periods.find((p) => p.period === period)!;
    // Resubmitting clears 退回 but cannot repair timeliness: the first revision's on time stands.
    expect(after).toMatchObject({ state: 'on_time', returned: null, report: { revision: 2, signer: '李四' } });
    expect((await statusOf(a.token)).defaultPeriod).toBe('2023-12-H1');
  });

  it('answers a replay of a returned report with a Chinese reason instead of the old receipt', async () => {
    const period = '2023-10-H2';
    const key = crypto.randomUUID();
    const body = submissionFor(A, period, '王五');
    const first = await submit(a.token, body, { key, now: NOW });
    const receipt = (await first.json()) as { reportId: string };
    await call(`/reports/${receipt.reportId}/return`, { token: sup.token, now: NOW, body: { reason: '佐证材料不全' } });
    const replay = await submit(a.token, body, { key, now: NOW });
    expect(replay.status).toBe(409);
    const err = await errorOf(replay);
    expect(err.code).toBe('report_returned');
    expect(err.issues![0]!.message).toBe(
      '该报送已于2023年11月30日 10:00被退回，原因：佐证材料不全。请修改后重新提交。',
    );
  });

  it('is for units only', async () => {
    expect((await call('/reports/status', { token: sup.token, now: NOW })).status).toBe(403);
  });
});

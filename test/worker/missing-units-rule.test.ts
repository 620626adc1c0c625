// The scheduled job picks units with SQL (worker/db/reminders.ts) for speed; this proves the SQL answers what core's
// one rule for a unit's state in a period (periodStateOf) says, for every kind of report a unit can have:
//   missing flags — the units whose state AT THE DEADLINE was 未报 (what had arrived by then decides);
//   reminders     — the units that have not filed now (not 按时 / 逾期: nothing yet, or a report standing 退回).
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { isFiled, periodStateOf, type CurrentReport } from '../../core/reports/period-state.ts';
import { responsibleUnitIds } from '../../core/plan/plan-lookup.ts';
import { unitsWithoutReport } from '../../worker/db/reminders.ts';
import { DEMO_PLAN, DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, makeToken, submissionFor, submit } from './helpers.ts';

const PERIOD = '2023-10-H2';
const HOUR = 3_600_000;
const cal = calendarFor(DEMO_PLAN.schedule);
const deadline = cal.deadlineOf(PERIOD);
const NOW = aroundDeadline(PERIOD, 48 * HOUR);

/** What each unit does in the period: when (from the deadline) it files, and when its report is returned, if ever. */
const STORIES: Record<string, { filed: number; returned?: number }> = {
  'v-minliang': { filed: -HOUR }, // on time
  'v-dinglai': { filed: 5 * HOUR }, // late
  'v-menglai': { filed: -HOUR, returned: 2 * HOUR }, // on time, returned after the deadline
  'v-gongnong': { filed: 3 * HOUR, returned: 6 * HOUR }, // late, returned
  'v-yingge': { filed: -5 * HOUR, returned: -2 * HOUR }, // on time, returned before the deadline
  // every other unit files nothing
};

/** The stored facts of a unit's current revision as they stood at `at` (what periodStateOf is given). */
function currentAt(unitId: string, at: number): CurrentReport | null {
  const s = STORIES[unitId];
  if (!s || deadline.getTime() + s.filed >= at) return null;
  return {
    timeliness: s.filed < 0 ? 'on_time' : 'late',
    returned: s.returned !== undefined && deadline.getTime() + s.returned < at,
  };
}

const stateAt = (unitId: string, at: number) =>
  periodStateOf({
    cal,
    period: PERIOD,
    firstPeriod: DEMO_PLAN.firstPeriod,
    current: currentAt(unitId, at),
    now: new Date(at),
  });

describe('the scheduled job’s unit lists agree with periodStateOf', () => {
  const responsible = responsibleUnitIds(DEMO_PLAN);

  beforeAll(async () => {
    const sup = await makeToken('supervisor');
    for (const [unitId, s] of Object.entries(STORIES)) {
      const t = await makeToken('unit', unitId);
      const res = await submit(t.token, submissionFor(unitId, PERIOD), { now: aroundDeadline(PERIOD, s.filed) });
      expect(res.status, await res.clone().text()).toBe(201);
      if (s.returned === undefined) continue;
      const { reportId } = (await res.json()) as { reportId: string };
      const back = await call(`/reports/${reportId}/return`, {
        token: sup.token,
        body: { reason: '数据不全' },
        now: aroundDeadline(PERIOD, s.returned),
      });
      expect(back.status).toBe(200);
    }
  });

  it('flags as missing exactly the units whose state at the deadline was 未报', async () => {
    const sql = await unitsWithoutReport(env.DB, DEMO_PLAN_ID, responsible, PERIOD, deadline.toISOString());
    const rule = [...responsible].filter((id) => stateAt(id, deadline.getTime()) === 'missing');
    expect(sql.map((u) => u.id).sort()).toEqual(rule.sort());
    // The late filers are among them; the on-time ones, returned or not, are not.
    expect(rule).toEqual(expect.arrayContaining(['v-dinglai', 'v-gongnong']));
    expect(rule.filter((id) => ['v-minliang', 'v-menglai', 'v-yingge'].includes(id))).toEqual([]);
  });

  it('reminds exactly the units that have not filed now: nothing yet, or a report standing 退回', async () => {
    const now = new Date(NOW).getTime();
    const sql = await unitsWithoutReport(env.DB, DEMO_PLAN_ID, responsible, PERIOD, NOW, true);
    const rule = [...responsible].filter((id) => !isFiled(stateAt(id, now)));
    expect(sql.map((u) => u.id).sort()).toEqual(rule.sort());
    expect(rule).toEqual(expect.arrayContaining(['v-menglai', 'v-gongnong', 'v-yingge', 'v-yongan']));
    expect(rule.filter((id) => ['v-minliang', 'v-dinglai'].includes(id))).toEqual([]);
  });
});

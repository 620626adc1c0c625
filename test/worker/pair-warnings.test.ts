// The stored 预警 schedules (migration 0018) inside workerd with the real D1: after any sequence of submissions,
// 退回 / 撤销退回, 销号 transitions, plan edits and days passing, what a read leaves stored equals a from-scratch
// recomputation; /warnings and /closure-ledger page through every pair exactly once; bad paging input → 400.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPlan, updatePlan } from '../../worker/db/plans.ts';
import { refreshSchedules } from '../../worker/lib/pair-schedules.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { uploadEvidence } from './evidence-helpers.ts';
import { aroundDeadline, call, errorOf, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';

const PLAN = DEMO_PLAN_ID;
const UNITS = ['v-dinglai', 'v-yongan', 'o-planning'] as const;
const PERIODS = ['2023-10-H1', '2023-10-H2', '2023-11-H1', '2023-11-H2', '2023-12-H1'] as const;
/** What a valid report may say of these long-term measures past their dated part (未启动 is refused then). */
const STATUSES = ['phased', 'ongoing'] as const;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** When the 销号 steps are taken. */
const STEP_NOW = aroundDeadline('2023-11-H2', -3_600_000);
const tokens = new Map<string, TestToken>();
let sup: TestToken;

/** Every stored row of the plan's current version, in a comparable form. */
async function storedRows(): Promise<unknown[]> {
  const rows = await env.DB.prepare(
    `SELECT w.unit_id, w.measure_id, w.ord, w.latest_status, w.due_date, w.blue_from, w.yellow_from, w.red_from, w.schedule
     FROM pair_warnings w JOIN plans p ON p.id = w.plan_id AND p.version = w.plan_version
     WHERE w.plan_id = ?1 ORDER BY w.ord`,
  )
    .bind(PLAN)
    .all();
  return rows.results;
}

/** What a read leaves stored, then the same recomputed from nothing (every unit's stamp dropped). */
async function storedThenFromScratch(now: Date): Promise<[unknown[], unknown[]]> {
  const plan = (await getPlan(env.DB, PLAN))!;
  await refreshSchedules(env.DB, plan, now);
  const kept = await storedRows();
  await env.DB.prepare('DELETE FROM pair_schedule_units WHERE plan_id = ?1').bind(PLAN).run();
  expect(await refreshSchedules(env.DB, plan, now)).toBeGreaterThan(0);
  return [kept, await storedRows()];
}

type Op =
  | { kind: 'submit'; unit: number; period: number; status: number }
  | { kind: 'return' | 'unreturn'; unit: number; period: number }
  /** The pair's next 销号 step: apply when 整改中, close or reject (`reject`) when applied, reopen when closed. */
  | { kind: 'advance'; unit: number; measure: number; reject: boolean }
  | { kind: 'edit'; measure: number; days: number }
  | { kind: 'read'; period: number };

// Few units, periods and measures, so that random steps often meet: a 退回 finds a report, a verdict an application.
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    unit: fc.nat(1),
    period: fc.integer({ min: 2, max: 4 }),
    status: fc.nat(1),
  }),
  fc.record({
    kind: fc.constantFrom('return' as const, 'unreturn' as const),
    unit: fc.nat(1),
    period: fc.integer({ min: 2, max: 4 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), unit: fc.nat(1), measure: fc.nat(1), reject: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), measure: fc.nat(3), days: fc.integer({ min: -60, max: 60 }) }),
  fc.record({ kind: fc.constant('read' as const), period: fc.nat(4) }),
);
/** A sequence that takes every kind of step once (run first, then the random ones). */
const EVERY_STEP: Op[] = [
  { kind: 'submit', unit: 0, period: 2, status: 0 },
  { kind: 'advance', unit: 0, measure: 0, reject: false },
  { kind: 'advance', unit: 0, measure: 0, reject: false },
  { kind: 'advance', unit: 0, measure: 0, reject: false },
  { kind: 'advance', unit: 0, measure: 0, reject: true },
  { kind: 'advance', unit: 0, measure: 0, reject: true },
  { kind: 'return', unit: 0, period: 2 },
  { kind: 'unreturn', unit: 0, period: 2 },
  { kind: 'edit', measure: 1, days: 10 },
  { kind: 'read', period: 4 },
];
/** The steps that changed something at least once: the test must have exercised each. */
const succeeded = new Set<string>();
const tried = async (step: string, res: Response) => {
  if (res.ok) succeeded.add(step);
  return res;
};

const reportIds = new Map<string, string>();

async function measuresOf(unitId: string): Promise<string[]> {
  const plan = (await getPlan(env.DB, PLAN))!;
  return plan.measures.filter((m) => m.responsibleUnitIds.includes(unitId)).map((m) => m.id);
}

/** Runs one step through the API (the plan edit through db/plans.ts, as the plan routes do); refusals are fine. */
async function run(o: Op): Promise<void> {
  if (o.kind === 'read') return;
  if (o.kind === 'edit') {
    const plan = (await getPlan(env.DB, PLAN))!;
    const measures = plan.measures.map((m, i) =>
      i === o.measure && m.deadline.date
        ? {
            ...m,
            deadline: {
              ...m.deadline,
              date: new Date(Date.parse(m.deadline.date) + o.days * 86_400_000).toISOString().slice(0, 10),
            },
          }
        : m,
    );
    const change = { at: new Date().toISOString(), tokenId: null, kind: 'edited' as const, changes: {} };
    expect(await updatePlan(env.DB, { ...plan, measures }, plan.version!, change)).toBe(plan.version! + 1);
    succeeded.add('edit');
    return;
  }
  const unitId = UNITS[o.unit]!;
  const t = tokens.get(unitId)!;
  if (o.kind === 'submit' || o.kind === 'return' || o.kind === 'unreturn') {
    const period = PERIODS[o.period]!;
    const key = `${unitId}|${period}`;
    if (o.kind === 'submit') {
      const s = submissionFor(unitId, period);
      s.rows = s.rows.map((r, i) => ({ ...r, status: STATUSES[(o.status + i) % 2]! }));
      const res = await tried(o.kind, await submit(t.token, s, { now: aroundDeadline(period, -3_600_000) }));
      if (res.status === 201) reportIds.set(key, ((await res.json()) as { reportId: string }).reportId);
      return;
    }
    const id = reportIds.get(key);
    if (!id) return;
    const body = o.kind === 'return' ? { reason: '数据不全' } : undefined;
    await tried(o.kind, await call(`/reports/${id}/${o.kind}`, { method: 'POST', token: sup.token, body }));
    return;
  }
  if (o.kind !== 'advance') return;
  const measures = await measuresOf(unitId);
  const measureId = measures[o.measure % measures.length]!;
  const now = STEP_NOW;
  const list = (await (await call('/closures', { token: t.token, now })).json()) as {
    pairs: { measureId: string; state: string }[];
  };
  const state = list.pairs.find((p) => p.measureId === measureId)!.state;
  if (state === 'in_progress') {
    const bytes = new Uint8Array([...PDF, ...new TextEncoder().encode(`% ${crypto.randomUUID()}\n`)]);
    const up = await uploadEvidence(t.token, unitId, bytes, { name: '台账.pdf', measure: measureId });
    const file = ((await up.json()) as { id: string }).id;
    const body = { measureId, part: 'dated', summary: '已取得阶段性成效。', evidenceIds: [file] };
    await tried('apply', await call('/closures/apply', { token: t.token, now, body }));
    return;
  }
  const step = state === 'closed' ? 'reopen' : o.reject ? 'reject' : 'close';
  const body =
    step === 'reopen'
      ? { reason: '复查发现问题' }
      : step === 'close'
        ? { decision: 'close', opinion: '同意销号', verifiedOn: '2023-11-29' }
        : { decision: 'reject', opinion: '材料不全', verifiedOn: '2023-11-29', extendedDeadline: '2023-12-31' };
  const path = `/closures/${measureId}/${unitId}/${step === 'reopen' ? 'reopen' : 'verdict'}`;
  await tried(step, await call(path, { token: sup.token, now, body }));
}

beforeAll(async () => {
  sup = await makeToken('supervisor');
  for (const u of UNITS) tokens.set(u, await makeToken('unit', u));
});

describe('stored 预警 schedules', () => {
  it('equal a from-scratch recomputation after any sequence of reports, 退回, 销号, plan edits and days passing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 10 }), fc.nat(4), async (ops, readAt) => {
        for (const o of ops) {
          await run(o);
          // Read as the office would right after the step, then on another day (maybe in another period).
          const at = o.kind === 'read' ? o.period : readAt;
          for (const now of [STEP_NOW, aroundDeadline(PERIODS[at]!, 3_600_000)]) {
            const [kept, fresh] = await storedThenFromScratch(new Date(now));
            expect(kept).toEqual(fresh);
          }
        }
      }),
      { numRuns: 10, examples: [[EVERY_STEP, 3]] },
    );
    expect([...succeeded].sort()).toEqual(
      ['apply', 'close', 'edit', 'reject', 'reopen', 'return', 'submit', 'unreturn'].sort(),
    );
  }, 180_000);

  it('recomputes only the unit whose report arrived', async () => {
    const now = new Date(aroundDeadline('2023-11-H2', 3_600_000));
    const plan = (await getPlan(env.DB, PLAN))!;
    await refreshSchedules(env.DB, plan, now);
    expect(await refreshSchedules(env.DB, plan, now)).toBe(0);
    const s = submissionFor('v-dinglai', '2023-11-H2');
    expect(
      (await submit(tokens.get('v-dinglai')!.token, s, { now: aroundDeadline('2023-11-H2', -60_000) })).status,
    ).toBe(201);
    expect(await refreshSchedules(env.DB, plan, now)).toBe((await measuresOf('v-dinglai')).length);
  });
});

describe('GET /warnings and GET /closure-ledger pages', () => {
  const NOW = aroundDeadline('2023-12-H1', 3_600_000);
  type Entry = { measureId: string; unitId: string; colour: 'red' | 'yellow' | 'blue' };
  type Counts = { red: number; yellow: number; blue: number };

  async function allPages<T>(path: string, limit: number, rowsOf: (b: never) => T[]): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await call(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, {
        token: sup.token,
        now: NOW,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { nextCursor: string | null };
      out.push(...rowsOf(body as never));
      cursor = body.nextCursor;
    } while (cursor);
    return out;
  }

  it('gives every warned pair once, worst first, and counts per colour and unit that add up', async () => {
    const whole = (await (await call('/warnings?limit=1000', { token: sup.token, now: NOW })).json()) as {
      counts: Counts;
      byUnit: Record<string, Counts>;
      warnings: Entry[];
      nextCursor: string | null;
    };
    expect(whole.nextCursor).toBeNull();
    expect(whole.warnings.length).toBeGreaterThan(10);
    const paged = await allPages('/warnings', 4, (b: { warnings: Entry[] }) => b.warnings);
    expect(paged).toEqual(whole.warnings);
    const rank = { red: 3, yellow: 2, blue: 1 };
    for (let i = 1; i < paged.length; i++)
      expect(rank[paged[i]!.colour]).toBeLessThanOrEqual(rank[paged[i - 1]!.colour]);
    const tally = (list: Entry[]) => ({
      red: list.filter((w) => w.colour === 'red').length,
      yellow: list.filter((w) => w.colour === 'yellow').length,
      blue: list.filter((w) => w.colour === 'blue').length,
    });
    expect(whole.counts).toEqual(tally(paged));
    for (const [unitId, c] of Object.entries(whole.byUnit))
      expect(c).toEqual(tally(paged.filter((w) => w.unitId === unitId)));
  });

  it('shows a unit its own warnings and counts only, whatever unit= it asks for', async () => {
    const t = tokens.get('v-yongan')!;
    const res = await call('/warnings?unit=v-dinglai', { token: t.token, now: NOW });
    const body = (await res.json()) as { warnings: Entry[]; byUnit: Record<string, Counts> };
    expect(body.warnings.length).toBeGreaterThan(0);
    expect(body.warnings.every((w) => w.unitId === 'v-yongan')).toBe(true);
    expect(Object.keys(body.byUnit)).toEqual(['v-yongan']);
  });

  it('gives every pair of the 销号台账 once, in plan order, with the rates of the whole plan on each page', async () => {
    const plan = (await getPlan(env.DB, PLAN))!;
    const expected = plan.measures.flatMap((m) => m.responsibleUnitIds.map((u) => `${m.id}|${u}`));
    const rows = await allPages('/closure-ledger', 7, (b: { rows: { measureId: string; unitId: string }[] }) => b.rows);
    expect(rows.map((r) => `${r.measureId}|${r.unitId}`)).toEqual(expected);
    const page = (await (await call('/closure-ledger?limit=7', { token: sup.token, now: NOW })).json()) as {
      rates: { pairs: { total: number } };
    };
    expect(page.rates.pairs.total).toBe(expected.length);
  });

  it('answers 400 naming limit or cursor when they are not what the list gave', async () => {
    for (const [path, field] of [
      ['/warnings?limit=0', 'limit'],
      ['/warnings?limit=lots', 'limit'],
      ['/warnings?cursor=abc', 'cursor'],
      ['/closure-ledger?limit=2001', 'limit'],
      ['/closure-ledger?cursor=-1', 'cursor'],
    ] as const) {
      const res = await call(path, { token: sup.token, now: NOW });
      expect(res.status, path).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('invalid_query');
      expect(error.issues?.map((i) => i.path)).toEqual([field]);
    }
  });
});

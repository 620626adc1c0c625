// Fuzz: thousands of broken POST /reports bodies against the real local Worker. None may cause a 5xx or store
// anything, and every 4xx must name the offending field in issues[].path. CI runs 1,000; RELIABILITY_FULL=1 runs
// 10,000. The seed is fixed (override with FUZZ_SEED) so a failure can be replayed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, FULL, pool, unitHistory, unitToken, validSubmission, type ApiError } from './client.ts';
import { fuzzCases, type FuzzCase } from './fuzz-bodies.ts';

const UNIT = 'o-water';
const PERIOD = '2024-02-H2';
const RUNS = FULL ? 10_000 : 1_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20231114);

function namesField(c: FuzzCase, issues: NonNullable<ApiError['error']['issues']>): boolean {
  // An unknown key (__proto__, constructor, …) is named in the path itself: rows.0.__proto__.
  return issues.some((i) => c.paths.some((p) => i.path === p || i.path.startsWith(`${p}.`)));
}

describe('fuzzed submissions', () => {
  it(`answers ${RUNS.toLocaleString('en-US')} broken bodies with a 4xx naming the field and stores nothing`, async () => {
    const before = (await unitHistory(UNIT, PERIOD)).length;
    const cases = fc.sample(fuzzCases(validSubmission(UNIT, PERIOD)), { numRuns: RUNS, seed: SEED });
    const bad: string[] = [];
    const kinds = new Map<string, number>();
    await pool(cases.length, 6, async (i) => {
      const c = cases[i]!;
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      const res = await call('/reports', {
        token: unitToken(UNIT),
        body: c.body,
        key: crypto.randomUUID(),
        headers: c.contentType ? { 'Content-Type': c.contentType } : {},
      });
      const text = await res.text();
      let issues: NonNullable<ApiError['error']['issues']> = [];
      try {
        issues = (JSON.parse(text) as ApiError).error?.issues ?? [];
      } catch {
        /* not our error shape: reported below */
      }
      if (res.status < 400 || res.status >= 500 || !namesField(c, issues)) {
        const body = typeof c.body === 'string' ? c.body : `<${c.body.length} bytes>`;
        bad.push(
          `#${i} ${c.kind} → ${res.status}, wanted ${c.paths.join('|')}; got ${text.slice(0, 300)}; body ${body.slice(0, 200)}`,
        );
      }
    });
    expect(bad.slice(0, 5), `${bad.length} of ${cases.length} cases failed (seed ${SEED})`).toEqual([]);
    // Every kind of breakage was exercised.
    expect([...kinds.keys()].sort()).toEqual([
      'NaN/Infinity',
      'broken UTF-8',
      'deep nesting',
      'huge string',
      'media type',
      'missing field',
      'not an object',
      'prototype key',
      'unicode edge case',
      'wrong type',
    ]);
    expect((await unitHistory(UNIT, PERIOD)).length).toBe(before);
  });
});

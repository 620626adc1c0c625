// The statements behind /summary, /matrix, /export.csv and the scheduled job read report_heads by its primary key
// and join by keys: no full scans of the report tables, so cost follows units × requested periods, not history.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { UNITS_TO_REMIND_SQL, UNITS_WITHOUT_REPORT_SQL } from '../../worker/db/reminders.ts';
import { SUMMARY_SQL } from '../../worker/db/summary.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';

const REPORT_TABLE_SCAN = /\bSCAN (h|r|rr|report_heads|reports|report_rows)\b(?! USING)/;

const CASES: [string, string, unknown[]][] = [
  ['summary units', SUMMARY_SQL.units, [DEMO_PLAN_ID, '2023-09-H1']],
  ['matrix', SUMMARY_SQL.matrix, [DEMO_PLAN_ID, '2023-08-H1', '2023-09-H1']],
  ['units without report', UNITS_WITHOUT_REPORT_SQL, [DEMO_PLAN_ID, '2023-09-H1', '2023-09-14T16:00:00.000Z']],
  ['units to remind', UNITS_TO_REMIND_SQL, [DEMO_PLAN_ID, '2023-09-H1', '2023-09-14T16:00:00.000Z']],
];

describe('query plans', () => {
  it.each(CASES)('%s reads the report tables through indexes', async (_name, sql, params) => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    const detail = results.map((r) => r.detail);
    expect(
      detail.some((d) => /SEARCH (h|report_heads)/.test(d)),
      detail.join(' | '),
    ).toBe(true);
    for (const d of detail) expect(d, detail.join(' | ')).not.toMatch(REPORT_TABLE_SCAN);
  });
});

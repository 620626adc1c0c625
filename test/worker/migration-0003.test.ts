// Reports stored before plans existed still read, summarise and export after migration 0003: rows are written with
// the previous schema (0001 + 0002, as the Worker wrote them then) into an empty D1, then 0003 is applied.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPlan } from '../../worker/db/plans.ts';
import { getReportDetail, listReportHeaders } from '../../worker/db/reports/index.ts';
import { detailRows } from '../../worker/db/details.ts';
import { unitsForPeriod } from '../../worker/db/summary.ts';
import { listUnits } from '../../worker/db/units.ts';
import { buildDetails } from '../../worker/lib/details.ts';
import { exportTable } from '../../worker/lib/export-table.ts';
import { buildSummary } from '../../worker/lib/summary.ts';
import { DEMO_PLAN, DEMO_PLAN_ID, DEMO_UNITS } from '../fixtures/demo-plan.ts';

const db = env.MIGRATION_DB!;
const migrations = env.TEST_MIGRATIONS!;
const NOW = new Date('2023-09-20T00:00:00Z');

/** What the Worker wrote per submission before 0003: report, rows, head (copied from the old db/reports.ts). */
async function writeOldReport(id: string, unitId: string, revision: number, returned: boolean): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO reports (id, unit_id, period, revision, signer, received_at, timeliness, effective_timeliness,
         idempotency_key, body_hash, token_id, row_count, measure_statuses, warning_count, warnings, returned_reason, returned_at, returned_by)
       VALUES (?, ?, '2023-09-H1', ?, '岩块', ?, 'on_time', 'on_time', ?, 'hash', 'tok-old', 1, '{"1-1":"phased"}', 0, '[]', ?, ?, ?)`,
      )
      .bind(
        id,
        unitId,
        revision,
        `2023-09-1${revision}T02:00:00.000Z`,
        `key-${id}`,
        returned ? '数据不全' : null,
        returned ? '2023-09-13T00:00:00.000Z' : null,
        returned ? 'tok-old' : null,
      ),
    db
      .prepare(
        `INSERT INTO report_rows (report_id, idx, measure_id, status, progress, target, actual, rate) VALUES (?, 0, '1-1', 'phased', '走访农户120户，发现问题3个', 120, 72, 60)`,
      )
      .bind(id),
    db
      .prepare(
        `INSERT INTO report_heads (period, unit_id, report_id, revision, first_received_at, timeliness, returned)
       VALUES ('2023-09-H1', ?, ?, ?, '2023-09-11T02:00:00.000Z', 'on_time', ?)
       ON CONFLICT (period, unit_id) DO UPDATE SET report_id = excluded.report_id, revision = excluded.revision, returned = excluded.returned`,
      )
      .bind(unitId, id, revision, returned ? 1 : 0),
  ]);
}

describe('migration 0003 (plans as data)', () => {
  beforeAll(async () => {
    const before = migrations.filter((m) => m.name < '0003');
    expect(before.map((m) => m.name)).toEqual(['0001_init.sql', '0002_seed_units.sql']);
    await applyD1Migrations(db, before);
    await db
      .prepare(
        `INSERT INTO tokens (id, hash, role, unit_id, label, created_at) VALUES ('tok-old', 'h', 'unit', 'v-minliang', 'old', '2023-09-01')`,
      )
      .run();
    await writeOldReport('r-old-1', 'v-minliang', 1, true);
    await writeOldReport('r-old-2', 'v-minliang', 2, false);
    await db
      .prepare(
        `INSERT INTO missing_flags (period, unit_id, flagged_at) VALUES ('2023-08-H2', 'v-yongan', '2023-08-30T00:00:00Z')`,
      )
      .run();
    await applyD1Migrations(db, migrations);
  });

  it('attaches every earlier report to the seeded 2023 plan and keeps its revisions', async () => {
    const { reports: headers } = await listReportHeaders(db, {
      planId: DEMO_PLAN_ID,
      unitId: 'v-minliang',
      history: true,
    });
    expect(headers.map((h) => [h.reportId, h.revision, h.current, h.returned?.reason ?? null])).toEqual([
      ['r-old-2', 2, true, null],
      ['r-old-1', 1, false, '数据不全'],
    ]);
    const detail = await getReportDetail(db, 'r-old-2');
    expect(detail?.rows).toEqual([
      { measureId: '1-1', status: 'phased', progress: '走访农户120户，发现问题3个', target: 120, actual: 72, rate: 60 },
    ]);
  });

  it('seeds the plan and the units’ aliases exactly as the data file has them', async () => {
    expect(await getPlan(db, DEMO_PLAN_ID)).toEqual({ ...DEMO_PLAN, version: 1 });
    expect(await listUnits(db)).toEqual(DEMO_UNITS);
  });

  it('summarises and exports the earlier reports under the 2023 plan', async () => {
    const summary = buildSummary(DEMO_PLAN, '2023-09-H1', await unitsForPeriod(db, DEMO_PLAN_ID, '2023-09-H1'), NOW);
    const minliang = summary.units.find((u) => u.unitId === 'v-minliang');
    expect(minliang).toMatchObject({ timeliness: 'on_time', revision: 2, rowCount: 1 });
    expect(summary.totals).toMatchObject({ units: 22, on_time: 1, missing: 21 });
    const details = buildDetails(DEMO_PLAN, '2023-09-H1', await detailRows(db, DEMO_PLAN_ID, '2023-09-H1'), NOW);
    const table = exportTable(summary, details);
    expect(table.find((row) => row[1] === '民良村')).toEqual(
      expect.arrayContaining(['2023-09-H1', '按时', 2, '1-1', '走访农户120户，发现问题3个', 120, 72, 60]),
    );
  });

  it('keeps the missing flags and leaves no foreign key dangling', async () => {
    const flags = await db.prepare('SELECT plan_id, period, unit_id FROM missing_flags').all();
    expect(flags.results).toEqual([{ plan_id: DEMO_PLAN_ID, period: '2023-08-H2', unit_id: 'v-yongan' }]);
    const dangling = await db.prepare('PRAGMA foreign_key_check').all();
    expect(dangling.results).toEqual([]);
  });
});

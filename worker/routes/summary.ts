// The supervisor's views of one plan: per-period summary, 报送明细 (every unit's current rows), units × periods
// matrix, CSV export. `?plan=` names the plan; it may be left out while only one plan is active.
import { Hono } from 'hono';
import { summaryFileName } from '../../core/downloads/summary-file-name.ts';
import { MatrixQuery, SummaryQuery } from '../../core/schemas/api.ts';
import { detailRows } from '../db/details.ts';
import { matrixHeads, unitsForPeriod } from '../db/summary.ts';
import { listUnits } from '../db/units.ts';
import { AppError } from '../lib/app-error.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { toCsv } from '../lib/csv.ts';
import { buildDetails } from '../lib/details.ts';
import { exportTable } from '../lib/export-table.ts';
import { periodOfQuery, periodSpan } from '../lib/period-span.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { query } from '../lib/validate.ts';
import { closedUnitsOf } from '../lib/closed-units.ts';
import { buildMatrix, buildSummary } from '../lib/summary.ts';

/** /matrix without `from`: the six periods up to `to`. */
const MATRIX_DEFAULT_PERIODS = 6;

export const summaryRoutes = new Hono<AppEnv>()
  .get('/summary', requireRole('supervisor'), query(SummaryQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const period = periodOfQuery(plan, q.period, c.var.now);
    const [rows, closedIn] = await Promise.all([
      unitsForPeriod(c.env.DB, plan.id, period),
      closedUnitsOf(c.env.DB, plan),
    ]);
    return c.json(buildSummary(plan, period, rows, c.var.now, closedIn));
  })
  .get('/details', requireRole('supervisor'), query(SummaryQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const period = periodOfQuery(plan, q.period, c.var.now);
    return c.json(buildDetails(plan, period, await detailRows(c.env.DB, plan.id, period), c.var.now));
  })
  .get('/matrix', requireRole('supervisor'), query(MatrixQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const periods = periodSpan(plan, q, c.var.now, MATRIX_DEFAULT_PERIODS);
    const [from, to] = [periods[0]!, periods[periods.length - 1]!];
    const [units, cells, closedIn] = await Promise.all([
      listUnits(c.env.DB),
      matrixHeads(c.env.DB, plan.id, from, to),
      closedUnitsOf(c.env.DB, plan),
    ]);
    return c.json(buildMatrix(plan, periods, units, cells, c.var.now, closedIn));
  })
  .get('/export.csv', requireRole('supervisor'), query(SummaryQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const period = periodOfQuery(plan, q.period, c.var.now);
    const [units, rows, closedIn] = await Promise.all([
      unitsForPeriod(c.env.DB, plan.id, period),
      detailRows(c.env.DB, plan.id, period),
      closedUnitsOf(c.env.DB, plan),
    ]);
    const table = exportTable(
      buildSummary(plan, period, units, c.var.now, closedIn),
      buildDetails(plan, period, rows, c.var.now),
    );
    return c.body(toCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(
        'attachment',
        summaryFileName(period, 'csv'),
        `rectify-${plan.id}-${period}.csv`,
      ),
    });
  });

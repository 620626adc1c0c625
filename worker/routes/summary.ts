// The supervisor's views: per-period summary, 报送明细 (every unit's current rows), units × periods matrix, CSV export.
import { Hono } from 'hono';
import { MatrixQuery, SummaryQuery, comparePeriods, periodOf, periodsBetween, previousPeriod } from '../../core/index.ts';
import { detailRows } from '../db/details.ts';
import { matrixHeads, unitsForPeriod } from '../db/summary.ts';
import { listUnits } from '../db/units.ts';
import { AppError } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { toCsv } from '../lib/csv.ts';
import { exportTable } from '../lib/export-table.ts';
import { parseQuery } from '../lib/query.ts';
import { buildDetails } from '../lib/details.ts';
import { buildMatrix, buildSummary } from '../lib/summary.ts';

/** Longest /matrix span: three years of half-months. */
export const MATRIX_MAX_PERIODS = 72;
const MATRIX_DEFAULT_PERIODS = 6;

export const summaryRoutes = new Hono<AppEnv>()
  .get('/summary', requireRole('supervisor'), async (c) => {
    const q = parseQuery(SummaryQuery, c.req.query());
    const period = q.period ?? periodOf(c.var.now);
    return c.json(buildSummary(period, await unitsForPeriod(c.env.DB, period), c.var.now));
  })
  .get('/details', requireRole('supervisor'), async (c) => {
    const q = parseQuery(SummaryQuery, c.req.query());
    const period = q.period ?? periodOf(c.var.now);
    return c.json(buildDetails(period, await detailRows(c.env.DB, period)));
  })
  .get('/matrix', requireRole('supervisor'), async (c) => {
    const q = parseQuery(MatrixQuery, c.req.query());
    const to = q.to ?? periodOf(c.var.now);
    let from = q.from;
    if (!from) {
      from = to;
      for (let i = 1; i < MATRIX_DEFAULT_PERIODS; i++) from = previousPeriod(from);
    }
    if (comparePeriods(from, to) > 0) {
      throw new AppError(400, 'invalid_range', `起始期次 ${from} 晚于结束期次 ${to} / from is after to`, [
        { path: 'from', code: 'invalid_range', message: 'from must not be after to' },
      ]);
    }
    const periods = periodsBetween(from, to, MATRIX_MAX_PERIODS + 1);
    if (periods.length > MATRIX_MAX_PERIODS) {
      throw new AppError(400, 'range_too_large', `一次最多查询 ${MATRIX_MAX_PERIODS} 个期次 / at most ${MATRIX_MAX_PERIODS} periods`, [
        { path: 'from', code: 'too_big', message: `span from..to must be at most ${MATRIX_MAX_PERIODS} periods` },
      ]);
    }
    const [units, cells] = await Promise.all([listUnits(c.env.DB), matrixHeads(c.env.DB, from, to)]);
    return c.json(buildMatrix(periods, units, cells, c.var.now));
  })
  .get('/export.csv', requireRole('supervisor'), async (c) => {
    const q = parseQuery(SummaryQuery, c.req.query());
    const period = q.period ?? periodOf(c.var.now);
    const [units, rows] = await Promise.all([unitsForPeriod(c.env.DB, period), detailRows(c.env.DB, period)]);
    const table = exportTable(buildSummary(period, units, c.var.now), buildDetails(period, rows));
    return c.body(toCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="rectify-${period}.csv"`,
    });
  });

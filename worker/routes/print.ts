// 报送单 links: POST /reports/:id/print-link (the unit that filed it, or the supervisor) answers a URL valid for 10
// minutes that carries a random one-off token instead of the caller's bearer token; GET /print/:token serves the
// page (HTML, no script), so the add-in can open it in the system browser, where printing works on every host.
import { Hono } from 'hono';
import { calendarFor } from '../../core/calendar/schedule.ts';
import { getPlan } from '../db/plans.ts';
import { insertPrintLink, printLinkReport } from '../db/print-links.ts';
import { getReportDetail } from '../db/reports/index.ts';
import { getUnit } from '../db/units.ts';
import { reportNotFound } from '../lib/report-errors.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { linkToken, sha256Hex } from '../lib/crypto.ts';
import { expiredLinkPage, LINK_PAGE_HEADERS } from '../lib/link-page.ts';
import { printLinkLimit } from '../lib/rate-limit.ts';
import { printSheetHtml } from '../lib/print-sheet.ts';

export const PRINT_LINK_TTL_MS = 10 * 60_000;

const expiredPage = () =>
  expiredLinkPage(
    '打印链接已失效',
    '报送单的打印链接只在生成后 10 分钟内有效。请回到 Excel 任务窗格，重新点“打开打印页”。',
  );

export const printRoutes = new Hono<AppEnv>()
  .post('/reports/:id/print-link', requireRole('unit', 'supervisor'), async (c) => {
    const id = c.req.param('id');
    const detail = await getReportDetail(c.env.DB, id);
    const { role, unitId, tokenId } = c.var.auth;
    if (!detail || (role === 'unit' && detail.unitId !== unitId)) throw reportNotFound();
    const limited = await printLinkLimit(c.env, tokenId);
    if (limited) throw limited;
    const token = linkToken();
    const expiresAt = new Date(c.var.now.getTime() + PRINT_LINK_TTL_MS).toISOString();
    await insertPrintLink(c.env.DB, await sha256Hex(token), id, expiresAt);
    const url = new URL(`/api/v1/print/${token}`, c.req.url).toString();
    return c.json({ url, expiresAt }, 201);
  })
  .get('/print/:token', async (c) => {
    const reportId = await printLinkReport(c.env.DB, await sha256Hex(c.req.param('token')), c.var.now.toISOString());
    if (!reportId) return expiredPage();
    const report = await getReportDetail(c.env.DB, reportId);
    if (!report) return expiredPage();
    const [plan, unit] = await Promise.all([getPlan(c.env.DB, report.planId), getUnit(c.env.DB, report.unitId)]);
    if (!plan || !unit) return expiredPage();
    const deadline = calendarFor(plan.schedule).deadlineOf(report.period).toISOString();
    return new Response(printSheetHtml({ plan, unit, report, deadline }), { headers: LINK_PAGE_HEADERS });
  });

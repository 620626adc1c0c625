// Submitting (报送), listing, reading and returning (退回) reports.
import { Hono } from 'hono';
import { z } from 'zod';
import { calendarFor, LIMITS, PeriodId, ReturnRequest, Submission, type Plan, type Receipt } from '../../core/index.ts';
import { listUnits } from '../db/units.ts';
import { findByIdempotencyKey, getReportDetail, insertReport, listReportHeaders, returnReport } from '../db/reports.ts';
import { AppError, zodIssues } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { choosePlan } from '../lib/plan-choice.ts';
import { flag, parseQuery } from '../lib/query.ts';
import { runRules } from '../lib/rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ListQuery = z.object({ plan: z.string().optional(), period: PeriodId.optional(), history: z.enum(['0', '1', 'true', 'false']).optional() });

/** Why a period cannot be reported under this plan now, or null: it must fit the schedule, have started, be open
 * or past, and lie within the late window (LIMITS.pastPeriods periods back). */
function periodProblem(plan: Plan, period: string, now: Date): { code: string; zh: string; en: string } | null {
  const cal = calendarFor(plan.schedule);
  if (!cal.isPeriodId(period)) {
    return { code: 'period_schedule_mismatch', zh: `期次 ${period} 不符合该整改方案的报送周期（应形如 ${cal.periodIdExample}）`, en: `period must look like ${cal.periodIdExample} for this plan` };
  }
  const open = cal.periodOf(now);
  const oldest = cal.back(open, LIMITS.pastPeriods);
  if (period > open) return { code: 'period_not_open', zh: `期次 ${period} 尚未开始，当前填报期次为 ${cal.label(open)}`, en: `period must be ${open} or earlier` };
  if (period < plan.firstPeriod) {
    return { code: 'period_before_plan', zh: `期次 ${period} 早于该整改方案的首个报送期次 ${cal.label(plan.firstPeriod)}`, en: `period must be ${plan.firstPeriod} or later` };
  }
  if (period < oldest) return { code: 'period_too_old', zh: `期次 ${period} 已超出补报期限，不能再补报（最早可报 ${cal.label(oldest)}）`, en: `period must be ${oldest} or later` };
  return null;
}

function replayOrConflict(found: { receipt: Receipt; bodyHash: string }, bodyHash: string, key: string): Response {
  if (found.bodyHash !== bodyHash) {
    throw new AppError(409, 'idempotency_conflict', '同一 Idempotency-Key 已用于不同内容的报送 / key reused with a different body', [
      { path: 'Idempotency-Key', code: 'conflict', message: `${key} was used for report ${found.receipt.reportId}` },
    ]);
  }
  return Response.json(found.receipt, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
}

const isUniqueViolation = (e: unknown) => /UNIQUE constraint failed: reports\.unit_id, reports\.idempotency_key/.test(String(e));

export const reportRoutes = new Hono<AppEnv>()
  .post('/reports', requireRole('unit'), async (c) => {
    const { unitId, tokenId } = c.var.auth;
    const key = c.req.header('Idempotency-Key')?.trim();
    if (!key || !UUID.test(key)) {
      throw new AppError(400, 'idempotency_key_required', '缺少或无效的 Idempotency-Key（须为 UUID）/ Idempotency-Key must be a UUID', [
        { path: 'Idempotency-Key', code: key ? 'invalid' : 'required', message: 'send a fresh UUID per submission; reuse it only to retry' },
      ]);
    }
    const { value } = await readJsonBody(c.req.raw);
    const parsed = Submission.safeParse(value);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error.issues);
      throw new AppError(422, 'invalid_submission', `报送内容有误：${issues.map((i) => i.path).join('、')}`, issues);
    }
    const submission = parsed.data;
    const bodyHash = await sha256Hex(JSON.stringify(submission));
    const now = c.var.now;
    const [plan, units] = await Promise.all([choosePlan(c.env.DB, submission.plan, 'body'), listUnits(c.env.DB)]);
    const closed = plan.status === 'closed'
      ? { code: 'plan_closed', zh: `整改方案“${plan.title}”已结束，不再接收报送`, en: 'the plan is closed' }
      : null;
    const periodError = closed ?? periodProblem(plan, submission.period, now);
    const rules = runRules(submission, { plan, units, unitId: unitId!, now });
    if (periodError || rules.errors.length) {
      // A retry of an accepted submission gets its receipt back even if the rules now judge it differently
      // (the period has closed, a deadline has passed). Only failures pay for this lookup.
      const earlier = await findByIdempotencyKey(c.env.DB, unitId!, key);
      if (earlier) return replayOrConflict(earlier, bodyHash, key);
    }
    if (periodError) {
      throw new AppError(422, 'invalid_submission', periodError.zh, [
        { path: closed ? 'plan' : 'period', code: periodError.code, message: periodError.en, severity: 'error' },
      ]);
    }
    if (rules.errors.length) {
      throw new AppError(422, 'invalid_submission', `报送内容有误：${rules.errors.map((i) => i.path).join('、')}`, [
        ...rules.errors, ...rules.warnings,
      ]);
    }
    const cal = calendarFor(plan.schedule);
    try {
      // Insert first: the UNIQUE (unit_id, idempotency_key) constraint detects a replay, so a first delivery costs
      // one D1 round trip after authentication instead of two.
      const receipt = await insertReport(c.env.DB, {
        id: crypto.randomUUID(),
        planId: plan.id,
        deadline: cal.deadlineOf(submission.period),
        unitId: unitId!,
        tokenId,
        idempotencyKey: key,
        bodyHash,
        receivedAt: now.toISOString(),
        timeliness: cal.timelinessOf(submission.period, now, now) as 'on_time' | 'late',
        submission,
        warnings: rules.warnings,
      });
      return c.json(receipt, 201);
    } catch (e) {
      // A replay, or two concurrent requests with one key: answer from the stored row.
      if (!isUniqueViolation(e)) throw e;
      const winner = await findByIdempotencyKey(c.env.DB, unitId!, key);
      if (!winner) throw e;
      return replayOrConflict(winner, bodyHash, key);
    }
  })
  .get('/reports', requireRole('unit', 'supervisor'), async (c) => {
    const q = parseQuery(ListQuery, c.req.query());
    const { role, unitId } = c.var.auth;
    const history = flag(q.history);
    const plan = await choosePlan(c.env.DB, q.plan);
    const reports =
      role === 'unit'
        ? await listReportHeaders(c.env.DB, { planId: plan.id, unitId: unitId!, period: q.period, history })
        : await listReportHeaders(c.env.DB, { planId: plan.id, period: q.period ?? calendarFor(plan.schedule).periodOf(c.var.now), history });
    return c.json({ reports });
  })
  .get('/reports/:id', requireRole('unit', 'supervisor'), async (c) => {
    const detail = await getReportDetail(c.env.DB, c.req.param('id'));
    const { role, unitId } = c.var.auth;
    // Another unit's report answers exactly like a missing one, so ids reveal nothing.
    if (!detail || (role === 'unit' && detail.unitId !== unitId)) {
      throw new AppError(404, 'not_found', '报送记录不存在 / report not found');
    }
    return c.json(detail);
  })
  .post('/reports/:id/return', requireRole('supervisor'), async (c) => {
    const { value } = await readJsonBody(c.req.raw);
    const parsed = ReturnRequest.safeParse(value);
    if (!parsed.success) {
      throw new AppError(422, 'invalid_return', '退回原因必填 / reason is required', zodIssues(parsed.error.issues));
    }
    const id = c.req.param('id');
    const outcome = await returnReport(c.env.DB, id, parsed.data.reason, c.var.now.toISOString(), c.var.auth.tokenId);
    if (outcome === 'not_found') throw new AppError(404, 'not_found', '报送记录不存在 / report not found');
    if (outcome === 'not_current') {
      throw new AppError(409, 'not_current_revision', '只能退回最新版本 / only the current revision can be returned');
    }
    if (outcome === 'already_returned') throw new AppError(409, 'already_returned', '该报送已被退回 / already returned');
    return c.json(await getReportDetail(c.env.DB, id));
  });

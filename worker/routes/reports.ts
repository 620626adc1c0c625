// Submitting (报送), listing, reading and returning (退回) reports.
import { Hono } from 'hono';
import { z } from 'zod';
import { calendarFor, chineseDateTime, LIMITS, oldestReportable, PeriodId, ReturnRequest, Submission, UnitId, type Plan } from '../../core/index.ts';
import { findByIdempotencyKey, getReportDetail, insertReport, LIST_LIMIT, listReportHeaders, returnReport, unreturnReport, type StoredSubmission } from '../db/reports.ts';
import { AppError, zodIssues } from '../lib/app-error.ts';
import { authenticateRequest, bearerToken, countAuthFailure, invalidToken, requireRole, revokedToken, type AppEnv, type Auth } from '../lib/auth.ts';
import { claimedUnit, sha256Hex } from '../lib/crypto.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { choosePlan } from '../lib/plan-choice.ts';
import { submissionPlan } from '../lib/plan-snapshot.ts';
import { flag, parseQuery } from '../lib/query.ts';
import { submitLimit } from '../lib/rate-limit.ts';
import { runRules } from '../lib/rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ListQuery = z.object({
  plan: z.string().optional(),
  period: PeriodId.optional(),
  history: z.enum(['0', '1', 'true', 'false']).optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'limit must be a whole number').transform(Number).pipe(z.number().int().min(1).max(LIST_LIMIT)).optional(),
});

/** Why a period cannot be reported under this plan now, or null: it must fit the schedule, have started, be open
 * or past, and lie within the late window (LIMITS.pastPeriods periods back). */
function periodProblem(plan: Plan, period: string, now: Date): { code: string; zh: string; en: string } | null {
  const cal = calendarFor(plan.schedule);
  if (!cal.isPeriodId(period)) {
    return { code: 'period_schedule_mismatch', zh: `期次 ${period} 不符合该整改方案的报送周期（应形如 ${cal.periodIdExample}）`, en: `period must look like ${cal.periodIdExample} for this plan` };
  }
  const open = cal.periodOf(now);
  const oldest = oldestReportable(cal, now);
  if (period > open) return { code: 'period_not_open', zh: `期次 ${period} 尚未开始，当前填报期次为 ${cal.label(open)}`, en: `period must be ${open} or earlier` };
  if (period < plan.firstPeriod) {
    return { code: 'period_before_plan', zh: `期次 ${period} 早于该整改方案的首个报送期次 ${cal.label(plan.firstPeriod)}`, en: `period must be ${plan.firstPeriod} or later` };
  }
  if (period < oldest) return { code: 'period_too_old', zh: `期次 ${period} 已超出补报期限，不能再补报（最早可报 ${cal.label(oldest)}）`, en: `period must be ${oldest} or later` };
  return null;
}

function replayOrConflict(found: StoredSubmission, bodyHash: string, key: string): Response {
  if (found.bodyHash !== bodyHash) {
    throw new AppError(409, 'idempotency_conflict', '同一 Idempotency-Key 已用于不同内容的报送 / key reused with a different body', [
      { path: 'Idempotency-Key', code: 'conflict', message: `${key} was used for report ${found.receipt.reportId}` },
    ]);
  }
  // The old receipt would read as success although the supervisor has since sent that report back.
  if (found.returned) {
    throw new AppError(409, 'report_returned', `该报送已被退回（原因：${found.returned.reason}），请修改后重新提交 / this report was returned; submit a new one`, [
      { path: 'Idempotency-Key', code: 'returned', message: `该报送已于${chineseDateTime(found.returned.at)}被退回，原因：${found.returned.reason}。请修改后重新提交。` },
    ]);
  }
  return Response.json(found.receipt, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
}

const isUniqueViolation = (e: unknown) => /UNIQUE constraint failed: reports\.unit_id, reports\.idempotency_key/.test(String(e));

export const reportRoutes = new Hono<AppEnv>()
  .post('/reports', async (c) => {
    const token = bearerToken(c.req.header('Authorization'));
    const claimed = token ? claimedUnit(token) : null;
    // A token naming its unit (`<unit id>.rt_…`) is checked inside the insert: one D1 round trip per submission.
    // Other tokens (older unit tokens, wrong roles, garbage) are looked up first, as on every other route.
    let auth: Auth | null = claimed && UnitId.safeParse(claimed).success ? null : await authenticateRequest(c, ['unit']);
    // Before answering anything but 201, make sure the caller is who the token says (a 422 must not tell an
    // unknown caller more than a 401 would). Only failures pay for this lookup.
    const verified = async () => (auth ??= await authenticateRequest(c, ['unit']));
    const fail = async (err: AppError): Promise<never> => {
      await verified();
      throw err;
    };
    const unitId = auth?.unitId ?? claimed!;
    const tokenHash = auth?.tokenHash ?? (await sha256Hex(token!));
    const limited = await submitLimit(c.env, tokenHash);
    if (limited) return fail(limited);
    // UUIDs are case-insensitive: store one spelling so an upper-case retry is a replay, not a new revision.
    const key = c.req.header('Idempotency-Key')?.trim().toLowerCase();
    if (!key || !UUID.test(key)) {
      return fail(new AppError(400, 'idempotency_key_required', '缺少或无效的 Idempotency-Key（须为 UUID）/ Idempotency-Key must be a UUID', [
        { path: 'Idempotency-Key', code: key ? 'invalid' : 'required', message: 'send a fresh UUID per submission; reuse it only to retry' },
      ]));
    }
    const { value } = await readJsonBody(c.req.raw).catch(fail);
    const parsed = Submission.safeParse(value);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error.issues);
      return fail(new AppError(422, 'invalid_submission', `报送内容有误：${issues.map((i) => i.path).join('、')}`, issues));
    }
    const submission = parsed.data;
    const bodyHash = await sha256Hex(JSON.stringify(submission));
    const now = c.var.now;
    // Judged against the isolate's snapshot of the plans; the insert checks the snapshot was current, and a stale
    // one (the plan edited or closed meanwhile) is reloaded and the submission judged again, once.
    for (let fresh = false; ; fresh = true) {
      const { plan, units, version, soleActive } = await submissionPlan(c.env.DB, submission.plan, fresh);
      const closed = plan.status === 'closed'
        ? { code: 'plan_closed', zh: `整改方案“${plan.title}”已结束，不再接收报送`, en: 'the plan is closed' }
        : null;
      const periodError = closed ?? periodProblem(plan, submission.period, now);
      const rules = runRules(submission, { plan, units, unitId, now });
      if (periodError || rules.errors.length) {
        await verified();
        // A retry of an accepted submission gets its receipt back even if the rules now judge it differently
        // (the period has closed, a deadline has passed). Only failures pay for this lookup.
        const earlier = await findByIdempotencyKey(c.env.DB, unitId, key);
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
      let outcome: Awaited<ReturnType<typeof insertReport>>;
      try {
        // Insert first: the UNIQUE (unit_id, idempotency_key) constraint detects a replay, and the token and the
        // plan are checked by the same statement, so a first delivery costs exactly one D1 round trip.
        outcome = await insertReport(c.env.DB, {
          id: crypto.randomUUID(),
          planId: plan.id,
          planVersion: version,
          soleActive,
          deadline: cal.deadlineOf(submission.period),
          unitId,
          token: auth ? { id: auth.tokenId } : { hash: tokenHash },
          idempotencyKey: key,
          bodyHash,
          receivedAt: now.toISOString(),
          timeliness: cal.timelinessOf(submission.period, now, now) as 'on_time' | 'late',
          submission,
          warnings: rules.warnings,
        });
      } catch (e) {
        // A replay, or two concurrent requests with one key: answer from the stored row. The violation can only
        // happen once the insert's token check passed, so the caller is that unit.
        if (!isUniqueViolation(e)) throw e;
        const winner = await findByIdempotencyKey(c.env.DB, unitId, key);
        if (!winner) throw e;
        return replayOrConflict(winner, bodyHash, key);
      }
      if (!('refused' in outcome)) return c.json(outcome, 201);
      if (outcome.refused === 'plan_changed') {
        if (!fresh) continue;
        throw new AppError(409, 'plan_changed', '整改方案刚刚被修改，请重新校验后再提交 / the plan changed while submitting; submit again', [
          { path: 'plan', code: 'plan_changed', message: 'the plan was edited or closed during this request' },
        ]);
      }
      if (outcome.refused === 'revision_limit') {
        throw new AppError(409, 'revision_limit', `本期次已有 ${LIMITS.revisionsPerPeriod} 个版本，不能再提交；如需更正请联系乡村振兴办 / at most ${LIMITS.revisionsPerPeriod} revisions per unit and period`, [
          { path: 'period', code: 'revision_limit', message: `${submission.period} already holds ${LIMITS.revisionsPerPeriod} revisions of this unit's report` },
        ]);
      }
      const err = outcome.refused === 'token_revoked' ? revokedToken(outcome.at) : invalidToken();
      throw (await countAuthFailure(c, err)) ?? err;
    }
  })
  .get('/reports', requireRole('unit', 'supervisor'), async (c) => {
    const q = parseQuery(ListQuery, c.req.query());
    const { role, unitId } = c.var.auth;
    const history = flag(q.history);
    const plan = await choosePlan(c.env.DB, q.plan);
    const listed =
      role === 'unit'
        ? await listReportHeaders(c.env.DB, { planId: plan.id, unitId: unitId!, period: q.period, history, limit: q.limit })
        : await listReportHeaders(c.env.DB, { planId: plan.id, period: q.period ?? calendarFor(plan.schedule).periodOf(c.var.now), history, limit: q.limit });
    // truncated: the list stopped at the limit; narrow it with period= to see the rest.
    return c.json(listed);
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
      const issues = zodIssues(parsed.error.issues);
      throw new AppError(422, 'invalid_return', `退回原因有误：${issues.map((i) => i.message).join('；')}`, issues);
    }
    const id = c.req.param('id');
    const outcome = await returnReport(c.env.DB, id, parsed.data.reason, c.var.now.toISOString(), c.var.auth.tokenId);
    if (outcome === 'not_found') throw new AppError(404, 'not_found', '报送记录不存在 / report not found');
    if (outcome === 'not_current') {
      throw new AppError(409, 'not_current_revision', '只能退回最新版本 / only the current revision can be returned');
    }
    if (outcome === 'already_returned') throw new AppError(409, 'already_returned', '该报送已被退回 / already returned');
    return c.json(await getReportDetail(c.env.DB, id));
  })
  .post('/reports/:id/unreturn', requireRole('supervisor'), async (c) => {
    const id = c.req.param('id');
    const outcome = await unreturnReport(c.env.DB, id);
    if (outcome === 'not_found') throw new AppError(404, 'not_found', '报送记录不存在 / report not found');
    if (outcome === 'not_current') {
      throw new AppError(409, 'not_current_revision', '该单位已重新报送，不能再撤销对旧版本的退回 / the unit has filed again; the return stays');
    }
    if (outcome === 'not_returned') throw new AppError(409, 'not_returned', '该报送未被退回，无需撤销 / this report is not returned');
    return c.json(await getReportDetail(c.env.DB, id));
  });

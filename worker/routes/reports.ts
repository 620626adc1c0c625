// Submitting (报送), listing, reading and returning (退回) reports.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  comparePeriods, LIMITS, periodLabel, unitById, periodOf, PeriodId, periodsBack, ReturnRequest, Submission, timelinessOf, type Receipt,
} from '../../core/index.ts';
import { findByIdempotencyKey, getReportDetail, insertReport, LIST_LIMIT, listReportHeaders, returnReport, type StoredSubmission } from '../db/reports.ts';
import { AppError, zodIssues } from '../lib/app-error.ts';
import { authenticateRequest, bearerToken, countAuthFailure, invalidToken, requireRole, revokedToken, type AppEnv, type Auth } from '../lib/auth.ts';
import { claimedUnit, sha256Hex } from '../lib/crypto.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { flag, parseQuery } from '../lib/query.ts';
import { submitLimit } from '../lib/rate-limit.ts';
import { runRules } from '../lib/rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ListQuery = z.object({
  period: PeriodId.optional(),
  history: z.enum(['0', '1', 'true', 'false']).optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'limit must be a whole number').transform(Number).pipe(z.number().int().min(1).max(LIST_LIMIT)).optional(),
});

function replayOrConflict(found: StoredSubmission, bodyHash: string, key: string): Response {
  if (found.bodyHash !== bodyHash) {
    throw new AppError(409, 'idempotency_conflict', '同一 Idempotency-Key 已用于不同内容的报送 / key reused with a different body', [
      { path: 'Idempotency-Key', code: 'conflict', message: `${key} was used for report ${found.receipt.reportId}` },
    ]);
  }
  // The old receipt would read as success although the supervisor has since sent that report back.
  if (found.returned) {
    throw new AppError(409, 'report_returned', `该报送已被退回（原因：${found.returned.reason}），请修改后重新提交 / this report was returned; submit a new one`, [
      { path: 'Idempotency-Key', code: 'returned', message: `report ${found.receipt.reportId} was returned at ${found.returned.at}` },
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
    let auth: Auth | null = claimed && unitById(claimed) ? null : await authenticateRequest(c, ['unit']);
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
    const open = periodOf(now);
    const rules = runRules(submission, { unitId, now });
    const oldest = periodsBack(open, LIMITS.pastPeriods);
    const periodError = comparePeriods(submission.period, open) > 0
      ? { code: 'period_not_open', zh: `期次 ${submission.period} 尚未开始，当前填报期次为 ${periodLabel(open)}`, en: `period must be ${open} or earlier` }
      : comparePeriods(submission.period, oldest) < 0
        ? { code: 'period_too_old', zh: `期次 ${submission.period} 已超过一年，不能再补报（最早可报 ${periodLabel(oldest)}）`, en: `period must be ${oldest} or later` }
        : null;
    if (periodError || rules.errors.length) {
      await verified();
      // A retry of an accepted submission gets its receipt back even if the rules now judge it differently
      // (the period has closed, a deadline has passed). Only failures pay for this lookup.
      const earlier = await findByIdempotencyKey(c.env.DB, unitId, key);
      if (earlier) return replayOrConflict(earlier, bodyHash, key);
    }
    if (periodError) {
      throw new AppError(422, 'invalid_submission', periodError.zh, [
        { path: 'period', code: periodError.code, message: periodError.en, severity: 'error' },
      ]);
    }
    if (rules.errors.length) {
      throw new AppError(422, 'invalid_submission', `报送内容有误：${rules.errors.map((i) => i.path).join('、')}`, [
        ...rules.errors, ...rules.warnings,
      ]);
    }
    let outcome: Awaited<ReturnType<typeof insertReport>>;
    try {
      // Insert first: the UNIQUE (unit_id, idempotency_key) constraint detects a replay, and the token is checked
      // by the same statement, so a first delivery costs exactly one D1 round trip.
      outcome = await insertReport(c.env.DB, {
        id: crypto.randomUUID(),
        unitId,
        token: auth ? { id: auth.tokenId } : { hash: tokenHash },
        idempotencyKey: key,
        bodyHash,
        receivedAt: now.toISOString(),
        timeliness: timelinessOf(submission.period, now, now) as 'on_time' | 'late',
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
    if ('refused' in outcome) {
      if (outcome.refused === 'revision_limit') {
        throw new AppError(409, 'revision_limit', `本期次已有 ${LIMITS.revisionsPerPeriod} 个版本，不能再提交；如需更正请联系乡村振兴办 / at most ${LIMITS.revisionsPerPeriod} revisions per unit and period`, [
          { path: 'period', code: 'revision_limit', message: `${submission.period} already holds ${LIMITS.revisionsPerPeriod} revisions of this unit's report` },
        ]);
      }
      const err = outcome.refused === 'token_revoked' ? revokedToken(outcome.at) : invalidToken();
      throw (await countAuthFailure(c, err)) ?? err;
    }
    return c.json(outcome, 201);
  })
  .get('/reports', requireRole('unit', 'supervisor'), async (c) => {
    const q = parseQuery(ListQuery, c.req.query());
    const { role, unitId } = c.var.auth;
    const history = flag(q.history);
    const listed =
      role === 'unit'
        ? await listReportHeaders(c.env.DB, { unitId: unitId!, period: q.period, history, limit: q.limit })
        : await listReportHeaders(c.env.DB, { period: q.period ?? periodOf(c.var.now), history, limit: q.limit });
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
  });

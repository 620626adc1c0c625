// submitReport(): the one decision about a submission (报送). It judges the body against the plan and the core rules,
// stores it with one D1 batch, and returns what happened — accepted, replayed (the same Idempotency-Key and body
// again) or refused with a reason. It knows nothing of HTTP: routes/reports.ts maps the outcome to a status code.
// One file past ~200 lines on purpose: the checks, the one retry rule and the replay read as one path, top to bottom.
import { calendarFor } from '../../core/calendar/schedule.ts';
import { oldestReportable } from '../../core/reports/unit-status.ts';
import type { ApiIssue } from '../../core/schemas/api.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import type { FiledTimeliness, Receipt, Submission } from '../../core/schemas/submission.ts';
import { closedMeasureIds } from '../db/closures.ts';
import { findByIdempotencyKey, insertReport, type StoredSubmission } from '../db/reports/index.ts';
import type { Submitter } from './auth.ts';
import { sha256Hex } from './crypto.ts';
import { pickPlan } from './plan-choice.ts';
import { planSnapshot } from './plan-snapshot.ts';
import { checkRowEvidence } from './row-evidence.ts';
import { runRules } from './rules.ts';

/** Why a submission was not stored. */
export type Refusal =
  /** The plan is closed, the period does not fit it, or the core rules found errors (issues name the fields). */
  | { reason: 'invalid'; issues: ApiIssue[]; message?: { zh: string; en: string } }
  /** The key was used before for a different body (`reportId` holds that body). */
  | { reason: 'key_conflict'; key: string; reportId: string }
  /** The key's report has since been sent back (退回): its old receipt would read as success. */
  | { reason: 'returned'; returned: { reason: string; at: string } }
  /** The plan changed while the submission was being judged, twice. */
  | { reason: 'plan_changed' }
  | { reason: 'revision_limit'; period: string }
  | { reason: 'invalid_token' }
  | { reason: 'token_revoked'; at: string }
  | { reason: 'unit_inactive' };

export type SubmitOutcome =
  | { kind: 'accepted'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  | { kind: 'refused'; refusal: Refusal };

export interface SubmitInput {
  submitter: Submitter;
  /** The Idempotency-Key, lower case. */
  key: string;
  submission: Submission;
  now: Date;
}

const refused = (refusal: Refusal): SubmitOutcome => ({ kind: 'refused', refusal });

/** Why a period cannot be reported under this plan now, or null: it must fit the schedule, have started, be open
 * or past, and lie within the late window (LIMITS.pastPeriods periods back). */
function periodProblem(plan: Plan, period: string, now: Date): ApiIssue | null {
  const cal = calendarFor(plan.schedule);
  const issue = (code: string, zh: string, en: string): ApiIssue => ({
    path: 'period',
    code,
    message: zh,
    messageEn: en,
    severity: 'error',
  });
  if (plan.status === 'closed') {
    return {
      ...issue('plan_closed', `整改方案“${plan.title}”已结束，不再接收报送`, 'the plan is closed'),
      path: 'planId',
    };
  }
  if (!cal.isPeriodId(period)) {
    return issue(
      'period_schedule_mismatch',
      `期次 ${period} 不符合该整改方案的报送周期（应形如 ${cal.periodIdExample}）`,
      `period must look like ${cal.periodIdExample} for this plan`,
    );
  }
  const open = cal.periodOf(now);
  const oldest = oldestReportable(cal, now);
  if (period > open)
    return issue(
      'period_not_open',
      `期次 ${period} 尚未开始，当前填报期次为 ${cal.label(open)}`,
      `period must be ${open} or earlier`,
    );
  if (period < plan.firstPeriod) {
    return issue(
      'period_before_plan',
      `期次 ${period} 早于该整改方案的首个报送期次 ${cal.label(plan.firstPeriod)}`,
      `period must be ${plan.firstPeriod} or later`,
    );
  }
  if (period < oldest)
    return issue(
      'period_too_old',
      `期次 ${period} 已超出补报期限，不能再补报（最早可报 ${cal.label(oldest)}）`,
      `period must be ${oldest} or later`,
    );
  return null;
}

/** The stored submission under this key answers a retry: the same body is a replay, another body a conflict. */
function replayOf(
  found: StoredSubmission,
  bodyHash: string,
  key: string,
  withFiles: (r: Receipt) => Receipt = (r) => r,
): SubmitOutcome {
  if (found.bodyHash !== bodyHash) return refused({ reason: 'key_conflict', key, reportId: found.receipt.reportId });
  if (found.returned) return refused({ reason: 'returned', returned: found.returned });
  return { kind: 'replayed', receipt: withFiles(found.receipt) };
}

const isUniqueViolation = (e: unknown) =>
  /UNIQUE constraint failed: reports\.unit_id, reports\.idempotency_key/.test(String(e));

async function attempt(db: D1Database, input: SubmitInput, bodyHash: string, fresh: boolean): Promise<SubmitOutcome> {
  const { submitter, key, submission, now } = input;
  const snapshot = await planSnapshot(db, fresh);
  let chosen;
  try {
    chosen = pickPlan(
      snapshot.plans.map((p) => p.plan),
      submission.planId,
      'body',
      'planId',
    );
  } catch (e) {
    if (fresh) throw e;
    return refused({ reason: 'plan_changed' }); // a plan published or closed since the snapshot was taken
  }
  const plan = chosen;
  const version = snapshot.plans.find((p) => p.plan.id === plan.id)!.version;
  const periodIssue = periodProblem(plan, submission.period, now);
  let rules = runRules(submission, { plan, units: snapshot.units, unitId: submitter.unitId, now });
  // Rows may be left out only for measures already 已销号; that is looked up only when rows are missing.
  if (rules.errors.length && rules.errors.every((e) => e.code === 'measure_missing')) {
    const closed = await closedMeasureIds(db, plan.id, submitter.unitId);
    if (closed.size)
      rules = runRules(submission, {
        plan,
        units: snapshot.units,
        unitId: submitter.unitId,
        now,
        closedMeasureIds: closed,
      });
  }
  // 佐证材料 named by rows must be this unit's files of this plan (one query, only when a row names a file).
  const evidence = await checkRowEvidence(db, submitter.unitId, plan.id, submission.rows);
  const withFiles = (receipt: Receipt): Receipt =>
    evidence.refs.length ? { ...receipt, evidence: evidence.refs } : receipt;
  rules.errors.push(...evidence.issues);
  if (periodIssue || rules.errors.length) {
    await submitter.verify();
    // A retry of an accepted submission gets its receipt back even if the rules now judge it differently (the
    // period has closed, a deadline has passed). Only failures pay for this lookup.
    const earlier = await findByIdempotencyKey(db, submitter.unitId, key);
    if (earlier) return replayOf(earlier, bodyHash, key, withFiles);
    if (periodIssue)
      return refused({
        reason: 'invalid',
        issues: [periodIssue],
        message: { zh: periodIssue.message, en: periodIssue.messageEn! },
      });
    return refused({ reason: 'invalid', issues: [...rules.errors, ...rules.warnings] });
  }
  const cal = calendarFor(plan.schedule);
  try {
    // Insert first: the UNIQUE (unit_id, idempotency_key) constraint detects a replay, and the token and the plan
    // are checked by the same statement, so a first delivery costs exactly one D1 round trip.
    const outcome = await insertReport(db, {
      id: crypto.randomUUID(),
      planId: plan.id,
      planVersion: version,
      soleActive: submission.planId === undefined,
      unitId: submitter.unitId,
      token: submitter.guard,
      idempotencyKey: key,
      bodyHash,
      receivedAt: now.toISOString(),
      arrival: cal.timelinessOf(submission.period, now, now) as FiledTimeliness,
      submission,
      warnings: rules.warnings,
    });
    if (!('refused' in outcome)) return { kind: 'accepted', receipt: withFiles(outcome) };
    if (outcome.refused === 'revision_limit') return refused({ reason: 'revision_limit', period: submission.period });
    return refused(
      outcome.refused === 'token_revoked' ? { reason: 'token_revoked', at: outcome.at } : { reason: outcome.refused },
    );
  } catch (e) {
    // A replay, or two concurrent requests with one key: answer from the stored row. The violation can only happen
    // once the insert's token check passed, so the caller is that unit.
    if (!isUniqueViolation(e)) throw e;
    const winner = await findByIdempotencyKey(db, submitter.unitId, key);
    if (!winner) throw e;
    return replayOf(winner, bodyHash, key, withFiles);
  }
}

/** Hashed in the shape bodies had before `plan` was named `planId`, so a key sent across that change still replays. */
const hashedShape = ({ planId, ...rest }: Submission) => (planId === undefined ? rest : { plan: planId, ...rest });

/**
 * Judges and stores one submission. The one retry rule: a verdict reached on the isolate's kept copy of the plans
 * that the database contradicts (the plan is unknown to the copy, or the insert finds it changed) is reached again,
 * once, on a fresh copy.
 */
export async function submitReport(db: D1Database, input: SubmitInput): Promise<SubmitOutcome> {
  const bodyHash = await sha256Hex(JSON.stringify(hashedShape(input.submission)));
  const first = await attempt(db, input, bodyHash, false);
  if (first.kind === 'refused' && first.refusal.reason === 'plan_changed') return attempt(db, input, bodyHash, true);
  return first;
}

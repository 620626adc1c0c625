// 销号 transitions as the Worker performs them: check the request against the plan, the pair's state (core's
// closureTransition), the unit's own files, then record event and state in one guarded batch. Each function returns
// an outcome; the route turns it into a status code.
// One file past ~200 lines on purpose: 申请, 核查 and 重新打开 are three uses of one guarded transition (transit).
import {
  closureRefusalMessage,
  closureTransition,
  type ClosureAction,
  type ClosureApplication,
  type ClosureReopen,
  type ClosureVerdict,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { recordTransition, type Transition } from '../db/closures.ts';
import { pairViews, type PairView } from './closure-pairs.ts';
import { missingPair, ownEvidence } from './pair-checks.ts';

export interface Actor {
  tokenId: string;
  label: string;
}

export interface Refusal {
  status: 404 | 409 | 422;
  code: string;
  path: string;
  message: { zh: string; en: string };
}

export type ClosureOutcome = { kind: 'recorded'; pair: PairView } | { kind: 'refused'; refusal: Refusal };

interface PairRequest {
  db: D1Database;
  plan: Plan;
  measureId: string;
  unitId: string;
  actor: Actor;
  now: Date;
}

const refused = (status: Refusal['status'], code: string, path: string, zh: string, en: string): ClosureOutcome => ({
  kind: 'refused',
  refusal: { status, code, path, message: { zh, en } },
});

/** State conflicts are 409; a request that can never succeed as written is 422. */
const CONFLICTS = new Set(['already_applied', 'already_closed', 'not_applied', 'not_closed']);

async function currentPair(r: PairRequest): Promise<PairView | ClosureOutcome> {
  const missing = missingPair(r.plan, r.measureId, r.unitId);
  if (missing) return refused(404, missing.code, missing.path, missing.zh, missing.en);
  const views = await pairViews(r.db, r.plan, r.now, r.unitId);
  return views.find((v) => v.measureId === r.measureId)!;
}

async function transit(
  r: PairRequest,
  pair: PairView,
  action: ClosureAction,
  write: (p: PairView) => Pick<Transition, 'next' | 'event'>,
): Promise<ClosureOutcome> {
  const t = closureTransition(pair.state, action);
  if (!t.ok) {
    const m = closureRefusalMessage(t.refusal);
    return refused(CONFLICTS.has(t.refusal.code) ? 409 : 422, t.refusal.code, t.refusal.path, m.zh, m.en);
  }
  const result = await recordTransition(r.db, {
    planId: r.plan.id,
    measureId: r.measureId,
    unitId: r.unitId,
    fromVersion: pair.version,
    ...write(pair),
    tokenId: r.actor.tokenId,
    byLabel: r.actor.label,
    at: r.now.toISOString(),
  });
  if (result === 'conflict') {
    return refused(
      409,
      'closure_conflict',
      'measureId',
      '该措施的销号状态刚被他人更新，请刷新后重试。',
      'the pair changed meanwhile; reload and retry',
    );
  }
  const after = await currentPair(r);
  return 'kind' in after ? after : { kind: 'recorded', pair: after };
}

/** 申请销号 by the responsible unit, with its 整改情况 and at least one of its own evidence files. */
export async function applyForClosure(r: PairRequest & { body: ClosureApplication }): Promise<ClosureOutcome> {
  if (r.plan.status !== 'active')
    return refused(409, 'plan_closed', 'plan', '该整改方案已结束，不能再申请销号。', 'the plan is closed');
  const pair = await currentPair(r);
  if ('kind' in pair) return pair;
  const { own, foreign } = await ownEvidence(r.db, r.plan.id, r.unitId, r.body.evidenceIds);
  if (foreign) return refused(422, foreign.code, foreign.path, foreign.zh, foreign.en);
  const measure = r.plan.measures.find((m) => m.id === r.measureId)!;
  const action: ClosureAction = {
    kind: 'apply',
    part: r.body.part,
    latestStatus: pair.latestStatus,
    deadline: measure.deadline,
    evidenceCount: own.size,
  };
  const at = r.now.toISOString();
  return transit(r, pair, action, (p) => ({
    next: {
      state: 'applied',
      part: r.body.part,
      extendedDeadline: p.extendedDeadline,
      rejectionPending: false,
      appliedAt: at,
      closedAt: null,
    },
    event: {
      kind: 'applied',
      part: r.body.part,
      text: r.body.summary,
      verifiedOn: null,
      extendedDeadline: null,
      evidenceIds: [...own],
    },
  }));
}

/** 核查: 已销号 with the 核查意见, or 驳回 with a reason and a 限期 that replaces the deadline for the pair. */
export async function decideClosure(r: PairRequest & { body: ClosureVerdict }): Promise<ClosureOutcome> {
  const today = cstDate(r.now);
  if (r.body.verifiedOn > today) {
    return refused(
      422,
      'verified_on_future',
      'verifiedOn',
      `核查日期 ${r.body.verifiedOn} 晚于今天（${today}）`,
      'verifiedOn is in the future',
    );
  }
  const pair = await currentPair(r);
  if ('kind' in pair) return pair;
  const at = r.now.toISOString();
  if (r.body.decision === 'close') {
    return transit(r, pair, { kind: 'close' }, (p) => ({
      next: {
        state: 'closed',
        part: p.part,
        extendedDeadline: p.extendedDeadline,
        rejectionPending: false,
        appliedAt: p.appliedAt,
        closedAt: at,
      },
      event: {
        kind: 'closed',
        part: p.part,
        text: r.body.opinion,
        verifiedOn: r.body.verifiedOn,
        extendedDeadline: null,
        evidenceIds: [],
      },
    }));
  }
  const extendedDeadline = r.body.extendedDeadline;
  return transit(r, pair, { kind: 'reject', extendedDeadline, today }, () => ({
    next: {
      state: 'in_progress',
      part: null,
      extendedDeadline: extendedDeadline ?? null,
      rejectionPending: true,
      appliedAt: null,
      closedAt: null,
    },
    event: {
      kind: 'rejected',
      part: null,
      text: r.body.opinion,
      verifiedOn: r.body.verifiedOn,
      extendedDeadline: extendedDeadline ?? null,
      evidenceIds: [],
    },
  }));
}

/** 重新打开 a closed pair, with the reason. */
export async function reopenClosure(r: PairRequest & { body: ClosureReopen }): Promise<ClosureOutcome> {
  const pair = await currentPair(r);
  if ('kind' in pair) return pair;
  return transit(r, pair, { kind: 'reopen' }, (p) => ({
    next: {
      state: 'in_progress',
      part: null,
      extendedDeadline: p.extendedDeadline,
      rejectionPending: false,
      appliedAt: null,
      closedAt: null,
    },
    event: {
      kind: 'reopened',
      part: null,
      text: r.body.reason,
      verifiedOn: null,
      extendedDeadline: null,
      evidenceIds: [],
    },
  }));
}

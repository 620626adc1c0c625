// The plans and units a submission is judged against, kept in the isolate between requests so that a submission
// costs one D1 round trip (the insert). A kept copy may be stale (a plan edited, closed or published since), so
// the insert itself checks, in the same statement, that the plan it was judged against is still current — same
// version, still active, and (when the body named no plan) still the only active one. A refused insert reloads the
// snapshot and judges again: staleness costs a retry, never a wrong verdict.
import type { Plan, Unit } from '../../core/index.ts';
import { planVersionsStatement, toPlanVersions } from '../db/plans.ts';
import { toUnits, unitsStatement } from '../db/units.ts';
import { pickPlan } from './plan-choice.ts';

/** How long a snapshot is trusted before it is reloaded anyway (keeps unit renames from lingering). */
const MAX_AGE_MS = 60_000;

interface Snapshot {
  plans: { plan: Plan; version: number }[];
  units: Unit[];
  loadedAt: number;
}

let kept: Snapshot | undefined;

/** Called after this isolate changes a plan, so its next submission sees the change without a retry. */
export function forgetPlans(): void {
  kept = undefined;
}

async function snapshot(db: D1Database, fresh: boolean): Promise<Snapshot> {
  if (!fresh && kept && Date.now() - kept.loadedAt < MAX_AGE_MS) return kept;
  // One round trip for both, in a cold isolate or after MAX_AGE_MS.
  const [plans, units] = await db.batch([planVersionsStatement(db), unitsStatement(db)]);
  kept = { plans: toPlanVersions(plans!.results), units: toUnits(units!.results), loadedAt: Date.now() };
  return kept;
}

export interface SubmissionPlan {
  plan: Plan;
  units: Unit[];
  /** The plan's version the verdict was reached on; the insert requires it still. */
  version: number;
  /** True when the body named no plan: the insert also requires that it is still the only active plan. */
  soleActive: boolean;
}

/** The plan a submission is for: the one its body names, or the only active one (lib/plan-choice.ts decides). */
export async function submissionPlan(db: D1Database, named: string | undefined, fresh = false): Promise<SubmissionPlan> {
  const s = await snapshot(db, fresh);
  let plan: Plan;
  try {
    plan = pickPlan(s.plans.map((p) => p.plan), named, 'body');
  } catch (err) {
    // A plan published or closed since the snapshot was taken: look again before answering.
    if (!fresh) return submissionPlan(db, named, true);
    throw err;
  }
  const version = s.plans.find((p) => p.plan.id === plan.id)!.version;
  return { plan, version, units: s.units, soleActive: named === undefined };
}

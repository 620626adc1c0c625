// The plans and units a submission is judged against, kept in the isolate between requests so that a submission
// costs one D1 round trip (the insert). A kept copy may be stale (a plan edited, closed or published since), so
// the insert itself checks, in the same statement, that the plan it was judged against is still current — same
// version, still active, and (when the body named no plan) still the only active one. lib/submit-report.ts reloads
// the snapshot and judges again when it was stale: staleness costs a retry, never a wrong verdict.
import type { Plan } from '../../core/schemas/plan.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import { planVersionsStatement, toPlanVersions } from '../db/plans.ts';
import { toUnits, unitsStatement } from '../db/units.ts';

/** How long a snapshot is trusted before it is reloaded anyway (keeps unit renames from lingering). */
const MAX_AGE_MS = 60_000;

export interface Snapshot {
  plans: { plan: Plan; version: number }[];
  units: Unit[];
  loadedAt: number;
}

let kept: Snapshot | undefined;

/** Called after this isolate changes a plan, so its next submission sees the change without a retry. */
export function forgetPlans(): void {
  kept = undefined;
}

/** The kept snapshot, or a fresh one when asked, in a cold isolate or after MAX_AGE_MS. */
export async function planSnapshot(db: D1Database, fresh: boolean): Promise<Snapshot> {
  if (!fresh && kept && Date.now() - kept.loadedAt < MAX_AGE_MS) return kept;
  // One round trip for both.
  const [plans, units] = await db.batch([planVersionsStatement(db), unitsStatement(db)]);
  kept = { plans: toPlanVersions(plans!.results), units: toUnits(units!.results), loadedAt: Date.now() };
  return kept;
}

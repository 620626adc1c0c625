// Which plan a request is about: the one it names (`?plan=` or the body's "plan"), or the only active plan.
// With several active plans the caller must name one, so no report lands under the wrong plan. pickPlan is the one
// picker; its callers only differ in where the candidate plans come from: the routes read them from D1
// (db/plans.ts candidatePlans), submitReport (lib/submit-report.ts) takes them from the isolate's copy
// (lib/plan-snapshot.ts).
import type { Plan } from '../../core/schemas/plan.ts';
import { AppError } from './app-error.ts';

/**
 * Of `plans`, the one a request names (in `field`: `plan`, or a submission's `planId`), or else the only active one. Throws the answer the caller gets otherwise:
 * an unknown plan, no active plan, or several (the caller must name one).
 */
export function pickPlan(
  plans: readonly Plan[],
  named: string | undefined,
  where: 'query' | 'body' = 'query',
  field = 'plan',
): Plan {
  if (named !== undefined && named !== '') {
    const plan = plans.find((p) => p.id === named);
    if (plan) return plan;
    throw new AppError(
      where === 'body' ? 422 : 404,
      'unknown_plan',
      { zh: `整改方案“${named}”不存在`, en: 'no such plan' },
      [{ path: field, code: 'unknown_plan', message: `no plan with id ${named}` }],
    );
  }
  const active = plans.filter((p) => p.status === 'active');
  if (active.length === 1) return active[0]!;
  if (active.length === 0) {
    throw new AppError(
      422,
      'no_active_plan',
      { zh: '当前没有进行中的整改方案，请先发布整改方案', en: 'no active plan' },
      [{ path: field, code: 'required', message: 'no active plan; name one with plan=' }],
    );
  }
  throw new AppError(
    422,
    'plan_required',
    { zh: `当前有${active.length}个进行中的整改方案，请指明整改方案`, en: 'several active plans: name one' },
    [{ path: field, code: 'required', message: `one of ${active.map((p) => p.id).join(', ')}` }],
  );
}

// What a 销号 request and a 督办单 both check before they touch a pair: that the (measure, unit) pair is in the plan,
// and that the evidence files named are the unit's own under the plan. Each gives the finding or null; the caller
// chooses the status (a closure route answers 404 for a pair that is not there, a new notice 422).
import type { Plan } from '../../core/schemas/plan.ts';
import { ownEvidenceIds } from '../db/pair-inputs.ts';

export interface PairFinding {
  code: string;
  /** The field at fault, as an ApiIssue path. */
  path: string;
  zh: string;
  en: string;
}

/** Why the plan has no such pair: an unknown measure, or a unit not responsible for it. */
export function missingPair(plan: Plan, measureId: string, unitId: string): PairFinding | null {
  const measure = plan.measures.find((m) => m.id === measureId);
  if (!measure) {
    const zh = `整改方案中没有措施“${measureId}”`;
    return { code: 'unknown_measure', path: 'measureId', zh, en: `no measure ${measureId} in this plan` };
  }
  if (!measure.responsibleUnitIds.includes(unitId)) {
    const zh = `该单位不是措施${measureId}的责任单位`;
    return { code: 'not_responsible', path: 'unitId', zh, en: `the unit is not responsible for ${measureId}` };
  }
  return null;
}

/** The unit's own files among `ids`, and a finding naming the first one that is not. */
export async function ownEvidence(
  db: D1Database,
  planId: string,
  unitId: string,
  ids: readonly string[],
): Promise<{ own: Set<string>; foreign: PairFinding | null }> {
  const own = await ownEvidenceIds(db, planId, unitId, ids);
  const at = ids.findIndex((id) => !own.has(id));
  if (at < 0) return { own, foreign: null };
  const id = ids[at]!;
  return {
    own,
    foreign: {
      code: 'evidence_not_found',
      path: `evidenceIds.${at}`,
      zh: `佐证材料“${id}”不是本单位在该整改方案下上传的文件`,
      en: `evidence ${id} is not this unit's file under this plan`,
    },
  };
}

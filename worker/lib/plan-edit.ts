// Publishing a plan again: what changed between the stored plan and the new one, and whether the change is allowed
// once reports exist (measures may be added and corrected; a measure with reports may not be removed; the
// reporting schedule is fixed, since stored period ids follow it).
import type { Measure, Plan } from '../../core/schemas/plan.ts';

export interface MeasureChange {
  measureId: string;
  change: 'added' | 'removed' | 'corrected';
  fields?: string[];
}

const COMPARED: (keyof Measure)[] = [
  'problemId',
  'title',
  'text',
  'lead',
  'responsibleUnitsText',
  'deadlineText',
  'dataHint',
];

export function diffPlans(before: Plan, after: Plan): { plan: string[]; measures: MeasureChange[] } {
  const plan: string[] = (['title', 'docNumber', 'firstPeriod'] as const).filter((k) => before[k] !== after[k]);
  if (JSON.stringify(before.schedule) !== JSON.stringify(after.schedule)) plan.push('schedule');
  if (JSON.stringify(before.problems) !== JSON.stringify(after.problems)) plan.push('problems');
  const measures: MeasureChange[] = [];
  for (const m of after.measures) {
    const old = before.measures.find((o) => o.id === m.id);
    if (!old) measures.push({ measureId: m.id, change: 'added' });
    else {
      const fields = COMPARED.filter((k) => JSON.stringify(old[k]) !== JSON.stringify(m[k]));
      if (fields.length) measures.push({ measureId: m.id, change: 'corrected', fields });
    }
  }
  for (const o of before.measures)
    if (!after.measures.some((m) => m.id === o.id)) measures.push({ measureId: o.id, change: 'removed' });
  return { plan, measures };
}

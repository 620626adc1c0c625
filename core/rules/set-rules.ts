// Rules over the set of measures a report covers: each measure once (不重), every assigned measure present (不漏),
// and a note for measures the unit is not responsible for. Shared by the sheet and the Worker.
import { measureById, measuresFor } from '../catalog/plan-catalog.ts';
import { unitById } from '../units/unit-registry.ts';
import { hit, type RuleHit } from './rule-codes.ts';

export interface SetContext {
  readonly unitId?: string;
  /** Overrides the catalog's assignment (e.g. a registry seeded differently in the Worker's database). */
  readonly measureIds?: readonly string[];
}

/** A finding about row `index`, or about the whole report when index is -1 (measure_missing). */
export interface SetFinding {
  readonly index: number;
  readonly hit: RuleHit;
}

/** How a caller names a row in messages: "第12行" / "row 12" for a sheet, "第3条" / "row 3" for a body. */
export type RowLabel = (index: number) => { zh: string; en: string };

/** The measures the unit must report; undefined when the unit is unknown and no override is given. */
export function assignedMeasureIds(ctx: SetContext): readonly string[] | undefined {
  if (ctx.measureIds) return ctx.measureIds;
  if (ctx.unitId === undefined || !unitById(ctx.unitId)) return undefined;
  return measuresFor(ctx.unitId).map((m) => m.id);
}

export function checkMeasureSet(ids: readonly (string | undefined)[], ctx: SetContext, label: RowLabel): SetFinding[] {
  const out: SetFinding[] = [];
  forEachSetFinding(ids, ctx, label, (index, h) => out.push({ index, hit: h }));
  return out;
}

/**
 * The same findings through a callback, for large sheets where one object per finding adds up. A row gets at most
 * one finding (a repeat is never also reported as unassigned); index -1 is the whole report.
 */
export function forEachSetFinding(
  ids: readonly (string | undefined)[],
  ctx: SetContext,
  label: RowLabel,
  emit: (index: number, h: RuleHit) => void,
): void {
  // Per measure: the row it first appears on, and the finding every repeat gets (it names that first row).
  const seen = new Map<string, { first: number; repeat?: RuleHit }>();
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index];
    if (id === undefined) continue;
    const entry = seen.get(id);
    if (!entry) {
      seen.set(id, { first: index });
      continue;
    }
    if (!entry.repeat) {
      const at = label(entry.first);
      entry.repeat = hit('duplicate_measure', 'measureId', `措施${id}重复填报（${at.zh}已填报该措施）`, `Measure ${id} is reported twice (already on ${at.en})`);
    }
    emit(index, entry.repeat);
  }

  const assigned = assignedMeasureIds(ctx);
  if (!assigned) return;
  const unitName = (ctx.unitId && unitById(ctx.unitId)?.name) || ctx.unitId || '本单位';
  const assignedSet = new Set(assigned);
  for (const [id, { first: index }] of seen) {
    if (assignedSet.has(id) || !measureById(id)) continue;
    emit(
      index,
      hit(
        'measure_not_assigned',
        'measureId',
        `措施${id}的责任单位不包含${unitName}，无需填报（可删除该行）`,
        `Measure ${id} is not assigned to ${unitName}; the row can be removed`,
      ),
    );
  }
  for (const id of assigned) {
    if (seen.has(id)) continue;
    const title = measureById(id)?.title ?? '';
    emit(
      -1,
      hit(
        'measure_missing',
        'measureId',
        `缺少措施${id}“${title}”的填报行：${unitName}是该措施的责任单位，不能漏报`,
        `Measure ${id} "${title}" is missing: ${unitName} is responsible for it`,
      ),
    );
  }
}

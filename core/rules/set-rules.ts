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
  const tracker = new MeasureSetTracker(ctx, label);
  // Repeats first, then unassigned measures (at their first row), then missing ones: the order callers rely on.
  const unassigned: { index: number; h: RuleHit }[] = [];
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index];
    if (id === undefined) continue;
    const h = tracker.add(index, id);
    if (!h) continue;
    if (h.code === 'duplicate_measure') emit(index, h);
    else unassigned.push({ index, h });
  }
  for (const { index, h } of unassigned) emit(index, h);
  tracker.forEachMissing((h) => emit(-1, h));
}

/**
 * The set rules one row at a time, for a caller that walks its rows once (validateChecklist emits each row's
 * findings as it reads it). `index` is the caller's name for a row, handed back to `label`.
 */
/**
 * A measure's state in a MeasureSetTracker: the row it first appears on, and the finding every repeat gets (it names
 * that first row). A caller may keep it to report the measure's further rows without a lookup (`again`).
 */
export interface MeasureSeen {
  readonly first: number;
  repeat: RuleHit | undefined;
}

export class MeasureSetTracker {
  private readonly seen = new Map<string, MeasureSeen>();
  private readonly assigned: readonly string[] | undefined;
  private readonly assignedSet: ReadonlySet<string> | undefined;
  private readonly unitName: string;

  constructor(
    ctx: SetContext,
    private readonly label: RowLabel,
  ) {
    this.assigned = assignedMeasureIds(ctx);
    this.assignedSet = this.assigned && new Set(this.assigned);
    this.unitName = (ctx.unitId && unitById(ctx.unitId)?.name) || ctx.unitId || '本单位';
  }

  /** The finding for the row `index` reporting measure `id`: duplicate_measure, measure_not_assigned or none. */
  add(index: number, id: string): RuleHit | undefined {
    const entry = this.seen.get(id);
    if (entry) return this.again(entry, id);
    this.seen.set(id, { first: index, repeat: undefined });
    if (!this.assignedSet || this.assignedSet.has(id) || !measureById(id)) return undefined;
    const unitName = this.unitName;
    return hit(
      'measure_not_assigned',
      'measureId',
      `措施${id}的责任单位不包含${unitName}，无需填报（可删除该行）`,
      `Measure ${id} is not assigned to ${unitName}; the row can be removed`,
    );
  }

  /** The measure `id`'s state once a row reported it (see MeasureSeen). */
  entry(id: string): MeasureSeen | undefined {
    return this.seen.get(id);
  }

  /** The finding for a further row of measure `id`, given its entry: duplicate_measure. */
  again(entry: MeasureSeen, id: string): RuleHit {
    if (!entry.repeat) {
      const at = this.label(entry.first);
      entry.repeat = hit('duplicate_measure', 'measureId', `措施${id}重复填报（${at.zh}已填报该措施）`, `Measure ${id} is reported twice (already on ${at.en})`);
    }
    return entry.repeat;
  }

  /** After the last row: measure_missing for each assigned measure no row reported, in the unit's order. */
  forEachMissing(emit: (h: RuleHit) => void): void {
    if (!this.assigned) return;
    const unitName = this.unitName;
    for (const id of this.assigned) {
      if (this.seen.has(id)) continue;
      const title = measureById(id)?.title ?? '';
      emit(
        hit(
          'measure_missing',
          'measureId',
          `缺少措施${id}“${title}”的填报行：${unitName}是该措施的责任单位，不能漏报`,
          `Measure ${id} "${title}" is missing: ${unitName} is responsible for it`,
        ),
      );
    }
  }
}

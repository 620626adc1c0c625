// Rules over the set of measures a report covers: each measure once (不重), every assigned measure present (不漏),
// and no row for a measure the unit is not responsible for. Shared by the sheet and the Worker.
import { measureById, measuresFor } from '../plan/plan-lookup.ts';
import type { Plan } from '../schemas/plan.ts';
import type { Unit } from '../schemas/unit.ts';
import { unitById } from '../units/unit-registry.ts';
import { hit, type RuleHit } from './rule-codes.ts';

export interface SetContext {
  readonly plan: Plan;
  readonly units: readonly Unit[];
  /** The reporting unit; without it only repeats are checked. */
  readonly unitId?: string;
  /** Measures of the unit already 已销号: a row for them may be left out (long-term ones may still be reported). */
  readonly closedMeasureIds?: ReadonlySet<string>;
}

/** A finding about row `index`, or about the whole report when index is -1 (measure_missing). */
export interface SetFinding {
  readonly index: number;
  readonly hit: RuleHit;
}

/** How a caller names a row in messages: "第12行" / "row 12" for a sheet, "第3条" / "row 3" for a body. */
export type RowLabel = (index: number) => { zh: string; en: string };

/** A second row of a measure: the same item again, the same measure again (no items), or an item left blank. */
function repeatHit(id: string, item: string, at: { zh: string; en: string }, sameItem: boolean): RuleHit {
  if (sameItem && item) {
    return hit(
      'duplicate_measure',
      'item',
      `措施${id}的子项“${item}”重复填报（${at.zh}已填报该子项）`,
      `Item "${item}" of measure ${id} is reported twice (already on ${at.en})`,
    );
  }
  if (sameItem) {
    return hit(
      'duplicate_measure',
      'measureId',
      `措施${id}重复填报（${at.zh}已填报该措施；如是不同项目，请在“子项（项目名称）”写明）`,
      `Measure ${id} is reported twice (already on ${at.en}; name the item if these are different projects)`,
    );
  }
  return hit(
    'duplicate_measure',
    'item',
    `措施${id}有多行时，每行须在“子项（项目名称）”写明不同的项目（${at.zh}也是该措施）`,
    `Measure ${id} has several rows: give each a different item (${at.en} is the same measure)`,
  );
}

/**
 * `ids[i]` is the measure id of the row the caller calls `indexes[i]` (its sheet row, or its place in the body), and
 * `items[i]` its 子项 (item). A measure may have several rows when each names a different item; a repeated
 * (measure, item), or a second row of a measure without an item, is duplicate_measure. A row gets at most one
 * finding: a repeat is never also reported as unassigned.
 */
export function checkMeasureSet(
  ids: readonly (string | undefined)[],
  indexes: readonly number[],
  ctx: SetContext,
  label: RowLabel,
  items: readonly (string | undefined)[] = [],
): SetFinding[] {
  const out: SetFinding[] = [];
  const unit = ctx.unitId === undefined ? undefined : unitById(ctx.units, ctx.unitId);
  const unitName = unit?.name ?? ctx.unitId ?? '本单位';
  const assigned = unit ? measuresFor(ctx.plan, unit.id) : undefined;
  /** Per measure: its first row, and the first row of each item (blank item = ''). */
  const firstRow = new Map<string, { index: number; items: Map<string, number> }>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const index = indexes[i]!;
    const item = items[i]?.trim() ?? '';
    const first = firstRow.get(id);
    if (first !== undefined) {
      const sameItem = first.items.get(item);
      const blank = item === '' || first.items.has('');
      if (sameItem !== undefined || blank) {
        out.push({ index, hit: repeatHit(id, item, label(sameItem ?? first.index), sameItem !== undefined) });
        return;
      }
      first.items.set(item, index);
      return;
    }
    firstRow.set(id, { index, items: new Map([[item, index]]) });
    // An id outside the plan already has its own finding (unknown_measure).
    if (assigned && measureById(ctx.plan, id) && !assigned.some((m) => m.id === id)) {
      out.push({
        index,
        hit: hit(
          'measure_not_assigned',
          'measureId',
          `措施${id}的责任单位不包含${unitName}，不能填报，请删除该行`,
          `Measure ${id} is not assigned to ${unitName}; remove the row`,
        ),
      });
    }
  });
  for (const m of assigned ?? []) {
    if (firstRow.has(m.id) || ctx.closedMeasureIds?.has(m.id)) continue;
    out.push({
      index: -1,
      hit: hit(
        'measure_missing',
        'measureId',
        `缺少措施${m.id}“${m.title}”的填报行：${unitName}是该措施的责任单位，不能漏报`,
        `Measure ${m.id} "${m.title}" is missing: ${unitName} is responsible for it`,
      ),
    });
  }
  return out;
}

// Resolving unit names as plans and sheets write them ("村镇规划服务中心", "各行政村") against the township's units,
// which are data (D1 in the Worker, the /units answer in the pane).
import type { Unit } from '../schemas/unit.ts';
import { foldSpaces } from '../text/fold.ts';

/** The collective phrases that assign a measure to every village. */
const ALL_VILLAGES = ['各行政村', '各村', '各村委会', '各村民委员会'];

export function unitById(units: readonly Unit[], id: string): Unit | undefined {
  return units.find((u) => u.id === id);
}

/** Every unit under its folded name and aliases; the first unit wins a name two units share. */
export type UnitNames = ReadonlyMap<string, Unit>;

/**
 * Built once for a run that resolves many names (a sheet repeats its 责任单位 cells on every row), so the units'
 * names are folded once rather than once per cell.
 */
export function unitNames(units: readonly Unit[]): UnitNames {
  const names = new Map<string, Unit>();
  for (const unit of units) {
    for (const name of [unit.name, ...unit.aliases]) {
      const folded = foldSpaces(name);
      if (!names.has(folded)) names.set(folded, unit);
    }
  }
  return names;
}

/** A unit by its name or an alias, as written in a sheet; undefined when unknown. */
export function resolveUnitName(
  units: readonly Unit[],
  name: string,
  names: UnitNames = unitNames(units),
): Unit | undefined {
  return names.get(foldSpaces(name));
}

/** Edit distance over characters, for "did you mean" suggestions on short Chinese names. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known unit whose name or alias is closest to `name`, when it is close enough to be a likely typo. */
export function nearestUnit(units: readonly Unit[], name: string): Unit | undefined {
  const folded = foldSpaces(name);
  let best: { unit: Unit; d: number } | undefined;
  for (const unit of units) {
    for (const known of [unit.name, ...unit.aliases]) {
      const d = distance(folded, foldSpaces(known));
      if (!best || d < best.d) best = { unit, d };
    }
  }
  return best && best.d <= Math.max(2, Math.ceil(folded.length / 2)) ? best.unit : undefined;
}

/**
 * Splits a 责任单位 cell ("财政所、乡村振兴办，村镇规划服务中心，各行政村") into resolved unit ids, in order.
 * 各行政村 expands to every active village. Names that resolve to nothing are returned in `unknown`.
 */
export function parseResponsibleUnits(
  units: readonly Unit[],
  text: string,
  names: UnitNames = unitNames(units),
): { unitIds: string[]; unknown: string[] } {
  const unitIds: string[] = [];
  const unknown: string[] = [];
  const add = (id: string) => {
    if (!unitIds.includes(id)) unitIds.push(id);
  };
  for (const raw of text.split(/[、，,;；\n]+/)) {
    const part = foldSpaces(raw);
    if (!part) continue;
    if (ALL_VILLAGES.includes(part)) {
      for (const v of units) if (v.kind === 'village' && v.active) add(v.id);
      continue;
    }
    const unit = resolveUnitName(units, part, names);
    if (unit) add(unit.id);
    else unknown.push(raw.trim());
  }
  return { unitIds, unknown };
}

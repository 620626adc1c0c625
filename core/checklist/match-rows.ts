// matchRows: a unit's own ledger (台账) has the measures' wording but no 措施编号. Each data row is matched to one of
// the unit's measures by its text — the measure cell against the measure's title and text, the problem cell against
// the problem, a 子项 name against the measure's text — with how sure the match is. The pane shows every row with
// its suggestion; the clerk confirms or picks another. A row like no measure stays unmatched and is listed.
import { cellText } from '../sheet/normalise-cell.ts';
import type { ColumnIndex } from '../sheet/read-row.ts';
import type { Measure, Plan } from '../schemas/plan.ts';
import { coverage, similarity } from '../text/similarity.ts';

export type MatchLevel = 'sure' | 'likely' | 'unsure' | 'none';

export interface RowMatch {
  /** 1-based sheet row. */
  sheetRow: number;
  /** The wording matched on, as the pane shows it: problem, measure and 子项, each only when present. */
  problem?: string;
  measure?: string;
  item?: string;
  /** The unit's measures most like the row, best first (at most three), with a score from 0 to 1. */
  candidates: { measureId: string; score: number }[];
  /** The suggested measure; absent when none is alike enough. */
  measureId?: string;
  level: MatchLevel;
}

/** Best score at or above SURE, ahead of the second by MARGIN: 很可能. Below UNSURE: no suggestion at all. */
const SURE = 0.55;
const MARGIN = 0.15;
const LIKELY = 0.35;
const UNSURE = 0.2;

/** The higher of "the texts are alike" and "one quotes the other". */
function alike(row: string, known: string, title: string): number {
  return Math.max(similarity(row, known), coverage(title, row), coverage(row, known));
}

function score(row: { problem?: string; measure?: string; item?: string }, m: Measure, plan: Plan): number {
  const problem = plan.problems.find((p) => p.id === m.problemId);
  const measureText = m.text ?? m.title;
  const problemText = problem ? `${problem.title}${problem.detail ?? ''}` : '';
  const onMeasure = row.measure ? alike(row.measure, measureText, m.title) : 0;
  const onProblem = row.problem && problem ? alike(row.problem, problemText, problem.title) : 0;
  const onItem = row.item ? coverage(row.item, measureText) : 0;
  const base = row.measure ? (row.problem ? 0.75 * onMeasure + 0.25 * onProblem : onMeasure) : onProblem;
  return Math.min(1, base + 0.1 * onItem);
}

function levelOf(best: number, second: number): MatchLevel {
  if (best >= SURE && best - second >= MARGIN) return 'sure';
  if (best >= LIKELY) return 'likely';
  return best >= UNSURE ? 'unsure' : 'none';
}

/**
 * `cols` is the ledger's header (findHeader's columns), `measures` the unit's own (measuresFor). Rows after
 * `headerRow` with any wording or status are data rows; a blank problem or measure cell below a filled one
 * continues it, as a merged cell reads.
 */
export function matchRows(
  grid: readonly (readonly unknown[])[],
  headerRow: number,
  cols: ColumnIndex,
  plan: Plan,
  measures: readonly Measure[],
  origin: { row: number } = { row: 1 },
): RowMatch[] {
  const out: RowMatch[] = [];
  const at = (row: readonly unknown[], key: keyof ColumnIndex) =>
    cols[key] === undefined ? undefined : cellText(row[cols[key]]);
  let problem: string | undefined;
  let measure: string | undefined;
  for (let r = headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const own = { problem: at(row, 'problem'), measure: at(row, 'measure'), item: at(row, 'item') };
    const filled = own.problem ?? own.measure ?? own.item ?? at(row, 'status') ?? at(row, 'progress');
    if (!filled) continue;
    if (own.problem) measure = undefined;
    problem = own.problem ?? problem;
    measure = own.measure ?? measure;
    const wording = {
      ...(problem ? { problem } : {}),
      ...(measure ? { measure } : {}),
      ...(own.item ? { item: own.item } : {}),
    };
    const scored = measures
      .map((m) => ({ measureId: m.id, score: Math.round(score(wording, m, plan) * 100) / 100 }))
      .sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    const level = levelOf(best, scored[1]?.score ?? 0);
    out.push({
      sheetRow: origin.row + r,
      ...wording,
      candidates: scored.slice(0, 3),
      ...(level !== 'none' ? { measureId: scored[0]!.measureId } : {}),
      level,
    });
  }
  return out;
}

/** A checklist header without 措施编号 but with the wording of measures, problems or 子项: a ledger to match by text. */
export function isLedgerHeader(cols: ColumnIndex): boolean {
  return cols.measureId === undefined && (cols.measure ?? cols.problem ?? cols.item) !== undefined;
}

/** The same row seen again (same wording) keeps the measure the clerk chose: remembered under this key. */
export function rowMatchKey(m: Pick<RowMatch, 'problem' | 'measure' | 'item'>): string {
  return [m.problem ?? '', m.measure ?? '', m.item ?? ''].join('\u241f');
}

// Benchmark: validateChecklist on a 10,000 × 16 sheet against one bare pass over the same cells (reading every cell
// and summing string lengths). Goal: validation stays near-linear, at most 10× the bare pass.
// Run: node --import tsx bench/validate.ts   (bench/run.ts calls run()).
import { pathToFileURL } from 'node:url';
import { MEASURES } from '../core/catalog/plan-catalog.ts';
import { validateChecklist } from '../core/validate-checklist.ts';
import { goodGridRow, gridRow, headerCells, type GridRow } from '../test/fixtures/checklist-grid.ts';

export const ROWS = 10_000;
export const GOAL_RATIO = 10;
const WARMUP = 10;
const ITERATIONS = 11;
const ROUNDS = 5;

/**
 * Header + 9,999 rows cycling through the catalog; every 50th row carries one of five realistic faults and every
 * 7th types its numbers as text. The plan has only 13 measures, so every row after the 13th repeats one: the run
 * also reports ~10,000 duplicate_measure issues, which is part of the measured work.
 */
export function benchGrid(rows = ROWS): unknown[][] {
  const grid: unknown[][] = [headerCells()];
  const faults: ((r: GridRow) => GridRow)[] = [
    (r) => ({ ...r, actual: '#N/A' }),
    (r) => ({ ...r, status: '完成' }),
    (r) => ({ ...r, progress: '有序推进中' }),
    (r) => ({ ...r, target: '约５０' }),
    (r) => ({ ...r, fundsPaid: 99 }),
  ];
  for (let i = 1; i < rows; i++) {
    let row = goodGridRow(MEASURES[i % MEASURES.length]!.id, i);
    if (i % 50 === 0) row = faults[(i / 50) % faults.length]!(row);
    if (i % 7 === 0) row = { ...row, target: String(row.target), rate: `${row.rate}%` }; // numbers typed as text
    grid.push(gridRow(row));
  }
  return grid;
}

/** The floor: touch every cell once. */
export function barePass(grid: unknown[][]): number {
  let sum = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      sum += typeof v === 'string' ? v.length : v === null || v === undefined ? 0 : 1;
    }
  }
  return sum;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const clock = (fn: () => unknown): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

/**
 * Each side runs in its own blocks (so the bare pass is not slowed by the validator's garbage), after a warm-up that
 * lets the JIT settle. The figure is the fastest run of each side: on a shared machine a 10 ms run is usually
 * preempted while a 0.5 ms one is not, so medians would penalise the longer side for other processes' work.
 * The medians are reported too.
 */
function timeBlocks(a: () => unknown, b: () => unknown): { a: number[]; b: number[] } {
  for (let i = 0; i < WARMUP; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < ITERATIONS; i++) as.push(clock(a));
    for (let i = 0; i < ITERATIONS; i++) bs.push(clock(b));
  }
  return { a: as, b: bs };
}

export interface BenchResult {
  name: string;
  goal: string;
  measured: string;
  ratio: number;
  pass: boolean;
  validateMs: number;
  bareMs: number;
  issues: number;
}

export function run(): BenchResult {
  const grid = benchGrid();
  const ctx = { now: '2023-09-10T04:00:00Z' };
  let issues = 0;
  let sink = 0;
  const times = timeBlocks(
    () => (sink += barePass(grid)),
    () => (issues = validateChecklist(grid, ctx).issues.length),
  );
  const bare = Math.min(...times.a);
  const validate = Math.min(...times.b);
  if (sink < 0) throw new Error('unreachable'); // keeps the bare pass from being optimised away
  const ratio = validate / bare;
  return {
    name: `validateChecklist ${ROWS.toLocaleString('en-US')}×16`,
    goal: `≤ ${GOAL_RATIO}× bare pass`,
    measured: `${validate.toFixed(2)} ms vs bare ${bare.toFixed(2)} ms, best of ${times.b.length} (medians ${median(times.b).toFixed(2)} / ${median(times.a).toFixed(2)} ms); ${issues} issues`,
    ratio: Math.round(ratio * 100) / 100,
    pass: ratio <= GOAL_RATIO,
    validateMs: validate,
    bareMs: bare,
    issues,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = run();
  console.log(`${r.name}\n  goal:     ${r.goal}\n  measured: ${r.measured}\n  ratio:    ${r.ratio}×  ${r.pass ? 'PASS' : 'FAIL'}`);
}

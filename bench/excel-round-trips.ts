// Benchmark: the task pane's validate + highlight (addin/check-sheet.ts → addin/excel/) on office-addin-mock via the
// add-in tests' harness, at 50 and 10,000 rows with EVERY row bad. Counts context.sync() round trips (goal 2 at
// both sizes), the bytes queued to Excel (goal < 5 MB, Excel on the web's request cap) and the longest getRanges
// address (goal < 7,000 characters). Bytes are estimated as the JSON of every queued operation (address, property,
// value) plus 200 bytes of Office.js envelope per operation, and the read's response as the JSON of the values.
// Also 生成汇总表 for 22 units × 200 子项 rows of 2,000-character 整改进展: its largest request as the harness
// measures it (which refuses one over 5 MB, as Excel on the web does).
// Run: node --import tsx bench/excel-round-trips.ts
import { checkActiveSheet } from '../addin/check-sheet.ts';
import { REQUEST_LIMIT_BYTES } from '../addin/excel/request-budget.ts';
import { writeSheets } from '../addin/excel/write-summary.ts';
import { periodSheets } from '../addin/sheets/period-sheets.ts';
import { heavyPeriod } from '../test/fixtures/heavy-period.ts';
import { installExcel, uninstallExcel } from '../test/addin/excel-harness.ts';
import { DEMO_PLAN, demoContext } from '../test/fixtures/demo-plan.ts';
import { goodGridRow, gridRow, headerCells, type GridRow } from '../test/fixtures/checklist-grid.ts';
import { fmtBytes, isMain, printTable, type BenchRow } from './lib/result.ts';

export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ADDRESS_CHARS = 7_000;
const ENVELOPE_BYTES_PER_OP = 200;

/** Every data row carries an error, spread over three columns by row so cells merge poorly (the worst case). */
export function allBadGrid(rows: number): unknown[][] {
  const faults: ((r: GridRow) => GridRow)[] = [
    (r) => ({ ...r, status: '完成了' }),
    (r) => ({ ...r, rate: 120 }),
    (r) => ({ ...r, fundsPaid: 99 }),
  ];
  const measures = DEMO_PLAN.measures;
  const grid: unknown[][] = [headerCells()];
  for (let i = 0; i < rows; i++)
    grid.push(gridRow(faults[i % faults.length]!(goodGridRow(measures[i % measures.length]!.id, i))));
  return grid;
}

export interface RoundTrip {
  rows: number;
  syncs: number;
  issues: number;
  getRangesCalls: number;
  longestAddress: number;
  requestBytes: number;
  responseBytes: number;
  ms: number;
}

export async function measure(rows: number): Promise<RoundTrip> {
  const grid = allBadGrid(rows);
  const h = installExcel({
    active: '整改清单',
    sheets: { 整改清单: { values: grid, address: `整改清单!A1:P${grid.length}`, rowIndex: 0, columnIndex: 0 } },
  });
  try {
    const t0 = performance.now();
    const check = await checkActiveSheet(demoContext({ unitId: 'v-minliang', now: new Date('2023-09-10T00:00:00Z') }));
    const ms = performance.now() - t0;
    const badRows = new Set(check.issues.filter((i) => i.severity === 'error').map((i) => i.row));
    if (badRows.size < rows) throw new Error(`expected every row to be bad, got ${badRows.size} of ${rows}`);
    const ops = h.log;
    const areas = ops.filter((e) => e.kind === 'areas');
    const settingsBytes = JSON.stringify([...h.settings]).length;
    return {
      rows,
      syncs: h.syncs(),
      issues: check.issues.length,
      getRangesCalls: areas.length,
      longestAddress: Math.max(0, ...areas.map((e) => e.target.length)),
      requestBytes:
        ops.reduce(
          (n, e) =>
            n + Buffer.byteLength(JSON.stringify({ t: e.target, p: e.path, v: e.value })) + ENVELOPE_BYTES_PER_OP,
          0,
        ) + settingsBytes,
      responseBytes: Buffer.byteLength(JSON.stringify(grid)),
      ms,
    };
  } finally {
    uninstallExcel();
  }
}

/** 生成汇总表 at 22 × 200 × 2,000 characters: every request's size (bytes) and how many there were. */
export async function summaryRequests(): Promise<{ largest: number; total: number; syncs: number }> {
  const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
  try {
    const { summary, matrix, details } = heavyPeriod(2_000);
    await writeSheets(periodSheets({ plan: DEMO_PLAN, summary, matrix, details }));
    const sizes = h.requestBytes;
    return { largest: Math.max(...sizes), total: sizes.reduce((a, b) => a + b, 0), syncs: sizes.length };
  } finally {
    uninstallExcel();
  }
}

export async function run(): Promise<BenchRow[]> {
  const summary = await summaryRequests();
  const small = await measure(50);
  const large = await measure(10_000);
  const syncRow = (r: RoundTrip): BenchRow => ({
    name: `Excel syncs, validate+highlight ${r.rows.toLocaleString('en-US')} rows`,
    goal: '2 syncs',
    measured: `${r.syncs} syncs, ${r.issues} issues, ${r.getRangesCalls} getRanges calls, ${r.ms.toFixed(0)} ms on the mock`,
    ratio: `${r.syncs}`,
    pass: r.syncs === 2,
  });
  return [
    syncRow(small),
    syncRow(large),
    {
      name: 'Excel payload, 10,000 bad rows',
      goal: '< 5 MB each way',
      measured: `request ≈ ${fmtBytes(large.requestBytes)} (highlight), response ≈ ${fmtBytes(large.responseBytes)} (read)`,
      ratio: `${((Math.max(large.requestBytes, large.responseBytes) / MAX_BYTES) * 100).toFixed(0)}% of cap`,
      pass: large.requestBytes < MAX_BYTES && large.responseBytes < MAX_BYTES,
    },
    {
      name: '生成汇总表 request, 22 units × 200 子项 × 2,000 chars',
      goal: '< 5 MB per request',
      measured: `largest ${fmtBytes(summary.largest)} of ${fmtBytes(summary.total)} in ${summary.syncs} syncs`,
      ratio: `${((summary.largest / REQUEST_LIMIT_BYTES) * 100).toFixed(0)}% of cap`,
      pass: summary.largest <= REQUEST_LIMIT_BYTES,
    },
    {
      name: 'getRanges address, 10,000 bad rows',
      goal: '< 7,000 chars per call',
      measured: `longest ${large.longestAddress.toLocaleString('en-US')} chars over ${large.getRangesCalls} calls`,
      ratio: `${large.longestAddress}`,
      pass: large.longestAddress < MAX_ADDRESS_CHARS,
    },
  ];
}

if (isMain(import.meta.url)) printTable(await run());

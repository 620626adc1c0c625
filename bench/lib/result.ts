import path from 'node:path';
import { pathToFileURL } from 'node:url';

// One row of the `npm run bench` table. Every benchmark's run() resolves to one or more of these.
export interface BenchRow {
  name: string;
  goal: string;
  measured: string;
  /** "0.62×" or a plain figure; shown as is. */
  ratio: string;
  pass: boolean;
}

export const fmtRatio = (r: number) => `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
export const fmtBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`;

/** Prints rows as a fixed-width table (wide CJK characters counted as two columns). */
export function printTable(rows: readonly BenchRow[], out: (line: string) => void = console.log): void {
  const width = (s: string) =>
    [...s].reduce((n, ch) => n + (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const cells = rows.map((r) => [r.name, r.goal, r.measured, `${r.ratio} ${r.pass ? 'PASS' : 'FAIL'}`]);
  const head = ['benchmark', 'goal', 'measured', 'ratio / verdict'];
  const w = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]!))));
  const line = (c: string[]) => `| ${c.map((x, i) => pad(x, w[i]!)).join(' | ')} |`;
  out(line(head));
  out(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const c of cells) out(line(c));
}

/** True when the module is the script node was started with (so each bench file can run alone). */
export function isMain(metaUrl: string): boolean {
  const arg = process.argv[1];
  return !!arg && metaUrl === pathToFileURL(path.resolve(arg)).href;
}

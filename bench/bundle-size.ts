// Benchmark: gzipped size of the task pane's JavaScript in dist/addin (office.js excluded: Microsoft's CDN serves
// it). Builds first (npm run build, < 1 s) so the figure is never from a stale bundle. Goal ≤ 100 KB.
// Run: node --import tsx bench/bundle-size.ts
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAddin } from '../scripts/build-addin.ts';
import { fmtBytes, isMain, printTable, type BenchRow } from './lib/result.ts';

export const GOAL_BYTES = 100 * 1024;
const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist', 'addin');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsFiles(full);
    return name.endsWith('.js') ? [full] : [];
  });
}

export async function run(o: { build?: boolean } = {}): Promise<BenchRow[]> {
  if (o.build ?? true) {
    const b = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'build-addin.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}\n${b.stderr}`);
  }
  // Only what the Excel pane loads before it runs: chunks under chunks/ reached by import() alone (the web path's
  // spreadsheet libraries) are measured by bench/web-path.ts.
  const eager = new Set((await buildAddin({ dev: false })).eagerFiles);
  const files = jsFiles(DIST).filter((f) => eager.has(path.resolve(f)));
  if (!files.length) throw new Error(`no .js files in ${DIST}`);
  const raw = files.reduce((n, f) => n + statSync(f).size, 0);
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return [
    {
      name: 'task pane bundle (gzip -9)',
      goal: `≤ ${fmtBytes(GOAL_BYTES)}`,
      measured: `${fmtBytes(gz)} gzipped, ${fmtBytes(raw)} raw, ${files.map((f) => path.relative(DIST, f)).join(', ')}`,
      ratio: `${((gz / GOAL_BYTES) * 100).toFixed(0)}% of goal`,
      pass: gz <= GOAL_BYTES,
    },
  ];
}

if (isMain(import.meta.url)) printTable(await run());

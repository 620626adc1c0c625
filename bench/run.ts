// npm run bench: every benchmark in one run, one table (name | goal | measured | ratio/verdict). Each benchmark file
// also runs alone. Exits 1 when a goal is missed so CI can run it; `--full` runs the summary benchmark at full size
// (2,000 units × 72 periods); `--only=<name>[,<name>]` picks benchmarks (validate, excel, ingest, summary, closures, trends, bundle, web, evidence, downscale, self-hosted).
import { run as validate } from './validate.ts';
import { run as excel } from './excel-round-trips.ts';
import { flagNumber, run as ingest } from './ingest.ts';
import { run as summary } from './summary-scale.ts';
import { run as closures } from './closure-scale.ts';
import { run as trends } from './trends-scale.ts';
import { run as bundle } from './bundle-size.ts';
import { run as web } from './web-path.ts';
import { run as evidence } from './evidence-upload.ts';
import { run as evidenceDownscale } from './evidence-downscale.ts';
import { run as selfHosted } from './self-hosted.ts';
import { printTable, type BenchRow } from './lib/result.ts';

const full = process.argv.includes('--full');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const benches: [string, () => Promise<BenchRow[]>][] = [
  ['validate', async () => validate()],
  ['excel', excel],
  ['bundle', bundle],
  ['web', web],
  ['downscale', evidenceDownscale],
  ['ingest', () => ingest({ durationMs: flagNumber('duration', 6000), concurrency: flagNumber('concurrency', 8) })],
  ['summary', () => summary({ full })],
  ['closures', () => closures({ full })],
  ['trends', () => trends({ full })],
  ['evidence', evidence],
  ['self-hosted', () => selfHosted({ concurrency: flagNumber('concurrency', 8) })],
];

const rows: BenchRow[] = [];
for (const [name, bench] of benches) {
  if (only && !only.includes(name)) continue;
  const t0 = performance.now();
  process.stderr.write(`bench: ${name} …`);
  try {
    rows.push(...(await bench()));
  } catch (e) {
    rows.push({
      name,
      goal: '(ran)',
      measured: `crashed: ${(e as Error).message.split('\n')[0]}`,
      ratio: '-',
      pass: false,
    });
  }
  process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
console.log(
  `\nRectify benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores${full ? ', --full' : ''}\n`,
);
printTable(rows);
const failed = rows.filter((r) => !r.pass).length;
console.log(`\n${rows.length - failed} goals met, ${failed} missed`);
process.exitCode = failed ? 1 : 0;

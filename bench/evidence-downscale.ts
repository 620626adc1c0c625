// Benchmark: a phone photo made ready for a village line (issue 19). In real Chromium, a 4,000 × 3,000 JPEG is
// decoded, redrawn at 2,500 px and encoded as JPEG by the pane's own prepareFile (addin/evidence/prepare-image.ts),
// thumbnail included; goal < 1 s per photo. Median of 5 runs after one warm-up; the bytes saved are shown too.
// Run: node --import tsx bench/evidence-downscale.ts
import { launchChromium } from '../test/e2e/browser.ts';
import type { EvidenceTestApi } from '../test/e2e/evidence-in-browser.ts';
import { openModulePage } from '../test/e2e/module-page.ts';
import { fmtBytes, isMain, printTable, type BenchRow } from './lib/result.ts';

export const DOWNSCALE_GOAL_MS = 1000;
declare const evidenceTest: EvidenceTestApi;

export async function run(): Promise<BenchRow[]> {
  const { browser, close } = await launchChromium();
  try {
    const { page } = await openModulePage(browser, 'test/e2e/evidence-in-browser.ts');
    const r = await page.evaluate(async () => {
      const file = await evidenceTest.photo(4000, 3000);
      const times: number[] = [];
      let out = 0;
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        const prepared = await evidenceTest.prepareFile(file, false);
        times.push(performance.now() - t0);
        out = prepared.blob.size;
      }
      return { times, before: file.size, after: out };
    });
    const steady = r.times.slice(1).sort((a, b) => a - b)[2]!;
    return [
      {
        name: 'downscale a 4000×3000 photo to 2500 px in Chromium',
        goal: `< ${DOWNSCALE_GOAL_MS} ms`,
        measured: `${steady.toFixed(0)} ms median (first ${r.times[0]!.toFixed(0)} ms); ${fmtBytes(r.before)} → ${fmtBytes(r.after)}`,
        ratio: `${(steady / DOWNSCALE_GOAL_MS).toFixed(2)}×`,
        pass: steady < DOWNSCALE_GOAL_MS,
      },
    ];
  } finally {
    await close();
  }
}

if (isMain(import.meta.url)) printTable(await run());

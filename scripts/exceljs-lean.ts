// exceljs for the pane, built from its own sources instead of its prebuilt browser bundle. That bundle
// (dist/exceljs.bare.min.js, 243 KB gzipped) carries browserify's whole Node.js crypto (bn.js, elliptic, ripemd, …)
// for sheet protection and fast-csv for CSV, neither of which the pane uses; from the sources, with those modules
// replaced by an empty one, exceljs is about 121 KB gzipped and reads and writes .xlsx the same way.
// Only the pane build swaps it in (tests under Node.js import the package as it is).
import { build, type Plugin } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'exceljs-lean');
const unused = join(here, 'unused.cjs');
const root = resolve(here, '..', '..');

/** exceljs compiled once per process and target (a build takes about a second; tests build the pane many times). */
const compiled = new Map<string, Promise<string>>();

export const exceljsLean = (target: string[]): Plugin => ({
  name: 'exceljs-lean',
  setup(b) {
    b.onResolve({ filter: /^exceljs\/dist\/exceljs\.bare\.min\.js$/ }, () => ({
      path: 'exceljs-lean',
      namespace: 'exceljs-lean',
    }));
    b.onLoad({ filter: /.*/, namespace: 'exceljs-lean' }, async () => {
      const key = target.join(',');
      if (!compiled.has(key)) compiled.set(key, compile(target));
      return { contents: await compiled.get(key)!, loader: 'js', resolveDir: root };
    });
  },
});

async function compile(target: string[]): Promise<string> {
  const out = await build({
    stdin: { contents: "export { default } from 'exceljs/lib/exceljs.bare.js';", resolveDir: root },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target,
    legalComments: 'none',
    logLevel: 'warning',
    alias: {
      crypto: unused,
      fs: unused,
      'fast-csv': unused,
      unzipper: unused,
      archiver: unused,
      tmp: unused,
      stream: 'readable-stream',
    },
    inject: [join(here, 'node-globals.js')],
  });
  return out.outputFiles[0]!.text;
}

// Builds what `npm run serve` runs: the task pane (dist/addin, unless fresh) and the server as one ES module,
// dist/server/main.mjs — the Worker's code bundled the way wrangler bundles it (manifest.xml as text), with
// better-sqlite3 (a native module) left to node_modules.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { buildAddin, isBuildFresh } from '../scripts/build-addin.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'main.mjs');

export async function buildServer(): Promise<string> {
  if (!isBuildFresh()) await buildAddin();
  const out = await build({
    entryPoints: [path.join(ROOT, 'server', 'main.ts')],
    outfile: SERVER_BUNDLE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    loader: { '.xml': 'text' },
    external: ['better-sqlite3'],
    // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  // Written whole, then renamed: test projects build in parallel and start servers from this file at once.
  mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  const temp = `${SERVER_BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temp, out.outputFiles[0]!.contents);
  renameSync(temp, SERVER_BUNDLE);
  return SERVER_BUNDLE;
}

if (import.meta.filename === process.argv[1]) await buildServer();

// Builds what `npm run serve` runs: the task pane (dist/addin, unless fresh) and the server as one ES module,
// dist/server/main.mjs — the Worker's code bundled the way wrangler bundles it (manifest.xml as text), with
// better-sqlite3 (a native module) left to node_modules.
import path from 'node:path';
import { build } from 'esbuild';
import { buildAddin, isBuildFresh } from '../scripts/build-addin.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'main.mjs');

export async function buildServer(): Promise<string> {
  if (!isBuildFresh()) await buildAddin();
  await build({
    entryPoints: [path.join(ROOT, 'server', 'main.ts')],
    outfile: SERVER_BUNDLE,
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
  return SERVER_BUNDLE;
}

if (import.meta.filename === process.argv[1]) await buildServer();

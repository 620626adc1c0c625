// Writes a production manifest: `npm run manifest -- --url https://rectify.example.org [--out dist/manifest.xml]`.
// manifest.xml (dev) points every URL at http://127.0.0.1:8787; here they move to the given base URL. Desktop Excel
// refuses plain HTTP except for local development, so only https (or a loopback host) is accepted.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The pure part lives with the Worker, which also serves /manifest.xml for its own origin.
import { productionManifest } from '../worker/lib/production-manifest.ts';
export { DEV_ORIGIN, productionManifest } from '../worker/lib/production-manifest.ts';

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    const eq = argv.find((a) => a.startsWith(`${name}=`));
    return eq ? eq.slice(name.length + 1) : i >= 0 ? argv[i + 1] : undefined;
  };
  const url = arg('--url');
  if (!url) {
    console.error('usage: npm run manifest -- --url https://your.host [--out dist/manifest.xml]');
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = resolve(root, arg('--out') ?? 'dist/manifest.xml');
  const xml = productionManifest(readFileSync(resolve(root, 'manifest.xml'), 'utf8'), url);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  console.log(`wrote ${out} for ${url}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

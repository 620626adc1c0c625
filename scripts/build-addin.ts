// npm run build → dist/addin: the bundled task pane (minified; BROWSER_TARGET is the oldest webview it runs in),
// taskpane.html (also as index.html, since the Worker serves the pane at "/") with office.js's CDN address filled in
// (OFFICE_JS_URL), CSS and PNG icons 16/32/64/80.
// Prints the gzipped bundle size (goal ≤ 100 KB, office.js excluded — it comes from Microsoft's CDN).
// Source maps only for `--dev` / NODE_ENV=development: everything in dist/addin is served publicly by the Worker,
// and a production map would publish the whole source (~1 MB) next to the bundle.
import { build, type Metafile, type Plugin } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { exceljsLean } from './exceljs-lean.ts';
import { encodePng, iconPixel } from './icon-png.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'addin');
const defaultOut = join(root, 'dist', 'addin');
export const GZIP_GOAL_BYTES = 100 * 1024;
/**
 * The pane uses Element.replaceChildren (Chrome/Edge 86, Safari 14) and ??= (Chrome 85, Safari 14); esbuild lowers
 * syntax but adds no APIs, so the target says what the code really needs. Hosts with ExcelApi 1.9 run WebView2
 * (Chromium) on Windows and WKWebView on a current macOS, both newer.
 */
export const BROWSER_TARGET = ['es2020', 'chrome86', 'edge86', 'safari14'];
/** Microsoft's worldwide CDN. 21Vianet (China) tenants: build with OFFICE_JS_URL set to their CDN's office.js. */
export const DEFAULT_OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const ICON_SIZES = [16, 32, 64, 80] as const;

/** taskpane.html with office.js's address filled in (an https URL). */
export function paneHtml(template: string, officeJsUrl: string): string {
  if (!/^https:\/\/[^\s"<>]+\.js$/.test(officeJsUrl))
    throw new Error(`OFFICE_JS_URL must be an https address of office.js, got "${officeJsUrl}"`);
  return template.replace('__OFFICE_JS_URL__', officeJsUrl);
}

/**
 * zod re-exports all ~40 message locales as `z.locales`; the pane never touches them but esbuild cannot drop a
 * namespace re-export, which costs ~270 KB minified. Swap the aggregate for English only (zod's default locale).
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: resolve(args.resolveDir, args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** Development build (with a linked source map) when asked for on the command line or by NODE_ENV. */
export function isDevBuild(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--dev') || env.NODE_ENV === 'development';
}

export interface BuildOptions {
  /** Emit taskpane.js.map and its sourceMappingURL comment. Default: isDevBuild(). */
  dev?: boolean;
  /** Output folder; default dist/addin. */
  outDir?: string;
  /** office.js address; default the OFFICE_JS_URL environment variable, else Microsoft's worldwide CDN. */
  officeJsUrl?: string;
}

/** Newest modification time under a folder (ms). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Headers for every static file (Workers Static Assets read `_headers`; the Worker itself never sees these
 * requests). Scripts only from here and Microsoft's office.js CDN, no plugins, no <base> tricks. connect-src stays
 * open to https because 设置 lets a unit point the pane at another server address; frame-ancestors is left out on
 * purpose: Excel on the web shows the pane inside its own frame.
 */
export const PANE_CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "frame-src 'self' https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
const PANE_HEADERS = `/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Content-Security-Policy: ${PANE_CSP}\n`;

/** True when dist/addin holds a build newer than every file of addin/ and core/ (tests skip rebuilding then). */
export function isBuildFresh(outDir = defaultOut): boolean {
  const js = join(outDir, 'taskpane.js');
  if (!existsSync(js) || !existsSync(join(outDir, 'index.html')) || !existsSync(join(outDir, '_headers'))) return false;
  return statSync(js).mtimeMs >= Math.max(newestMtime(src), newestMtime(join(root, 'core')));
}

export async function buildAddin(
  options: BuildOptions = {},
): Promise<{ jsBytes: number; gzipBytes: number; sourceMap: boolean; eagerFiles: string[] }> {
  const dev = options.dev ?? isDevBuild();
  const out = options.outDir ?? defaultOut;
  mkdirSync(join(out, 'assets'), { recursive: true });
  // A map left over from an earlier dev build would still be served: remove it.
  if (!dev) rmSync(join(out, 'taskpane.js.map'), { force: true });
  rmSync(join(out, 'chunks'), { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(src, 'taskpane.ts')],
    outdir: out,
    // ESM + splitting: the spreadsheet library (addin/files/) is a dynamic import, so it lands in its own chunk that
    // only the web path (no Excel) ever downloads; the pane loads as <script type="module">.
    splitting: true,
    absWorkingDir: root,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: BROWSER_TARGET,
    platform: 'browser',
    sourcemap: dev ? 'linked' : false,
    legalComments: 'none',
    metafile: true,
    plugins: [zodEnglishOnly, exceljsLean(BROWSER_TARGET)],
    logLevel: 'warning',
  });
  const html = paneHtml(
    readFileSync(join(src, 'taskpane.html'), 'utf8'),
    options.officeJsUrl ?? (process.env.OFFICE_JS_URL || DEFAULT_OFFICE_JS_URL),
  );
  writeFileSync(join(out, 'taskpane.html'), html);
  writeFileSync(join(out, 'index.html'), html);
  copyFileSync(join(src, 'taskpane.css'), join(out, 'taskpane.css'));
  for (const size of ICON_SIZES) {
    const committed = join(src, 'assets', `icon-${size}.png`);
    const target = join(out, 'assets', `icon-${size}.png`);
    if (existsSync(committed)) copyFileSync(committed, target);
    else writeFileSync(target, encodePng(size, size, iconPixel(size)));
  }
  writeFileSync(join(out, '_headers'), PANE_HEADERS);
  const eager = eagerOutputs(result.metafile, out);
  const js = Buffer.concat(eager.map((f) => readFileSync(f)));
  const gzipBytes = eager.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return { jsBytes: js.length, gzipBytes, sourceMap: dev, eagerFiles: eager };
}

/**
 * The JS the Excel pane downloads before it runs: taskpane.js and the chunks it imports statically. Chunks reached
 * only through a dynamic import() (the spreadsheet library, addin/files/) are left out: the Excel path never loads them.
 */
export function eagerOutputs(metafile: Metafile, outDir: string): string[] {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((k) => outputs[k]!.entryPoint && k.endsWith('taskpane.js'));
  if (!entry) throw new Error('build produced no taskpane.js');
  const seen = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length) {
    for (const imp of outputs[todo.pop()!]!.imports) {
      if (imp.kind === 'import-statement' && !imp.external && !seen.has(imp.path)) {
        seen.add(imp.path);
        todo.push(imp.path);
      }
    }
  }
  return [...seen].map((p) => resolve(root, p)).filter((p) => p.startsWith(resolve(outDir)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { jsBytes, gzipBytes, sourceMap } = await buildAddin();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `dist/addin/taskpane.js: ${kb(jsBytes)} minified, ${kb(gzipBytes)} gzipped (goal ≤ ${kb(GZIP_GOAL_BYTES)}, office.js excluded) ` +
      `${sourceMap ? '+ source map (dev build) ' : 'no source map (production) '}` +
      `${gzipBytes <= GZIP_GOAL_BYTES ? 'OK' : 'OVER GOAL'} — built in ${Math.round(performance.now() - started)} ms`,
  );
  // A size goal is a benchmark's verdict (bench/bundle-size.ts, `npm run bench`), not a build failure: the build
  // that `npm start` and `npm test` run must not stop over it.
}

// The production build must not publish a source map: everything in dist/addin is served by the Worker.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAddin, isDevBuild } from '../../scripts/build-addin.ts';

const dirs: string[] = [];
const tempOut = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'rectify-build-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Each test runs a whole esbuild build (the 通报's docx chunk included): seconds on a loaded 2-core machine, so the
// default 5 s per test is no measure of anything here. Bundle size and speed are bench/bundle-size.ts' to judge.
describe('buildAddin', { timeout: 30_000 }, () => {
  it('builds for production without a source map or a sourceMappingURL comment by default', async () => {
    const out = tempOut();
    const r = await buildAddin({ outDir: out, dev: false });
    expect(r.sourceMap).toBe(false);
    expect(existsSync(path.join(out, 'taskpane.js'))).toBe(true);
    expect(existsSync(path.join(out, 'taskpane.js.map'))).toBe(false);
    expect(readFileSync(path.join(out, 'taskpane.js'), 'utf8')).not.toContain('sourceMappingURL');
  });

  it('keeps the Word library (the 通报 .docx) out of what the pane loads before it runs: a chunk of its own', async () => {
    const out = tempOut();
    const r = await buildAddin({ outDir: out, dev: false });
    const docxCode = (f: string) => readFileSync(f, 'utf8').includes('wordprocessingml/2006/main');
    expect(r.eagerFiles.filter(docxCode)).toEqual([]);
    const chunks = readdirSync(path.join(out, 'chunks')).map((f) => path.join(out, 'chunks', f));
    expect(chunks.filter(docxCode).map((f) => path.basename(f))).toEqual([expect.stringMatching(/^bulletin-docx-/)]);
  });

  it('removes a map left over from an earlier dev build', async () => {
    const out = tempOut();
    await buildAddin({ outDir: out, dev: true });
    expect(existsSync(path.join(out, 'taskpane.js.map'))).toBe(true);
    writeFileSync(path.join(out, 'marker.txt'), 'kept');
    await buildAddin({ outDir: out, dev: false });
    expect(existsSync(path.join(out, 'taskpane.js.map'))).toBe(false);
    expect(existsSync(path.join(out, 'marker.txt'))).toBe(true);
  });

  it('emits a linked source map for a dev build', async () => {
    const out = tempOut();
    const r = await buildAddin({ outDir: out, dev: true });
    expect(r.sourceMap).toBe(true);
    expect(readFileSync(path.join(out, 'taskpane.js'), 'utf8')).toContain('sourceMappingURL=taskpane.js.map');
    const map = JSON.parse(readFileSync(path.join(out, 'taskpane.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith('addin/taskpane.ts'))).toBe(true);
  });

  it('treats --dev and NODE_ENV=development as a dev build, anything else as production', () => {
    expect(isDevBuild(['node', 'build-addin.ts', '--dev'], {})).toBe(true);
    expect(isDevBuild(['node', 'build-addin.ts'], { NODE_ENV: 'development' })).toBe(true);
    expect(isDevBuild(['node', 'build-addin.ts'], { NODE_ENV: 'production' })).toBe(false);
    expect(isDevBuild(['node', 'build-addin.ts'], {})).toBe(false);
  });
});

describe('buildAddin for real Office hosts', () => {
  it('targets the browsers whose APIs the pane uses (replaceChildren: Chrome 86, Safari 14)', async () => {
    const { BROWSER_TARGET } = await import('../../scripts/build-addin.ts');
    const out = tempOut();
    await buildAddin({ outDir: out, dev: false });
    expect(readFileSync(path.join(out, 'taskpane.js'), 'utf8')).toContain('replaceChildren');
    expect(BROWSER_TARGET).toEqual(expect.arrayContaining(['chrome86', 'safari14']));
  });

  it('writes the office.js address given at build time into an async script tag, and a 64×64 icon', async () => {
    const out = tempOut();
    const cn = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';
    await buildAddin({ outDir: out, dev: false, officeJsUrl: cn });
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain(`<script id="office-js" src="${cn}" async></script>`);
    const png = readFileSync(path.join(out, 'assets', 'icon-64.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    const { paneHtml } = await import('../../scripts/build-addin.ts');
    expect(() => paneHtml(html, 'http://evil.example/office.js')).toThrow(/https/);
  });
});

// The pane's evidence parts that live in the browser alone, in real Chromium: the offline store (IndexedDB, named
// with Office's partition key, bytes kept across a reload) and the photo preparation (downscale, 保留原图, thumbnails).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceTestApi } from './evidence-in-browser.ts';
import { launchChromium } from './browser.ts';
import { openModulePage } from './module-page.ts';

/** What evidence-in-browser.ts puts on the page's window. */
declare const evidenceTest: EvidenceTestApi;

describe('evidence in the browser', () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ browser, close } = await launchChromium());
    ({ page, pageErrors: errors } = await openModulePage(browser, 'test/e2e/evidence-in-browser.ts'));
  });
  afterAll(async () => {
    expect(errors).toEqual([]);
    await close?.();
  });

  it('keeps a file chosen offline in IndexedDB under Office’s partition key, bytes included, across a reload', async () => {
    await page.evaluate(async () => {
      const store = evidenceTest.browserEvidenceStore('pk-7f3a:');
      await store.put({
        localId: 'a1',
        unitId: 'v-dinglai',
        target: { plan: 'p', period: '2023-11-H2', measure: '1-1', name: '会议纪要.pdf' },
        size: 12,
        mime: 'application/pdf',
        blob: new Blob(['%PDF-1.4 abc'], { type: 'application/pdf' }),
        addedAt: 1,
      });
    });
    await page.reload();
    await page.waitForFunction(() => 'evidenceTest' in window);
    const seen = await page.evaluate(async () => {
      const mine = await evidenceTest.browserEvidenceStore('pk-7f3a:').all();
      const other = await evidenceTest.browserEvidenceStore('pk-other:').all();
      return {
        names: mine.map((r) => r.target.name),
        bytes: await mine[0]!.blob!.text(),
        other: other.length,
        dbs: (await indexedDB.databases()).map((d) => d.name).sort(),
      };
    });
    expect(seen).toEqual({
      names: ['会议纪要.pdf'],
      bytes: '%PDF-1.4 abc',
      other: 0,
      dbs: ['pk-7f3a:rectify:v1:evidence', 'pk-other:rectify:v1:evidence'],
    });
    await page.evaluate(() => evidenceTest.browserEvidenceStore('pk-7f3a:').delete('a1'));
    expect(await page.evaluate(async () => (await evidenceTest.browserEvidenceStore('pk-7f3a:').all()).length)).toBe(0);
  });

  it('shrinks a 4000 × 3000 phone photo to 2500 × 1875 JPEG with a thumbnail, and sends the original when 保留原图 is ticked', async () => {
    const r = await page.evaluate(async () => {
      const file = await evidenceTest.photo(4000, 3000);
      const small = await evidenceTest.prepareFile(file, false);
      const kept = await evidenceTest.prepareFile(file, true);
      return {
        original: file.size,
        small: {
          name: small.name,
          type: small.blob.type,
          size: small.blob.size,
          dims: await evidenceTest.size(small.blob),
          downscaled: small.downscaled,
          thumb: small.thumbnail?.slice(0, 23),
          thumbDims: small.thumbnail ? await evidenceTest.size(await (await fetch(small.thumbnail)).blob()) : null,
        },
        kept: { same: kept.blob === file, name: kept.name, thumb: !!kept.thumbnail },
      };
    });
    expect(r.small.name).toBe('IMG_20231110_093512.jpg');
    expect(r.small.type).toBe('image/jpeg');
    expect(r.small.dims).toEqual([2500, 1875]);
    expect(r.small.downscaled).toEqual({ from: [4000, 3000], to: [2500, 1875] });
    expect(r.small.size).toBeLessThan(r.original);
    expect(r.small.thumb).toBe('data:image/jpeg;base64,');
    expect(r.small.thumbDims).toEqual([96, 72]);
    expect(r.kept).toEqual({ same: true, name: 'IMG_20231110_093512.jpg', thumb: true });
  });

  it('sends a photo of at most 2500 px and a PDF as they are; only the photo gets a thumbnail', async () => {
    const r = await page.evaluate(async () => {
      const photo = await evidenceTest.photo(2500, 1400);
      const pdf = new File(['%PDF-1.4 minutes'], '会议纪要.pdf', { type: 'application/pdf' });
      const a = await evidenceTest.prepareFile(photo, false);
      const b = await evidenceTest.prepareFile(pdf, false);
      return {
        photoSame: a.blob === photo,
        photoThumb: !!a.thumbnail,
        pdfSame: b.blob === pdf,
        pdfThumb: b.thumbnail ?? null,
      };
    });
    expect(r).toEqual({ photoSame: true, photoThumb: true, pdfSame: true, pdfThumb: null });
  });

  it('sends a HEIC photo as it is, marked so the pane can say the browser could not shrink it', async () => {
    const r = await page.evaluate(async () => {
      const heic = new File([new Uint8Array(3_000_000)], 'IMG_0042.HEIC', { type: '' });
      const p = await evidenceTest.prepareFile(heic, false);
      return { same: p.blob === heic, heic: p.heic ?? false, thumb: p.thumbnail ?? null };
    });
    expect(r).toEqual({ same: true, heic: true, thumb: null });
  });

  it('hashes a 6 MB file without crypto.subtle (a page over plain http) to the digest crypto.subtle gives', async () => {
    const r = await page.evaluate(async () => {
      const bytes = new Uint8Array(6 * 1024 * 1024 + 5).map((_, i) => (i * 31 + (i >> 9)) & 255);
      const blob = new Blob([bytes]);
      return { plain: await evidenceTest.sha256Hex(blob, undefined), subtle: await evidenceTest.sha256Hex(blob) };
    });
    expect(r.plain).toMatch(/^[0-9a-f]{64}$/);
    expect(r.plain).toBe(r.subtle);
  });
});

// The 通报 .docx as Word reads it: a zip whose word/document.xml holds the title, every section's text and the
// tables, the ranking table's header repeated on each page; A4 portrait; every run in a named East Asian face marked
// zh-CN, each face with its fallback in word/fontTable.xml. (LibreOffice opens it and prints it to PDF with the CJK
// fonts embedded in test/e2e/closure-review.e2e.test.ts; Word and WPS cannot run here.)
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBulletin } from '../../core/closure/index.ts';
import { bulletinDocx, FONT_FALLBACKS } from '../../addin/files/bulletin-docx.ts';
import { bulletinInput } from '../fixtures/bulletin-input.ts';

const bulletin = buildBulletin(bulletinInput());
const files = unzipSync(await bulletinDocx(bulletin));
const xml = strFromU8(files['word/document.xml']!);
/** The document's text runs joined per paragraph, as a reader sees them. */
const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
  [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
);

describe('bulletinDocx', () => {
  it('is a Word document whose first paragraph is the title', () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    expect(paragraphs[0]).toBe('关于勐来乡2023年整改工作推进情况的通报');
  });

  it('carries every heading, paragraph and table cell of the bulletin, in order', () => {
    const expected = [
      bulletin.basis,
      ...bulletin.sections.flatMap((s) => [
        s.heading,
        ...s.paragraphs,
        ...(s.table ? [...s.table.header, ...s.table.rows.flat()] : []),
      ]),
      ...bulletin.closing,
    ];
    let at = 0;
    for (const text of expected) {
      const found = paragraphs.indexOf(text, at);
      expect(found, text).toBeGreaterThanOrEqual(at);
      at = found;
    }
  });

  it('repeats each table’s header row on every page and lays the page out as A4 portrait', () => {
    expect((xml.match(/<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1)"\/>/g) ?? []).length).toBe(
      bulletin.sections.filter((s) => s.table).length,
    );
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('names an East Asian face and the zh-CN language in every run: 小标宋 for the title, 黑体 and 仿宋 below', () => {
    const runs = [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(50);
    const faces = runs.map((r) => /<w:rFonts [^>]*w:eastAsia="([^"]+)"/.exec(r)?.[1]);
    expect(new Set(faces)).toEqual(new Set(['方正小标宋简体', '黑体', '仿宋_GB2312']));
    expect(faces[0]).toBe('方正小标宋简体');
    for (const r of runs) expect(r).toMatch(/<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
  });

  it('gives each face a fallback Word uses on a PC without it, as a GB2312 font', () => {
    const table = strFromU8(files['word/fontTable.xml']!);
    const fonts = [...table.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].map((m) => ({
      name: m[1],
      altName: /<w:altName w:val="([^"]+)"\/>/.exec(m[2]!)?.[1],
      charset: /<w:charset w:val="([^"]+)"\/>/.exec(m[2]!)?.[1],
    }));
    expect(fonts).toEqual([
      { name: '方正小标宋简体', altName: '宋体', charset: '86' },
      { name: '黑体', altName: 'SimHei', charset: '86' },
      { name: '仿宋_GB2312', altName: '仿宋', charset: '86' },
    ]);
    expect(fonts.map((f) => f.name)).toEqual(FONT_FALLBACKS.map((f) => f.name));
    // The package still points Word at that table.
    expect(strFromU8(files['word/_rels/document.xml.rels']!)).toContain('Target="fontTable.xml"');
  });
});

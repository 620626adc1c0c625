// The 通报 .docx as Word reads it: a zip whose word/document.xml holds the title, every section's text and the
// tables, the ranking table's header repeated on each page; A4 portrait. (LibreOffice opens it in
// test/e2e/closure-review.e2e.test.ts.)
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBulletin } from '../../core/closure/index.ts';
import { bulletinDocx } from '../../addin/files/bulletin-docx.ts';
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
});

// The 通报 draft as an editable .docx (Word, WPS, LibreOffice): core's Bulletin laid out as a government notice —
// A4 portrait, title centred in a large song face, 一、 headings in 黑体, body in 仿宋, tables with a repeated header
// row. Every run names its face for East Asian text (w:rFonts eastAsia) and says the text is zh-CN (w:lang), and the
// font table tells Word what to use on a PC without a face (w:altName, GB2312 charset, family and panose, as Word
// writes them). The only code that imports the `docx` library, loaded with import() as a chunk of its own: the pane
// never downloads it until the supervisor asks for a 通报.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Bulletin, BulletinTable } from '../../core/closure/index.ts';

/** Font sizes in half-points: 二号 (22 pt) for the title, 三号 (16 pt) for the text, 五号 (10.5 pt) in tables. */
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const TABLE_SIZE = 21;
const SONG = '方正小标宋简体';
const HEI = '黑体';
const FANG = '仿宋_GB2312';

/**
 * word/fontTable.xml: each face with the one Word falls back to when it is missing — 宋体 for the title face (often
 * not installed), SimHei (黑体's other name), 仿宋 (what Windows ships since Vista in place of 仿宋_GB2312).
 */
export const FONT_FALLBACKS: readonly {
  name: string;
  altName: string;
  panose: string;
  family: string;
  pitch: string;
}[] = [
  { name: SONG, altName: '宋体', panose: '02000000000000000000', family: 'auto', pitch: 'variable' },
  { name: HEI, altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: FANG, altName: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
];
const FONT_TABLE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  FONT_FALLBACKS.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('') +
  '</w:fonts>';
/** A4 in twips, with the 公文 margins (top 37 mm, sides 28/26 mm, bottom 35 mm). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
const LINE = { line: 560, lineRule: 'exact' as const };

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun({
    text,
    bold,
    size,
    font: { ascii: font, eastAsia: font, hAnsi: font },
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });

const body = (text: string) =>
  new Paragraph({ children: [run(text, FANG, BODY_SIZE)], indent: { firstLine: 640 }, spacing: LINE });

/** Text width in half-em: a CJK character is two, anything else one. */
const displayWidth = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
/** The page's text width in twips (A4 less the margins). */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/** Column widths in twips, each in proportion to its longest cell (clamped): 名次 stays narrow, 督办要求 gets room. */
export function columnWidths(t: BulletinTable): number[] {
  // Two half-em over the longest cell: the cell's own margins, and digits a little wider than half an em.
  const weights = t.header.map((h, c) =>
    Math.min(28, 2 + Math.max(6, displayWidth(h), ...t.rows.map((r) => displayWidth(r[c] ?? '')))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
}

function table(t: BulletinTable): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, header ? HEI : FANG, TABLE_SIZE)],
        }),
      ],
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  const widths = columnWidths(t);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h, c) => cell(h, true, widths[c]!)) }),
      ...t.rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((text, c) => cell(text, false, widths[c]!)) }),
      ),
    ],
  });
}

export function bulletinDocument(b: Bulletin): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [run(b.title, SONG, TITLE_SIZE)],
    }),
    new Paragraph({ children: [run('各村（社区）、各站所：', FANG, BODY_SIZE)], spacing: LINE }),
    body(b.basis),
  ];
  for (const s of b.sections) {
    children.push(
      new Paragraph({ children: [run(s.heading, HEI, BODY_SIZE)], indent: { firstLine: 640 }, spacing: LINE }),
    );
    for (const p of s.paragraphs) children.push(body(p));
    if (s.table) children.push(table(s.table), new Paragraph({ children: [] }));
  }
  children.push(
    new Paragraph({ children: [], spacing: LINE }),
    ...b.closing.map(
      (line) =>
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(line, FANG, BODY_SIZE)], spacing: LINE }),
    ),
  );
  return new Document({
    creator: '整改进度填报助手',
    title: b.title,
    sections: [{ properties: { page: { size: A4, margin: MARGIN } }, children }],
  });
}

/** The .docx file's bytes. */
export async function bulletinDocx(b: Bulletin): Promise<Uint8Array> {
  const blob = await Packer.toBlob(bulletinDocument(b), false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
  return new Uint8Array(await blob.arrayBuffer());
}

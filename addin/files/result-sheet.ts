// The 校验结果 sheet of a 标注版, added to the user's .xlsx package as XML: one line per issue (sheet, row, column,
// level, message) in text cells (the caller neutralises the texts), so nothing in it is ever read as a formula. A workbook that already has a
// 校验结果 sheet (a 标注版 checked again) gets its content replaced.
import type { MarkStyles } from './mark-cells.ts';
import { attributes, escapeXml, type XlsxPackage } from './xlsx-package.ts';

const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** "xl/worksheets/sheet2.xml" for each sheet name, from xl/workbook.xml and its relationships. */
export function sheetParts(pkg: XlsxPackage): Map<string, string> {
  const workbook = pkg.read('xl/workbook.xml') ?? '';
  const rels = pkg.read('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id && a.Target)
      targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target.replace(/^\.\//, '')}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = id ? targets.get(id) : undefined;
    if (a.name && target) out.set(a.name, target);
  }
  return out;
}

export interface ResultLine {
  sheet: string;
  row: number | '';
  column: string;
  level: string;
  message: string;
}

const HEADER = ['工作表', '行', '列', '级别', '问题'];
const WIDTHS = [14, 6, 6, 8, 80];

function cell(ref: string, value: string | number, style: number): string {
  if (typeof value === 'number') return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

function resultXml(lines: readonly ResultLine[], text: number, bold: number): string {
  const rows = [HEADER, ...lines.map((l) => [l.sheet, l.row, l.column, l.level, l.message])].map(
    (values, i) =>
      `<row r="${i + 1}">${values.map((v, j) => (v === '' ? '' : cell(`${'ABCDE'[j]}${i + 1}`, v, i === 0 ? bold : text))).join('')}</row>`,
  );
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // Printed like the checklist: A4 landscape, one page wide.
  const fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  const page =
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}">${fit}<cols>${cols}</cols><sheetData>${rows.join('')}</sheetData>${page}</worksheet>`;
}

/** Writes the 校验结果 sheet into the package (replacing an existing one's content) as the last sheet. */
export function writeResultSheet(
  pkg: XlsxPackage,
  name: string,
  lines: readonly ResultLine[],
  styles: MarkStyles,
): void {
  const text = styles.add({ numFmtId: 49, applyNumberFormat: 1 });
  const bold = styles.add({ fontId: boldFont(styles), applyFont: 1, numFmtId: 49, applyNumberFormat: 1 });
  const xml = resultXml(lines, text, bold);
  const existing = sheetParts(pkg).get(name);
  if (existing) return pkg.write(existing, xml);

  let n = 1;
  while (pkg.read(`xl/worksheets/sheet${n}.xml`) !== undefined) n++;
  const part = `xl/worksheets/sheet${n}.xml`;
  pkg.write(part, xml);
  const relId = `rIdRectify${n}`;
  const rels = pkg.read('xl/_rels/workbook.xml.rels')!;
  pkg.write(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="${relId}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    ),
  );
  const types = pkg.read('[Content_Types].xml')!;
  pkg.write(
    '[Content_Types].xml',
    types.replace('</Types>', `<Override PartName="/${part}" ContentType="${WORKSHEET_CONTENT}"/></Types>`),
  );
  const workbook = pkg.read('xl/workbook.xml')!;
  const sheetIds = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => Number(attributes(m[0]).sheetId) || 0);
  // The prefix the workbook gives the relationships namespace (r: almost always).
  const prefix = /<sheet\b[^>]*\s([\w]+):id=/.exec(workbook)?.[1] ?? 'r';
  const entry = `<sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${prefix}:id="${relId}"/>`;
  pkg.write('xl/workbook.xml', workbook.replace('</sheets>', `${entry}</sheets>`));
}

/** A bold copy of the workbook's first font. */
function boldFont(styles: MarkStyles): number {
  const first = /<fonts\b[^>]*>\s*(<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>))/.exec(styles.xml)?.[1] ?? '<font/>';
  const bold = first.endsWith('/>')
    ? first.replace(/\/>$/, '><b/></font>')
    : first.replace(/^<font\b[^>]*>/, (open) => `${open}<b/>`);
  return styles.appendTo('fonts', 'font', bold);
}

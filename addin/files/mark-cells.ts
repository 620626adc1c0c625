// 标注版's marks, written into the user's own XML: each flagged cell gets a cell format of its own that is its
// original format with the pane's red or yellow fill (styles.xml grows by two fills and one format per original
// format and colour), and nothing else changes. exceljs could not do this: loading a workbook shares one style
// object between all cells of the same format, so filling one cell filled hundreds, and saving dropped what it does
// not model (fit-to-page written as "true", margins, headers and footers).
import { columnLetter } from '../../core/checklist/columns.ts';
import { attributes } from './xlsx-package.ts';

export type MarkSeverity = 'error' | 'warning';
export interface CellMark {
  row: number;
  column: string;
  severity: MarkSeverity;
}

/** "H" → 8, "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

const element = (name: string) => new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
const container = (name: string) => new RegExp(`<${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${name}>)`);

/** Appends a child to a list element of styles.xml (fills, fonts, cellXfs), keeping its count; returns its index. */
export function appendChild(xml: string, list: string, item: string, child: string): { xml: string; index: number } {
  const m = container(list).exec(xml);
  if (!m) throw new Error(`styles.xml has no <${list}>`);
  const index = (m[2] ?? '').match(element(item))?.length ?? 0;
  const open = `<${list}${m[1]!.replace(/\s*count="\d*"/, '')} count="${index + 1}">`;
  return {
    xml: xml.slice(0, m.index) + open + (m[2] ?? '') + child + `</${list}>` + xml.slice(m.index + m[0].length),
    index,
  };
}

/** One element's opening tag with attributes set (replaced when present, added when not). */
function setAttributes(tag: string, values: Record<string, string | number>): string {
  let out = tag;
  for (const [name, value] of Object.entries(values)) {
    const re = new RegExp(`\\s${name}="[^"]*"`);
    out = re.test(out) ? out.replace(re, ` ${name}="${value}"`) : out.replace(/^<([\w:]+)/, `<$1 ${name}="${value}"`);
  }
  return out;
}

/** styles.xml with the marking fills and, on demand, the marked variant of any existing cell format. */
export class MarkStyles {
  private fillIds: Record<MarkSeverity, number>;
  private made = new Map<string, number>();
  private formats: string[];

  constructor(
    public xml: string,
    colors: Record<MarkSeverity, string>,
  ) {
    const fill = (hex: string) =>
      `<fill><patternFill patternType="solid"><fgColor rgb="FF${hex.replace('#', '').toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`;
    const error = appendChild(this.xml, 'fills', 'fill', fill(colors.error));
    const warning = appendChild(error.xml, 'fills', 'fill', fill(colors.warning));
    this.xml = warning.xml;
    this.fillIds = { error: error.index, warning: warning.index };
    this.formats = container('cellXfs').exec(this.xml)?.[2]?.match(element('xf')) ?? [];
    if (!this.formats.length) throw new Error('styles.xml has no cell formats');
  }

  /** The index of cell format `s` with the mark's fill, added the first time it is asked for. */
  marked(s: number, severity: MarkSeverity): number {
    const key = `${s}:${severity}`;
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const base = this.formats[s] ?? this.formats[0]!;
    const open = /^<xf\b[^>]*?(?=\/?>)/.exec(base)![0];
    const copy = setAttributes(open, { fillId: this.fillIds[severity], applyFill: 1 }) + base.slice(open.length);
    const index = this.appendTo('cellXfs', 'xf', copy);
    this.made.set(key, index);
    return index;
  }

  /** Appends a child to one of the lists (fonts, fills, cellXfs) and returns its index. */
  appendTo(list: string, item: string, child: string): number {
    const added = appendChild(this.xml, list, item, child);
    this.xml = added.xml;
    return added.index;
  }

  /** A new cell format: format 0 with a number format id (49 = text "@") and, optionally, a font. */
  add(values: Record<string, string | number>): number {
    const open = /^<xf\b[^>]*?(?=\/?>)/.exec(this.formats[0]!)![0];
    return this.appendTo('cellXfs', 'xf', `${setAttributes(open, values)}/>`);
  }
}

interface Part {
  start: number;
  end: number;
  text: string;
}
const partsOf = (text: string, name: string, offset = 0): Part[] =>
  [...text.matchAll(element(name))].map((m) => ({
    start: offset + m.index!,
    end: offset + m.index! + m[0].length,
    text: m[0],
  }));

/** The sheet XML with every mark's cell given its marked format; absent cells and rows are added, in order. */
export function markCells(sheetXml: string, marks: readonly CellMark[], styles: MarkStyles): string {
  // Errors win over warnings on the same cell.
  const byRow = new Map<number, Map<number, MarkSeverity>>();
  for (const m of marks) {
    const row = byRow.get(m.row) ?? new Map<number, MarkSeverity>();
    const col = columnNumber(m.column);
    if (row.get(col) !== 'error') row.set(col, m.severity);
    byRow.set(m.row, row);
  }
  const colStyles = partsOf(sheetXml, 'col').map((c) => attributes(c.text));
  const columnStyle = (col: number) =>
    Number(colStyles.find((a) => Number(a.min) <= col && col <= Number(a.max))?.style ?? 0);

  const data = container('sheetData').exec(sheetXml);
  if (!data) throw new Error('sheet has no <sheetData>');
  // <sheetData/>: an empty sheet; opened up, every row is new.
  if (!data[0].includes('</sheetData>'))
    return markCells(
      sheetXml.slice(0, data.index) + '<sheetData></sheetData>' + sheetXml.slice(data.index + data[0].length),
      marks,
      styles,
    );
  const innerStart = data.index + data[0].indexOf('>') + 1;
  const inner = data[2] ?? '';
  const rows = partsOf(inner, 'row', innerStart);
  const edits: { at: number; remove: number; insert: string }[] = [];
  let rowNumber = 0;
  const seen = new Set<number>();
  for (const row of rows) {
    const a = attributes(/^<row\b[^>]*/.exec(row.text)![0]);
    rowNumber = a.r ? Number(a.r) : rowNumber + 1;
    const wanted = byRow.get(rowNumber);
    if (!wanted) continue;
    seen.add(rowNumber);
    const rowStyle = a.customFormat === '1' || a.customFormat === 'true' ? Number(a.s ?? 0) : undefined;
    const open = /^<row\b[^>]*?(?=\/?>)/.exec(row.text)![0];
    const selfClosing = row.text.endsWith('/>') && !row.text.includes('</row>');
    const body = selfClosing ? '' : row.text.slice(row.text.indexOf('>') + 1, -'</row>'.length);
    const bodyStart = row.start + (selfClosing ? row.text.length : row.text.indexOf('>') + 1);
    let column = 0;
    const cells = partsOf(body, 'c', bodyStart).map((c) => {
      const r = attributes(/^<c\b[^>]*/.exec(c.text)![0]).r;
      column = r ? columnNumber(r.replace(/\d+$/, '')) : column + 1;
      return { ...c, column };
    });
    const inserts: string[] = [];
    for (const [col, severity] of [...wanted].sort((x, y) => x[0] - y[0])) {
      const cell = cells.find((c) => c.column === col);
      if (cell) {
        const tag = /^<c\b[^>]*?(?=\/?>)/.exec(cell.text)![0];
        const s = Number(/\ss="(\d+)"/.exec(tag)?.[1] ?? rowStyle ?? columnStyle(col));
        edits.push({
          at: cell.start,
          remove: tag.length,
          insert: setAttributes(tag, { s: styles.marked(s, severity) }),
        });
        continue;
      }
      const fresh = `<c r="${columnLetter(col - 1)}${rowNumber}" s="${styles.marked(rowStyle ?? columnStyle(col), severity)}"/>`;
      const next = cells.find((c) => c.column > col);
      if (next) edits.push({ at: next.start, remove: 0, insert: fresh });
      else inserts.push(fresh);
    }
    if (selfClosing)
      edits.push({ at: row.start, remove: row.text.length, insert: `${open}>${inserts.join('')}</row>` });
    else if (inserts.length) edits.push({ at: row.end - '</row>'.length, remove: 0, insert: inserts.join('') });
  }
  // Rows the sheet does not have yet, each before the first row below it.
  for (const [r, wanted] of [...byRow].filter(([r]) => !seen.has(r)).sort((x, y) => x[0] - y[0])) {
    const cells = [...wanted]
      .sort((x, y) => x[0] - y[0])
      .map(([col, sev]) => `<c r="${columnLetter(col - 1)}${r}" s="${styles.marked(columnStyle(col), sev)}"/>`);
    const below = rows.find((row) => Number(attributes(/^<row\b[^>]*/.exec(row.text)![0]).r) > r);
    edits.push({
      at: below ? below.start : innerStart + inner.length,
      remove: 0,
      insert: `<row r="${r}">${cells.join('')}</row>`,
    });
  }
  // Applied in one pass from the start; at one position the inserts go first (in the order made), then the
  // replacement.
  const replaces = (e: { remove: number }) => (e.remove > 0 ? 1 : 0);
  const ordered = edits
    .map((e, i) => ({ ...e, i }))
    .sort((x, y) => x.at - y.at || replaces(x) - replaces(y) || x.i - y.i);
  const pieces: string[] = [];
  let from = 0;
  for (const e of ordered) {
    pieces.push(sheetXml.slice(from, e.at), e.insert);
    from = e.at + e.remove;
  }
  pieces.push(sheetXml.slice(from));
  return pieces.join('');
}

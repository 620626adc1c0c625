// A SheetSpec as a printable HTML table (the page without Excel, and the 汇总表's print check): same title, header,
// rows, merges (row spans / column spans) and fills; A4 landscape via @page when the spec asks for it. Text is
// escaped; nothing from users becomes markup.
import { columnIndex } from '../excel/address-chunks.ts';
import type { SheetSpec } from '../sheets/summary-sheets.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function spans(spec: SheetSpec): { span: Map<string, [number, number]>; hidden: Set<string> } {
  const span = new Map<string, [number, number]>();
  const hidden = new Set<string>();
  for (const area of spec.merges ?? []) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(area);
    if (!m) continue;
    const [c0, r0, c1, r1] = [columnIndex(m[1]!), Number(m[2]), columnIndex(m[3]!), Number(m[4])];
    span.set(`${r0}:${c0}`, [r1 - r0 + 1, c1 - c0 + 1]);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) hidden.add(`${r}:${c}`);
  }
  return { span, hidden };
}

export function sheetHtml(spec: SheetSpec): string {
  const { span, hidden } = spans(spec);
  const fill = new Map<string, string>();
  for (const [color, cells] of Object.entries(spec.fills))
    for (const c of cells) fill.set(`${c.row}:${columnIndex(c.column)}`, color);
  const total = spec.widths.reduce((a, b) => a + b, 0);
  const cols = spec.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const body = spec.rows.map((row, i) => {
    const r = i + 3;
    const cells = spec.header.map((_, c) => {
      if (hidden.has(`${r}:${c}`)) return '';
      const [rs, cs] = span.get(`${r}:${c}`) ?? [1, 1];
      const v = row[c] ?? '';
      const bg = fill.get(`${r}:${c}`);
      const attrs = `${rs > 1 ? ` rowspan="${rs}"` : ''}${cs > 1 ? ` colspan="${cs}"` : ''}${bg ? ` style="background:${bg}"` : ''}${typeof v === 'number' ? ' class="n"' : ''}`;
      return `<td${attrs}>${esc(String(v)).replace(/\n/g, '<br>')}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const page = spec.print ? `@page { size: ${spec.print.paperSize} ${spec.print.orientation}; margin: 10mm; }` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(spec.name)}</title><style>
${page}
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 9pt; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 2px 3px; vertical-align: top; word-break: break-all; }
th { background: #DCE9F7; }
td.n { text-align: right; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
</style></head><body><h1>${esc(spec.title)}</h1><table><colgroup>${cols}</colgroup><thead><tr>${spec.header.map((x) => `<th>${esc(x)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table></body></html>`;
}

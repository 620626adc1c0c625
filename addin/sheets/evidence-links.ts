// 佐证材料 as links in the supervisor's sheets, after the table's last column, each link cell's text through the
// formula-safe rule. 报送明细 gets a cell per file, to the page's `?evidence=<id>` (the file itself). 整改进展汇总表 gets
// a cell per (measure, unit) with the unit's count of files, to the page's `?evidence-list=<unit>&plan&measure&period`
// (佐证材料查阅 filtered to them), so a measure with many files does not make the sheet many columns wide. Opened in a
// browser signed in to that server, the page shows the file or the list; signed out, it asks to connect first
// (addin/panels/evidence-link.ts). Pure.
import { columnLetter } from '../../core/checklist/columns.ts';
import type { EvidenceListQuery } from '../../core/schemas/evidence.ts';
import { neutraliseFormula } from '../../core/text/formula-safe.ts';
import type { SheetSpec } from './summary-sheets.ts';

/** A file as a sheet row names it; `label` (the unit) goes before the name where one row joins several units. */
export interface LinkedFile {
  id: string;
  name: string;
  label?: string;
}

/** One unit's files for one measure and period: the cell shows `count`, its link opens them in 佐证材料查阅. */
export interface LinkedList {
  list: Required<EvidenceListQuery>;
  count: number;
  label?: string;
}

/** The link cells of one sheet row (1-based, as SheetSpec.fills counts): one per file, or one per unit's files. */
export type RowFiles = { row: number; files: LinkedFile[] } | { row: number; lists: LinkedList[] };

/** One hyperlink cell; its text is also in the spec's rows. */
export interface SheetLink {
  row: number;
  column: string;
  url: string;
  text: string;
}

const FILE_COLUMN_WIDTH = 18;
const page = (origin: string) => `${origin.replace(/\/+$/, '')}/`;

/** The page's address that opens file `id` for whoever is signed in there. */
export const evidencePageUrl = (origin: string, id: string) => `${page(origin)}?evidence=${encodeURIComponent(id)}`;

/** The page's address that lists one unit's files for one measure and period in 佐证材料查阅. */
export function evidenceListUrl(origin: string, q: Required<EvidenceListQuery>): string {
  const params = new URLSearchParams({ 'evidence-list': q.unit, plan: q.plan, measure: q.measure, period: q.period });
  return `${page(origin)}?${params}`;
}

/** The filter of a `?evidence-list=` address: null when it has none, 'bad' when one of its parts is missing. */
export function evidenceListOf(search: URLSearchParams): Required<EvidenceListQuery> | 'bad' | null {
  const unit = search.get('evidence-list');
  if (unit === null) return null;
  const q = { unit, plan: search.get('plan'), measure: search.get('measure'), period: search.get('period') };
  return Object.values(q).every((v) => v) ? (q as Required<EvidenceListQuery>) : 'bad';
}

const withLabel = (label: string | undefined, text: string) => (label ? `${label}：${text}` : text);

/** A row's link cells, text and address. */
function cellsOf(r: RowFiles, origin: string): { text: string; url: string }[] {
  if ('files' in r)
    return r.files.map((f) => ({ text: withLabel(f.label, f.name), url: evidencePageUrl(origin, f.id) }));
  return r.lists.map((l) => ({ text: withLabel(l.label, `${l.count} 个文件`), url: evidenceListUrl(origin, l.list) }));
}

/** The spec with its rows' link cells as columns 佐证文件1…n / 佐证材料1…n (unchanged when no row has one). */
export function linkEvidence(spec: SheetSpec, origin: string): SheetSpec {
  const withCells = (spec.evidence ?? []).map((r) => ({ row: r.row, cells: cellsOf(r, origin) }));
  const most = Math.max(0, ...withCells.map((r) => r.cells.length));
  if (!most) return spec;
  const heading = spec.evidence!.some((r) => 'lists' in r) ? '佐证材料' : '佐证文件';
  const first = Math.max(spec.header.length, ...spec.rows.map((r) => r.length));
  const pad = <T>(xs: T[], fill: T) => [...xs, ...Array<T>(Math.max(0, first - xs.length)).fill(fill)];
  const fileColumns = Array.from({ length: most }, (_, j) => first + j);
  const rows = spec.rows.map((r) => [...r]);
  const links: SheetLink[] = [];
  for (const { row, cells } of withCells) {
    if (!cells.length) continue;
    const values = pad(rows[row - 3]!, '');
    cells.forEach((c, j) => {
      const text = neutraliseFormula(c.text);
      values[first + j] = text;
      links.push({ row, column: columnLetter(first + j), url: c.url, text });
    });
    rows[row - 3] = values;
  }
  return {
    ...spec,
    header: [...pad(spec.header, ''), ...fileColumns.map((_, j) => `${heading}${j + 1}`)],
    rows,
    widths: [...pad(spec.widths, 8), ...fileColumns.map(() => FILE_COLUMN_WIDTH)],
    text: [...spec.text, ...fileColumns],
    links: [...(spec.links ?? []), ...links],
  };
}

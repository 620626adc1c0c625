// 佐证材料 as links in the supervisor's sheets (报送明细, 整改进展汇总表): each file of a row gets a cell of its own
// after the table's last column, its text the file's name through the formula-safe rule, its target the page's
// `?evidence=<id>`. Opened in a browser signed in to that server, the page fetches a 10-minute link and shows the
// file; signed out, it asks to connect first (addin/panels/evidence-link.ts). Pure.
import { columnLetter } from '../../core/checklist/columns.ts';
import { neutraliseFormula } from '../../core/text/formula-safe.ts';
import type { SheetSpec } from './summary-sheets.ts';

/** A file as a sheet row names it; `label` (the unit) goes before the name where one row joins several units. */
export interface LinkedFile {
  id: string;
  name: string;
  label?: string;
}

/** The files of one sheet row (1-based, as SheetSpec.fills counts). */
export interface RowFiles {
  row: number;
  files: LinkedFile[];
}

/** One hyperlink cell; its text is also in the spec's rows. */
export interface SheetLink {
  row: number;
  column: string;
  url: string;
  text: string;
}

const FILE_COLUMN_WIDTH = 18;

/** The page's address that opens file `id` for whoever is signed in there. */
export const evidencePageUrl = (origin: string, id: string) =>
  `${origin.replace(/\/+$/, '')}/?evidence=${encodeURIComponent(id)}`;

/** The spec with its rows' files as link columns 佐证文件1…n (unchanged when no row has a file). */
export function linkEvidence(spec: SheetSpec, origin: string): SheetSpec {
  const withFiles = (spec.evidence ?? []).filter((r) => r.files.length);
  const most = Math.max(0, ...withFiles.map((r) => r.files.length));
  if (!most) return spec;
  const first = Math.max(spec.header.length, ...spec.rows.map((r) => r.length));
  const pad = <T>(xs: T[], fill: T) => [...xs, ...Array<T>(Math.max(0, first - xs.length)).fill(fill)];
  const fileColumns = Array.from({ length: most }, (_, j) => first + j);
  const rows = spec.rows.map((r) => [...r]);
  const links: SheetLink[] = [];
  for (const { row, files } of withFiles) {
    const cells = pad(rows[row - 3]!, '');
    files.forEach((f, j) => {
      const text = neutraliseFormula(f.label ? `${f.label}：${f.name}` : f.name);
      cells[first + j] = text;
      links.push({ row, column: columnLetter(first + j), url: evidencePageUrl(origin, f.id), text });
    });
    rows[row - 3] = cells;
  }
  return {
    ...spec,
    header: [...pad(spec.header, ''), ...fileColumns.map((_, j) => `佐证文件${j + 1}`)],
    rows,
    widths: [...pad(spec.widths, 8), ...fileColumns.map(() => FILE_COLUMN_WIDTH)],
    text: [...spec.text, ...fileColumns],
    links: [...(spec.links ?? []), ...links],
  };
}

// CSV writing for /export.csv: CRLF lines, a UTF-8 BOM so Excel opens Chinese text correctly, and every text cell
// passed through core's neutraliseCsvText (OWASP CSV injection) and quoted. Quoting every text, not only where RFC 4180
// requires it, keeps a cell whole under any separator an importer may split on (LibreOffice's Text Import offers tab,
// comma, semicolon and space; Excel uses the locale's comma or semicolon) as long as the importer takes the quotes;
// for one that does not, neutraliseCsvText has put an apostrophe before every sign that follows a separator.
import { neutraliseCsvText } from '../../core/text/formula-safe.ts';

export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return `"${neutraliseCsvText(value).replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

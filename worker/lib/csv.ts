// CSV writing for /export.csv: RFC 4180 quoting, CRLF lines, a UTF-8 BOM so Excel opens Chinese text correctly,
// and every text cell passed through core's neutraliseFormula (OWASP CSV injection).
import { neutraliseFormula } from '../../core/index.ts';

export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// The checklist's columns as fields of the column-matching step (core/sheet/column-match.ts): a unit's ledger whose
// required columns have other headers (目前工作推进情况, 办理状态) gets each one suggested by similarity, and the
// clerk's confirmed choice is read as if the sheet had the template's headers (confirmedHeader).
import { COLUMNS, type ColumnKey } from './columns.ts';
import { isLedgerHeader } from './match-rows.ts';
import type { FieldSpec } from '../sheet/column-match.ts';
import type { HeaderResult } from '../sheet/find-header.ts';

export const CHECKLIST_FIELDS: readonly FieldSpec<ColumnKey>[] = COLUMNS.map((c) => ({
  key: c.key,
  names: [c.header, c.headerEn, ...c.aliases],
  required: c.required,
}));

/** Which column holds each checklist field, as the clerk confirmed it. */
export interface ChecklistColumns {
  /** 0-based row of the header in the grid. */
  headerRow: number;
  columns: Partial<Record<ColumnKey, number>>;
}

/** The confirmed columns as a found header: required columns left unchosen are still reported missing. */
export function confirmedHeader(chosen: ChecklistColumns): HeaderResult {
  const missing = COLUMNS.filter((c) => c.required && chosen.columns[c.key] === undefined).map((c) => c.key);
  return { headerRow: chosen.headerRow, columns: { ...chosen.columns }, missing, duplicates: [] };
}

/** The checklist's copy of the plan, which a ledger matched by its wording may leave out or merge over rows. */
export const PLAN_COPY: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  'measureId',
  'measure',
  'responsibleUnits',
  'deadline',
]);

/** Required columns the headers did not name (a ledger without 措施编号 needs no copy of the plan): ask for these. */
export function columnsToAsk(header: HeaderResult): ColumnKey[] {
  if (header.headerRow < 0) return [];
  return isLedgerHeader(header.columns) ? header.missing.filter((k) => !PLAN_COPY.has(k)) : header.missing;
}

// What the user confirmed in a matching step, kept on this computer (localStorage) so the same table is read the
// same way next time without asking again: a plan table's or a ledger's columns by its header layout (each kind under
// its own key: the same header layout maps plan fields in one and checklist fields in the other), a ledger's rows by
// wording.
import { STORAGE_KEYS, type KeyValueStorage } from '../queue/storage.ts';

type Stored = Record<string, Record<string, number | string | null>>;

function load(storage: KeyValueStorage, key: string): Stored {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? '{}');
    return value && typeof value === 'object' ? (value as Stored) : {};
  } catch {
    return {};
  }
}

/** Which matching step: 导入整改方案 (a plan table) or 校验 (a unit's own ledger). */
export type ColumnTable = 'plan' | 'checklist';

const COLUMN_KEYS: Record<ColumnTable, string> = {
  plan: STORAGE_KEYS.planColumnChoices,
  checklist: STORAGE_KEYS.checklistColumnChoices,
};

/** The columns confirmed for a header layout (ColumnMatch.layoutKey) in that step, if any. */
export function rememberedColumns<K extends string>(
  storage: KeyValueStorage,
  table: ColumnTable,
  layoutKey: string,
): Partial<Record<K, number>> | undefined {
  return load(storage, COLUMN_KEYS[table])[layoutKey] as Partial<Record<K, number>> | undefined;
}

export function rememberColumns(
  storage: KeyValueStorage,
  table: ColumnTable,
  layoutKey: string,
  columns: object,
): void {
  const all = load(storage, COLUMN_KEYS[table]);
  all[layoutKey] = columns as Record<string, number>;
  storage.setItem(COLUMN_KEYS[table], JSON.stringify(all));
}

/** Measures confirmed per row wording (rowMatchKey) for one unit and plan; null = confirmed as unmatched. */
export function rememberedRows(storage: KeyValueStorage, scope: string): Map<string, string | null> {
  return new Map(Object.entries(load(storage, STORAGE_KEYS.rowChoices)[scope] ?? {}) as [string, string | null][]);
}

export function rememberRows(storage: KeyValueStorage, scope: string, rows: ReadonlyMap<string, string | null>): void {
  const all = load(storage, STORAGE_KEYS.rowChoices);
  all[scope] = { ...all[scope], ...Object.fromEntries(rows) };
  storage.setItem(STORAGE_KEYS.rowChoices, JSON.stringify(all));
}

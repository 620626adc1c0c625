// What the user confirmed in a matching step, kept on this computer (localStorage) so the same table is read the
// same way next time without asking again: a plan table's columns by its header layout, a ledger's rows by wording.
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

/** The columns confirmed for a header layout (ColumnMatch.layoutKey), if any. */
export function rememberedColumns<K extends string>(
  storage: KeyValueStorage,
  layoutKey: string,
): Partial<Record<K, number>> | undefined {
  return load(storage, STORAGE_KEYS.columnChoices)[layoutKey] as Partial<Record<K, number>> | undefined;
}

export function rememberColumns(storage: KeyValueStorage, layoutKey: string, columns: object): void {
  const all = load(storage, STORAGE_KEYS.columnChoices);
  all[layoutKey] = columns as Record<string, number>;
  storage.setItem(STORAGE_KEYS.columnChoices, JSON.stringify(all));
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

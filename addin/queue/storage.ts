// The slice of the Web Storage API the queue and receipt log need; localStorage in the pane, a Map in tests.
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Namespaced keys: the pane shares localStorage with whatever else the host serves from this origin. */
export const STORAGE_KEYS = {
  server: 'rectify:v1:server',
  token: 'rectify:v1:token',
  queue: 'rectify:v1:queue',
  receipts: 'rectify:v1:receipts',
  /** Last /me answers by fingerprint of server + token (see api/me-cache.ts). */
  me: 'rectify:v1:me',
  /** The plan this computer last worked on, when several are active. */
  plan: 'rectify:v1:plan',
  /** 主要负责人 last saved on this computer (the workbook's own, in Excel, comes first). */
  signer: 'rectify:v1:signer',
  /** 填报人 and 联系电话 likewise. */
  preparer: 'rectify:v1:preparer',
  preparerPhone: 'rectify:v1:preparer-phone',
  /** Column choices confirmed in 导入整改方案's matching step, by table layout (see core/sheet/column-match.ts). */
  planColumnChoices: 'rectify:v1:column-choices',
  /** The same for a unit's own ledger (校验 · 列对应): its own key, since the two steps map different fields. */
  checklistColumnChoices: 'rectify:v1:checklist-column-choices',
  /** Measures confirmed for a ledger's rows, by row wording (see core/checklist/match-rows.ts). */
  rowChoices: 'rectify:v1:row-choices',
} as const;

/** The server and token saved in 设置 (what every client of the pane connects with). */
export function savedConnection(storage: KeyValueStorage): { baseUrl: string; token: string } {
  return { baseUrl: storage.getItem(STORAGE_KEYS.server) ?? '', token: storage.getItem(STORAGE_KEYS.token) ?? '' };
}

export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

/**
 * Prefixes every key with Office's partition key. Microsoft's "Persist add-in state and settings" page: where Office
 * partitions an add-in's storage (Office on the web, new Outlook…), `Office.context.partitionKey` is set and
 * localStorage keys must start with it, or the data is not found again; elsewhere it is undefined. `onWrite` lets
 * the pane learn of every write (it mirrors the queue's keys into the workbook, see queue/pending-marker.ts).
 */
export class PartitionedStorage implements KeyValueStorage {
  constructor(
    private readonly base: KeyValueStorage,
    readonly prefix: string,
    private readonly onWrite?: (key: string) => void,
  ) {}
  getItem(key: string): string | null {
    return this.base.getItem(this.prefix + key);
  }
  setItem(key: string, value: string): void {
    this.base.setItem(this.prefix + key, value);
    this.onWrite?.(key);
  }
  removeItem(key: string): void {
    this.base.removeItem(this.prefix + key);
    this.onWrite?.(key);
  }
}

/** Office.context.partitionKey once Office is ready; '' outside Office or where Office does not partition. */
export function officePartitionKey(): string {
  try {
    return (typeof Office !== 'undefined' && Office.context?.partitionKey) || '';
  } catch {
    return '';
  }
}

/**
 * localStorage when usable (it can throw in locked-down WebViews), else a memory stand-in for this session; keys
 * partitioned by `partitionKey`. Call it after Office.onReady: before that the partition key is not known yet.
 */
export function browserStorage(partitionKey = '', onWrite?: (key: string) => void): KeyValueStorage {
  let base: KeyValueStorage;
  try {
    const s = globalThis.localStorage;
    const probe = `${partitionKey}rectify:v1:probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    base = s;
  } catch {
    base = new MemoryStorage();
  }
  return new PartitionedStorage(base, partitionKey, onWrite);
}

export function readJson<T>(storage: KeyValueStorage, key: string, fallback: T): T {
  const raw = storage.getItem(key);
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

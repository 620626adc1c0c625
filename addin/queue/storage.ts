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
} as const;

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

/** localStorage when usable (it can throw in locked-down WebViews), else a memory stand-in for this session. */
export function browserStorage(): KeyValueStorage {
  try {
    const s = globalThis.localStorage;
    const probe = 'rectify:v1:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return new MemoryStorage();
  }
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

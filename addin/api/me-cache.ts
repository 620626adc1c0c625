// /me with a fallback for a pane opened offline. The last successful answer is kept in localStorage (this computer
// only, like the token itself; never in the workbook), keyed by a fingerprint of server URL + token so a cached
// answer is only ever used for the very token it was given for. When /me cannot be reached (network, timeout,
// 5xx…) the cached answer lets the clerk validate, submit and queue; an answer that the token is invalid or
// revoked (401/403) forgets it, so a dead token never looks connected.
import type { Me } from '../../core/schemas/api.ts';
import { contentHash } from '../queue/content-hash.ts';
import { STORAGE_KEYS, readJson, type KeyValueStorage } from '../queue/storage.ts';
import { ApiError } from './api-error.ts';

export interface MeAnswer {
  me: Me;
  /** True when /me could not be reached and `me` is the cached answer from `savedAt`. */
  offline: boolean;
  savedAt: number;
}

interface CacheEntry {
  me: Me;
  savedAt: number;
}

/** At most this many server + token pairs are remembered (a clerk switching between a few units' tokens). */
export const ME_CACHE_LIMIT = 8;

/** Fingerprint of server URL + token; the token itself is never stored under it. */
export function meCacheId(server: string, token: string): string {
  return contentHash({ server: server.trim().replace(/\/+$/, ''), token: token.trim() });
}

export class MeCache {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly now: () => number = Date.now,
  ) {}

  get(server: string, token: string): CacheEntry | undefined {
    return this.all()[meCacheId(server, token)];
  }

  put(server: string, token: string, me: Me): void {
    const all = this.all();
    all[meCacheId(server, token)] = { me, savedAt: this.now() };
    const newest = Object.entries(all)
      .sort(([, a], [, b]) => b.savedAt - a.savedAt)
      .slice(0, ME_CACHE_LIMIT);
    this.storage.setItem(STORAGE_KEYS.me, JSON.stringify(Object.fromEntries(newest)));
  }

  forget(server: string, token: string): void {
    const all = this.all();
    delete all[meCacheId(server, token)];
    if (Object.keys(all).length) this.storage.setItem(STORAGE_KEYS.me, JSON.stringify(all));
    else this.storage.removeItem(STORAGE_KEYS.me);
  }

  private all(): Record<string, CacheEntry> {
    return readJson<Record<string, CacheEntry>>(this.storage, STORAGE_KEYS.me, {});
  }
}

/** Asks /me; falls back to the cached answer for this server + token when the server cannot be reached. */
export async function fetchMe(
  api: { me(): Promise<Me> },
  cache: MeCache,
  server: string,
  token: string,
  now: () => number = Date.now,
): Promise<MeAnswer> {
  try {
    const me = await api.me();
    cache.put(server, token, me);
    return { me, offline: false, savedAt: now() };
  } catch (err) {
    if (err instanceof ApiError && err.retryable) {
      const cached = cache.get(server, token);
      if (cached) return { me: cached.me, offline: true, savedAt: cached.savedAt };
    }
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) cache.forget(server, token);
    throw err;
  }
}

// The Worker's `env` on the self-hosted server: D1 → SQLite (d1-sqlite.ts), the EVIDENCE bucket → the disk
// (disk-store.ts), ASSETS → dist/addin, the rate-limit bindings → memory, and vars/secrets under the Worker's own
// names: wrangler.jsonc's vars as defaults, the process environment (or --env-file) over them.
import type Database from 'better-sqlite3';
import type { EvidenceStore } from '../worker/storage/evidence-store.ts';
import { sqliteD1, type AdapterOptions } from './d1-sqlite.ts';
import { memoryRateLimit } from './memory-rate-limit.ts';
import { staticAssets } from './static-assets.ts';
import type { WranglerSettings } from './wrangler-config.ts';

/** Every setting and secret the Worker reads (worker/env.d.ts, wrangler.jsonc vars), taken from the environment. */
export const SETTING_NAMES = [
  'ALLOWED_ORIGINS',
  'REMINDER_HOURS_BEFORE',
  'REMINDER_WEBHOOK_URL',
  'REMINDER_WEBHOOK_SECRET',
  'REMINDER_WEBHOOKS',
  'REMINDER_WEBHOOK_TIMEOUT_MS',
  'RATE_LIMITS',
  'ALLOW_CLOCK_OVERRIDE',
  'NOW_OVERRIDE',
  'BENCH_ROUTES',
] as const;

export interface HostParts {
  db: Database.Database;
  store: EvidenceStore;
  assetsDir: string;
  wrangler: WranglerSettings;
  environment?: NodeJS.ProcessEnv;
  adapter?: AdapterOptions;
}

export function hostEnv(p: HostParts): Cloudflare.Env {
  const settings: Record<string, string> = { ...p.wrangler.vars };
  for (const name of SETTING_NAMES) {
    const value = (p.environment ?? process.env)[name];
    if (value !== undefined) settings[name] = value;
  }
  const limiters = Object.fromEntries(p.wrangler.ratelimits.map((r) => [r.name, memoryRateLimit(r.simple)]));
  return {
    ...settings,
    ...limiters,
    DB: sqliteD1(p.db, p.adapter),
    EVIDENCE_STORE: p.store,
    ASSETS: staticAssets(p.assetsDir),
  } as unknown as Cloudflare.Env;
}

// The settings the Worker gets from wrangler.jsonc — its vars and its rate limits — read from the same file, so the
// self-hosted server runs with the same defaults and the same limits.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RateLimitRule } from './memory-rate-limit.ts';

/** The repository root: the nearest folder above this file (or the bundle built from it) with wrangler.jsonc. */
export function repoRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'wrangler.jsonc'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no wrangler.jsonc above ${from}`);
  }
}

/** JSON with // and /* comments (no trailing commas), as wrangler.jsonc is written. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = i;
      const m = end.exec(text);
      if (!m) throw new Error('unterminated string in JSONC');
      out += m[0];
      i += m[0].length - 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) throw new Error('unterminated comment in JSONC');
    } else out += ch;
  }
  return JSON.parse(out);
}

export interface WranglerSettings {
  vars: Record<string, string>;
  ratelimits: RateLimitRule[];
}

export function readWranglerSettings(root = repoRoot()): WranglerSettings {
  const config = parseJsonc(readFileSync(path.join(root, 'wrangler.jsonc'), 'utf8')) as Partial<WranglerSettings>;
  return { vars: config.vars ?? {}, ratelimits: config.ratelimits ?? [] };
}

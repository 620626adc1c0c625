// Seeding a local (or, with care, remote) D1 through wrangler: migrations (0002/0003 seed the 22 units and the demo
// plan from data/demo-plan-2023.json), then demo tokens, one per unit of that data file.
// Tokens are hashed here with node:crypto SHA-256 hex — the same hash worker/lib/crypto.ts computes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import demo from '../data/demo-plan-2023.json' with { type: 'json' };

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '..');

export interface DevTokens {
  admin: string;
  supervisor: string;
  units: Record<string, string>;
}

export function wranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? path.join(ROOT, '.xdg'),
    NO_UPDATE_NOTIFIER: '1',
  };
}

const WRANGLER = path.join(ROOT, 'node_modules', '.bin', 'wrangler');

export async function wrangler(args: string[]): Promise<string> {
  const { stdout } = await run(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const persistArgs = (persistDir?: string) => ['--local', ...(persistDir ? ['--persist-to', persistDir] : [])];

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Same format as worker/lib/crypto.ts newToken: unit tokens are `<unit id>.rt_…`. */
export const newDevToken = (unitId?: string) =>
  `${unitId ? `${unitId}.` : ''}rt_${randomBytes(32).toString('base64url')}`;

/** One INSERT for a token: only the SHA-256 hash of the plain token is stored. */
export function tokenInsertSql(
  token: string,
  role: string,
  label: string,
  unitId: string | null,
  now = new Date(),
): string {
  const values = [randomUUID(), hashToken(token), role].map(sqlString);
  return `INSERT INTO tokens (id, hash, role, unit_id, label, created_at) VALUES (${values.join(', ')}, ${
    unitId ? sqlString(unitId) : 'NULL'
  }, ${sqlString(label)}, ${sqlString(now.toISOString())});`;
}

/** SQL creating one admin, one supervisor and one token per seeded unit; returns the plain tokens. */
export function demoTokensSql(now = new Date()): { sql: string; tokens: DevTokens } {
  const tokens: DevTokens = { admin: newDevToken(), supervisor: newDevToken(), units: {} };
  const lines = [
    tokenInsertSql(tokens.admin, 'admin', '演示管理员 (demo admin)', null, now),
    tokenInsertSql(tokens.supervisor, 'supervisor', '乡村振兴办（演示）', null, now),
  ];
  for (const u of demo.units) {
    tokens.units[u.id] = newDevToken(u.id);
    lines.push(tokenInsertSql(tokens.units[u.id]!, 'unit', `${u.name}（演示）`, u.id, now));
  }
  return { sql: lines.join('\n'), tokens };
}

export async function executeSql(sql: string, persistDir?: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-sql-'));
  try {
    const file = path.join(dir, 'seed.sql');
    writeFileSync(file, sql);
    await wrangler(['d1', 'execute', 'DB', ...persistArgs(persistDir), '--file', file, '--yes']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function countTokens(persistDir?: string): Promise<number> {
  const out = await wrangler([
    'd1',
    'execute',
    'DB',
    ...persistArgs(persistDir),
    '--command',
    'SELECT COUNT(*) AS n FROM tokens',
    '--json',
  ]);
  return (JSON.parse(out) as { results: { n: number }[] }[])[0]!.results[0]!.n;
}

export async function applyMigrations(persistDir?: string): Promise<void> {
  await wrangler(['d1', 'migrations', 'apply', 'DB', ...persistArgs(persistDir)]);
}

/** Migrations (units and the demo plan included) + (when the database has none) demo tokens. Returns the new
 * tokens, or null if kept. */
export async function seedLocal(persistDir?: string): Promise<DevTokens | null> {
  // A fresh persist dir cannot hold tokens: skip the count (each wrangler call costs ~3 s).
  const fresh = persistDir !== undefined && (!existsSync(persistDir) || readdirSync(persistDir).length === 0);
  await applyMigrations(persistDir);
  if (!fresh && (await countTokens(persistDir)) > 0) return null;
  const { sql, tokens } = demoTokensSql();
  await executeSql(sql, persistDir);
  return tokens;
}

// CLI: `node --import tsx scripts/seed-dev.ts [persistDir]` seeds and prints new tokens as JSON.
if (import.meta.filename === process.argv[1]) {
  const tokens = await seedLocal(process.argv[2]);
  console.log(tokens ? JSON.stringify(tokens, null, 2) : 'tokens already exist; nothing created');
}

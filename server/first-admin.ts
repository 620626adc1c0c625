// The first admin token of a fresh server: created when the database holds no active admin token, printed once by
// the caller, stored only as its SHA-256 hash — the same token format and table as the Worker's own.
import type Database from 'better-sqlite3';
import { insertToken } from '../worker/db/tokens.ts';
import { newToken, sha256Hex } from '../worker/lib/crypto.ts';

export async function createFirstAdmin(
  db: Database.Database,
  d1: D1Database,
  now = new Date(),
): Promise<string | null> {
  const { n } = db.prepare("SELECT COUNT(*) AS n FROM tokens WHERE role = 'admin' AND revoked_at IS NULL").get() as {
    n: number;
  };
  if (n > 0) return null;
  const token = newToken();
  await insertToken(d1, {
    id: crypto.randomUUID(),
    hash: await sha256Hex(token),
    role: 'admin',
    unitId: null,
    label: '乡村振兴办管理员',
    createdAt: now.toISOString(),
  });
  return token;
}

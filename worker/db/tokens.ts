// Bearer tokens: only SHA-256 hashes are stored.
import type { Role, TokenInfo } from '../../core/schemas/api.ts';

export interface TokenRecord {
  id: string;
  role: Role;
  unitId: string | null;
  label: string;
  revokedAt: string | null;
  /** For a unit token: whether its unit is still active (a deactivated unit's tokens are refused). */
  unitActive: boolean | null;
}

const COLUMNS = 'id, role, unit_id AS unitId, label, created_at AS createdAt, revoked_at AS revokedAt';

export async function findTokenByHash(db: D1Database, hash: string): Promise<TokenRecord | null> {
  const r = await db
    .prepare(
      `SELECT t.id, t.role, t.unit_id AS unitId, t.label, t.revoked_at AS revokedAt, u.active AS unitActive
      FROM tokens t LEFT JOIN units u ON u.id = t.unit_id WHERE t.hash = ?`,
    )
    .bind(hash)
    .first<Omit<TokenRecord, 'unitActive'> & { unitActive: number | null }>();
  return r && { ...r, unitActive: r.unitActive === null ? null : r.unitActive === 1 };
}

export async function insertToken(
  db: D1Database,
  t: { id: string; hash: string; role: Role; unitId: string | null; label: string; createdAt: string },
): Promise<void> {
  await db
    .prepare('INSERT INTO tokens (id, hash, role, unit_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(t.id, t.hash, t.role, t.unitId, t.label, t.createdAt)
    .run();
}

export async function listTokens(db: D1Database): Promise<TokenInfo[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`).all<TokenInfo>();
  return results;
}

/**
 * Revokes once; returns the token as it now stands. Refuses to revoke the last active admin token (nobody could
 * create or revoke tokens afterwards); the count sits in the UPDATE itself, so two admins revoking each other at
 * the same moment cannot both succeed.
 */
export async function revokeToken(
  db: D1Database,
  id: string,
  at: string,
): Promise<TokenInfo | 'not_found' | 'last_admin'> {
  const [, after] = await db.batch([
    db
      .prepare(
        `UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL
         AND NOT (role = 'admin' AND (SELECT COUNT(*) FROM tokens WHERE role = 'admin' AND revoked_at IS NULL) <= 1)`,
      )
      .bind(at, id),
    db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?`).bind(id),
  ]);
  const info = after!.results[0] as TokenInfo | undefined;
  if (!info) return 'not_found';
  return info.revokedAt ? info : 'last_admin';
}

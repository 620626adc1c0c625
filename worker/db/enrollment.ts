// 连接码 (enrollment codes) and the unit token state behind 单位与令牌. Codes are stored as SHA-256 hashes only.
import type { EnrollmentCodeState, UnitAccess } from '../../core/enrollment/enrollment-code.ts';

export interface CodeRecord {
  id: string;
  unitId: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

export async function findCodeByHash(db: D1Database, hash: string): Promise<CodeRecord | null> {
  return db
    .prepare(
      'SELECT id, unit_id AS unitId, expires_at AS expiresAt, used_at AS usedAt, revoked_at AS revokedAt FROM enrollment_codes WHERE hash = ?',
    )
    .bind(hash)
    .first<CodeRecord>();
}

/** Revokes a unit's codes not yet used (a new code supersedes them), as a statement to batch. */
function revokeOpenCodes(db: D1Database, unitId: string, at: string): D1PreparedStatement {
  return db
    .prepare('UPDATE enrollment_codes SET revoked_at = ? WHERE unit_id = ? AND used_at IS NULL AND revoked_at IS NULL')
    .bind(at, unitId);
}

function revokeUnitTokens(db: D1Database, unitId: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE tokens SET revoked_at = ? WHERE role = 'unit' AND unit_id = ? AND revoked_at IS NULL")
    .bind(at, unitId);
}

export interface NewCode {
  id: string;
  hash: string;
  unitId: string;
  expiresAt: string;
}

/**
 * Writes new codes in one batch: each unit's open codes are revoked first (one live code per unit) and, when
 * `replace`, its tokens too (reissue: the old token stops working the moment the new code exists).
 */
export async function insertCodes(
  db: D1Database,
  codes: NewCode[],
  o: { at: string; by: string; replace: boolean },
): Promise<void> {
  const statements = codes.flatMap((c) => [
    ...(o.replace ? [revokeUnitTokens(db, c.unitId, o.at)] : []),
    revokeOpenCodes(db, c.unitId, o.at),
    db
      .prepare(
        'INSERT INTO enrollment_codes (id, hash, unit_id, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .bind(c.id, c.hash, c.unitId, o.at, o.by, c.expiresAt),
  ]);
  await db.batch(statements);
}

/** Revokes every token and open code of a unit; returns how many tokens were revoked. */
export async function revokeUnitAccess(db: D1Database, unitId: string, at: string): Promise<number> {
  const [tokens] = await db.batch([revokeUnitTokens(db, unitId, at), revokeOpenCodes(db, unitId, at)]);
  return tokens!.meta.changes;
}

/**
 * Exchanges a live code for a new unit token in one transaction: the token is inserted only while the code is
 * still unused, unrevoked and unexpired, and the same batch then marks the code used by that token. Batches run one
 * at a time, so two clerks typing the same code at the same moment get one token between them. Returns false when
 * the code was no longer live.
 */
export async function redeemCode(
  db: D1Database,
  o: { codeId: string; at: string; token: { id: string; hash: string; unitId: string; label: string } },
): Promise<boolean> {
  const live = 'id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?';
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO tokens (id, hash, role, unit_id, label, created_at) SELECT ?, ?, 'unit', ?, ?, ? FROM enrollment_codes WHERE ${live}`,
      )
      .bind(o.token.id, o.token.hash, o.token.unitId, o.token.label, o.at, o.codeId, o.at),
    db
      .prepare(
        `UPDATE enrollment_codes SET used_at = ?, token_id = ? WHERE ${live} AND EXISTS (SELECT 1 FROM tokens WHERE id = ?)`,
      )
      .bind(o.at, o.token.id, o.codeId, o.at, o.token.id),
  ]);
  return inserted!.meta.changes === 1;
}

interface AccessRow {
  id: string;
  name: string;
  kind: 'village' | 'office';
  contact_name: string | null;
  contact_phone: string | null;
  active: number;
  active_tokens: number;
  last_token_at: string | null;
  code_created_at: string | null;
  code_expires_at: string | null;
  code_used_at: string | null;
  code_revoked_at: string | null;
}

export function codeState(
  c: { expiresAt: string; usedAt: string | null; revokedAt: string | null },
  now: string,
): EnrollmentCodeState {
  if (c.usedAt) return 'used';
  if (c.revokedAt) return 'revoked';
  return c.expiresAt <= now ? 'expired' : 'pending';
}

/** Every unit with its contact, active unit tokens and latest code, in the township's order. */
export async function listUnitAccess(db: D1Database, now: string): Promise<UnitAccess[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id, u.name, u.kind, u.contact_name, u.contact_phone, u.active,
         (SELECT COUNT(*) FROM tokens t WHERE t.role = 'unit' AND t.unit_id = u.id AND t.revoked_at IS NULL) AS active_tokens,
         (SELECT MAX(created_at) FROM tokens t WHERE t.role = 'unit' AND t.unit_id = u.id AND t.revoked_at IS NULL) AS last_token_at,
         c.created_at AS code_created_at, c.expires_at AS code_expires_at, c.used_at AS code_used_at, c.revoked_at AS code_revoked_at
       FROM units u
       LEFT JOIN enrollment_codes c ON c.id = (SELECT id FROM enrollment_codes WHERE unit_id = u.id ORDER BY created_at DESC, rowid DESC LIMIT 1)
       ORDER BY u.sort, u.id`,
    )
    .all<AccessRow>();
  return results.map((r) => ({
    unitId: r.id,
    name: r.name,
    kind: r.kind,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    active: r.active === 1,
    activeTokens: r.active_tokens,
    lastTokenAt: r.last_token_at,
    lastCode: r.code_created_at
      ? {
          createdAt: r.code_created_at,
          expiresAt: r.code_expires_at!,
          usedAt: r.code_used_at,
          state: codeState(
            { expiresAt: r.code_expires_at!, usedAt: r.code_used_at, revokedAt: r.code_revoked_at },
            now,
          ),
        }
      : null,
  }));
}

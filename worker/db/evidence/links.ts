// 佐证材料 read links (10-minute bearer links to one file) and the access log (every read and delete).
import type { EvidenceFile } from '../../../core/schemas/evidence.ts';
import { FILE_COLUMNS, toFile, type FileRow } from './files.ts';

export async function logEvidenceAccess(
  db: D1Database,
  id: string,
  action: 'read' | 'delete',
  actor: string,
  at: string,
  detail?: string,
): Promise<void> {
  await db
    .prepare('INSERT INTO evidence_access (evidence_id, action, actor, at, detail) VALUES (?, ?, ?, ?, ?)')
    .bind(id, action, actor, at, detail ?? null)
    .run();
}

export async function evidenceAccessLog(
  db: D1Database,
  id: string,
): Promise<{ action: string; actor: string; at: string; detail: string | null }[]> {
  const { results } = await db
    .prepare('SELECT action, actor, at, detail FROM evidence_access WHERE evidence_id = ? ORDER BY id')
    .bind(id)
    .all<{ action: string; actor: string; at: string; detail: string | null }>();
  return results;
}

export async function insertEvidenceLink(
  db: D1Database,
  tokenHash: string,
  evidenceId: string,
  tokenId: string,
  expiresAt: string,
): Promise<void> {
  await db
    .prepare('INSERT INTO evidence_links (token_hash, evidence_id, token_id, expires_at) VALUES (?, ?, ?, ?)')
    .bind(tokenHash, evidenceId, tokenId, expiresAt)
    .run();
}

/** The file a link opens, the token that asked for it and whether the link still works; null for an unknown token. */
export async function evidenceLinkTarget(
  db: D1Database,
  tokenHash: string,
  now: string,
): Promise<{ file: EvidenceFile; tokenId: string; expired: boolean } | null> {
  const r = await db
    .prepare(
      `SELECT ${FILE_COLUMNS.split(', ')
        .map((c) => `f.${c}`)
        .join(
          ', ',
        )}, l.token_id, l.expires_at <= ? AS expired FROM evidence_links l JOIN evidence_files f ON f.id = l.evidence_id WHERE l.token_hash = ?`,
    )
    .bind(now, tokenHash)
    .first<FileRow & { token_id: string; expired: number }>();
  return r ? { file: toFile(r), tokenId: r.token_id, expired: r.expired === 1 } : null;
}

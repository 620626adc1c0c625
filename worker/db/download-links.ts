// Download links: a sealed file, found by its token's hash while it has not expired (see migration 0014).
export interface DownloadLinkRow {
  tokenHash: string;
  fileName: string;
  contentType: string;
  disposition: 'attachment' | 'inline';
  iv: Uint8Array;
  body: Uint8Array;
  createdBy: string;
  expiresAt: string;
}

/** Stores one link and, in the same batch, drops every expired one. */
export async function insertDownloadLink(db: D1Database, row: DownloadLinkRow, now: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM download_links WHERE expires_at <= ?').bind(now),
    db
      .prepare(
        'INSERT INTO download_links (token_hash, file_name, content_type, disposition, iv, body, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(
        row.tokenHash,
        row.fileName,
        row.contentType,
        row.disposition,
        row.iv,
        row.body,
        row.createdBy,
        row.expiresAt,
      ),
  ]);
}

/** The link's file while it is valid, else null. */
export async function getDownloadLink(db: D1Database, tokenHash: string, now: string): Promise<DownloadLinkRow | null> {
  const r = await db
    .prepare(
      'SELECT file_name, content_type, disposition, iv, body, created_by, expires_at FROM download_links WHERE token_hash = ? AND expires_at > ?',
    )
    .bind(tokenHash, now)
    .first<{
      file_name: string;
      content_type: string;
      disposition: 'attachment' | 'inline';
      iv: ArrayBuffer | number[];
      body: ArrayBuffer | number[];
      created_by: string;
      expires_at: string;
    }>();
  if (!r) return null;
  return {
    tokenHash,
    fileName: r.file_name,
    contentType: r.content_type,
    disposition: r.disposition,
    iv: new Uint8Array(r.iv),
    body: new Uint8Array(r.body),
    createdBy: r.created_by,
    expiresAt: r.expires_at,
  };
}

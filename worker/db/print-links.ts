// Print links: a token's hash, the report it opens and when it stops working.
export async function insertPrintLink(
  db: D1Database,
  tokenHash: string,
  reportId: string,
  expiresAt: string,
): Promise<void> {
  await db
    .prepare('INSERT INTO print_links (token_hash, report_id, expires_at) VALUES (?, ?, ?)')
    .bind(tokenHash, reportId, expiresAt)
    .run();
}

/** The report a still valid link opens, or null (unknown or expired). */
export async function printLinkReport(db: D1Database, tokenHash: string, now: string): Promise<string | null> {
  const r = await db
    .prepare('SELECT report_id AS reportId FROM print_links WHERE token_hash = ? AND expires_at > ?')
    .bind(tokenHash, now)
    .first<{ reportId: string }>();
  return r?.reportId ?? null;
}

/** Deletes links that stopped working before `now` (the hourly job); how many went. */
export async function deleteExpiredPrintLinks(db: D1Database, now: string): Promise<number> {
  const r = await db.prepare('DELETE FROM print_links WHERE expires_at <= ?').bind(now).run();
  return r.meta.changes;
}

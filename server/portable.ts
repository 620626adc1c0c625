// The whole database as one SQL file, both ways between hosts: `wrangler d1 export` writes one from D1 that
// `import` here reads into a fresh data directory, and `export` here writes one that
// `wrangler d1 execute DB --remote --file …` loads into an empty D1. Tables (the d1_migrations history included),
// rows, indexes and triggers; foreign keys are checked when the whole file has been applied.
import type Database from 'better-sqlite3';

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString('hex').toUpperCase()}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/** Tables that belong to SQLite or to Cloudflare's runtime, never to the application. */
const internal = (name: string) => name.startsWith('sqlite_') || name.startsWith('_cf_');

export function exportSql(db: Database.Database): string {
  const schema = (
    db.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid').all() as SchemaRow[]
  ).filter((r) => !internal(r.name));
  const lines = ['PRAGMA defer_foreign_keys=TRUE;'];
  for (const t of schema.filter((r) => r.type === 'table')) {
    lines.push(`${t.sql};`);
    const columns = (db.prepare(`PRAGMA table_info(${quoteId(t.name)})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    const names = columns.map(quoteId).join(',');
    const rows = db
      .prepare(`SELECT ${names} FROM ${quoteId(t.name)}`)
      .raw(true)
      .iterate() as Iterable<unknown[]>;
    for (const row of rows)
      lines.push(`INSERT INTO ${quoteId(t.name)} (${names}) VALUES(${row.map(literal).join(',')});`);
  }
  // AUTOINCREMENT counters (d1_migrations), written the way `wrangler d1 export` writes them.
  const sequence = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
  if (sequence) {
    lines.push('DELETE FROM sqlite_sequence;');
    for (const row of db.prepare('SELECT name, seq FROM sqlite_sequence').raw(true).iterate() as Iterable<unknown[]>)
      lines.push(`INSERT INTO "sqlite_sequence" VALUES(${row.map(literal).join(',')});`);
  }
  for (const other of schema.filter((r) => r.type !== 'table')) lines.push(`${other.sql};`);
  return lines.join('\n') + '\n';
}

/** Loads an export into `db`, which must hold no application table yet; all of it or nothing. */
export function importSql(db: Database.Database, sql: string): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).filter(
    (t) => !internal(t.name),
  );
  if (tables.length)
    throw new Error(`the database already holds ${tables.length} tables: import only into a new data directory`);
  db.transaction(() => db.exec(sql))();
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length) throw new Error(`the import breaks ${broken.length} foreign keys`);
}

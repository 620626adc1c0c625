// The server's SQLite database: opened with the settings D1 has (foreign keys enforced) plus WAL and full fsync so
// a killed process or a power cut never leaves a half-written submission, and migrated with the Worker's own
// worker/migrations files, recorded in the same d1_migrations table wrangler keeps.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function openDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Same table wrangler creates for `d1 migrations apply`, so an exported D1 database carries its history along. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

/** Applies every migration in `dir` not yet recorded, each in its own transaction; returns the names applied. */
export function applyMigrations(db: Database.Database, dir: string): string[] {
  db.exec(MIGRATIONS_TABLE);
  const done = new Set((db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name));
  const applied: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (done.has(name)) continue;
    const sql = readFileSync(path.join(dir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(name);
    })();
    applied.push(name);
  }
  return applied;
}

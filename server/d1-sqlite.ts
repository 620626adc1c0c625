// The D1 API the Worker's code uses (worker/db/), over one better-sqlite3 connection: prepare → bind → first / all /
// run / raw, and batch as one all-or-nothing transaction. Results have D1's shapes: `{results, success, meta}` with
// `meta.changes` and `meta.last_row_id`, blobs as arrays of bytes, booleans bound as 1/0, errors prefixed "D1_ERROR:"
// with SQLite's own message (the code matches "UNIQUE constraint failed: …" in it). test/server/d1-conformance.ts
// runs the same cases here and against real D1 in workerd.
import type Database from 'better-sqlite3';

type Bound = string | number | bigint | Buffer | null;
type Row = Record<string, unknown>;

/** As D1: every number binds as a REAL (a column's INTEGER affinity stores it as an integer), booleans as 1/0, byte
 * arrays as blobs; undefined is refused when bound. */
function toSqlite(v: unknown, index: number): Bound {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new Error(`D1_TYPE_ERROR: Type '${typeof v}' not supported for value '${String(v)}' (parameter ${index + 1})`);
}

/** D1 returns a blob as an array of byte values. */
function fromSqlite(row: Row): Row {
  for (const k in row) {
    const v = row[k];
    if (v instanceof Uint8Array) row[k] = Array.from(v);
  }
  return row;
}

function d1Error(e: unknown): Error {
  const err = e as { message?: string; code?: string };
  const wrapped = new Error(`D1_ERROR: ${err.message ?? String(e)}${err.code ? `: ${err.code}` : ''}`);
  (wrapped as Error & { cause?: unknown }).cause = e;
  return wrapped;
}

function meta(changes: number, lastRowId: number | bigint, started: number) {
  return {
    duration: performance.now() - started,
    changes,
    last_row_id: Number(lastRowId),
    changed_db: changes > 0,
    size_after: 0,
    rows_read: 0,
    rows_written: changes,
  };
}

class Statement {
  constructor(
    private readonly db: Database.Database,
    readonly sql: string,
    private readonly values: Bound[] = [],
  ) {}

  bind(...values: unknown[]): Statement {
    return new Statement(this.db, this.sql, values.map(toSqlite));
  }

  /** `?1`-style parameters are bound by number (better-sqlite3 treats them as names), plain `?` by position. */
  private args(): [Record<string, Bound>] | Bound[] {
    const bound = this.values;
    if (!/\?\d/.test(this.sql)) return bound;
    return [Object.fromEntries(bound.map((v, i) => [String(i + 1), v]))];
  }

  private compiled(): Database.Statement {
    try {
      return this.db.prepare(this.sql);
    } catch (e) {
      throw d1Error(e);
    }
  }

  /** Runs the statement now; the answer of `all()`. */
  execute() {
    const started = performance.now();
    const stmt = this.compiled();
    try {
      if (stmt.reader) {
        const results = (stmt.all(...this.args()) as Row[]).map(fromSqlite);
        return { results, success: true as const, meta: meta(0, 0, started) };
      }
      const r = stmt.run(...this.args());
      return { results: [] as Row[], success: true as const, meta: meta(r.changes, r.lastInsertRowid, started) };
    } catch (e) {
      throw d1Error(e);
    }
  }

  async all() {
    return this.execute();
  }

  async run() {
    return this.execute();
  }

  async first(column?: string) {
    const row = this.execute().results[0];
    if (!row) return null;
    if (column === undefined) return row;
    if (!(column in row)) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`);
    return row[column];
  }

  async raw(options?: { columnNames?: boolean }) {
    const stmt = this.compiled();
    try {
      const rows = stmt.reader ? (stmt.raw(true).all(...this.args()) as unknown[][]) : (stmt.run(...this.args()), []);
      const out = rows.map((r) => r.map((v) => (v instanceof Uint8Array ? Array.from(v) : v)));
      return options?.columnNames && stmt.reader ? [stmt.columns().map((c) => c.name), ...out] : out;
    } catch (e) {
      throw d1Error(e);
    }
  }
}

export interface AdapterOptions {
  /** Called before each statement of a batch (inside its transaction): the fault tests kill the process there. */
  beforeBatchStatement?: (sql: string) => void;
}

/** A D1Database over `db`. Only the calls the Worker makes exist; anything else fails loudly at the type level. */
export function sqliteD1(db: Database.Database, o: AdapterOptions = {}): D1Database {
  const batch = db.transaction((statements: Statement[]) =>
    statements.map((s) => {
      o.beforeBatchStatement?.(s.sql);
      return s.execute();
    }),
  );
  const d1 = {
    prepare: (sql: string) => new Statement(db, sql),
    async batch(statements: Statement[]) {
      return batch(statements);
    },
  };
  return d1 as unknown as D1Database;
}

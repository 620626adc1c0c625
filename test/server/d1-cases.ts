// What the Worker's code relies on from D1, as cases run twice with the same expectations: against real D1 inside
// workerd (test/worker/d1-conformance.test.ts) and against server/d1-sqlite.ts (test/server/d1-sqlite.test.ts).
// Each case gets a fresh table name so both runs can share one database per file.
export interface D1Case {
  name: string;
  run(db: D1Database, table: string): Promise<unknown>;
  expected: unknown;
}

const setup = (db: D1Database, t: string) =>
  db.prepare(`CREATE TABLE ${t} (id TEXT PRIMARY KEY, n INTEGER, x, b BLOB)`).run();

export const D1_CASES: D1Case[] = [
  {
    name: 'binds ?1-numbered parameters by number, reusing one value in two places',
    async run(db) {
      return db.prepare('SELECT ?2 AS a, ?1 AS b, ?2 AS c').bind('one', 'two').first();
    },
    expected: { a: 'two', b: 'one', c: 'two' },
  },
  {
    name: 'binds a number as a REAL (an INTEGER column stores it as an integer) and a boolean as 1/0',
    async run(db) {
      return db.prepare("SELECT typeof(?) AS t, json_object('v', ?) AS j, ? AS flag").bind(3, 7, true).first();
    },
    expected: { t: 'real', j: '{"v":7.0}', flag: 1 },
  },
  {
    name: 'returns null from first() when no row matches, and one column by name',
    async run(db, t) {
      await setup(db, t);
      await db.prepare(`INSERT INTO ${t} (id, n) VALUES ('a', 5)`).run();
      const none = await db.prepare(`SELECT * FROM ${t} WHERE id = ?`).bind('zz').first();
      const n = await db.prepare(`SELECT n FROM ${t} WHERE id = ?`).bind('a').first('n');
      return { none, n };
    },
    expected: { none: null, n: 5 },
  },
  {
    name: 'reports meta.changes for an UPDATE and returns results from all()',
    async run(db, t) {
      await setup(db, t);
      await db.batch(['a', 'b', 'c'].map((id, i) => db.prepare(`INSERT INTO ${t} (id, n) VALUES (?, ?)`).bind(id, i)));
      const upd = await db.prepare(`UPDATE ${t} SET n = n + 10 WHERE n >= ?`).bind(1).run();
      const { results } = await db.prepare(`SELECT id, n FROM ${t} ORDER BY id`).all();
      return { changes: upd.meta.changes, success: upd.success, results };
    },
    expected: {
      changes: 2,
      success: true,
      results: [
        { id: 'a', n: 0 },
        { id: 'b', n: 11 },
        { id: 'c', n: 12 },
      ],
    },
  },
  {
    name: 'stores nothing of a batch when one of its statements fails',
    async run(db, t) {
      await setup(db, t);
      await db.prepare(`INSERT INTO ${t} (id) VALUES ('dup')`).run();
      const error = await db
        .batch([
          db.prepare(`INSERT INTO ${t} (id) VALUES ('new')`),
          db.prepare(`UPDATE ${t} SET n = 1 WHERE id = 'dup'`),
          db.prepare(`INSERT INTO ${t} (id) VALUES ('dup')`),
        ])
        .then(
          () => 'no error',
          (e: unknown) => /UNIQUE constraint failed: \w+\.id/.test(String(e)),
        );
      const { results } = await db.prepare(`SELECT id, n FROM ${t} ORDER BY id`).all();
      return { error, results };
    },
    expected: { error: true, results: [{ id: 'dup', n: null }] },
  },
  {
    name: 'answers each statement of a batch in order, with RETURNING rows',
    async run(db, t) {
      await setup(db, t);
      const [ins, sel] = await db.batch([
        db.prepare(`INSERT INTO ${t} (id, n) VALUES (?, ?) RETURNING id, n`).bind('r', 4),
        db.prepare(`SELECT COUNT(*) AS c FROM ${t}`),
      ]);
      return { ins: ins!.results, sel: sel!.results };
    },
    expected: { ins: [{ id: 'r', n: 4 }], sel: [{ c: 1 }] },
  },
  {
    name: 'gives raw() rows as arrays, with the column names first when asked',
    async run(db) {
      const stmt = db.prepare('SELECT 1 AS one, ? AS two').bind('2');
      return { plain: await stmt.raw(), named: await stmt.raw({ columnNames: true }) };
    },
    expected: {
      plain: [[1, '2']],
      named: [
        ['one', 'two'],
        [1, '2'],
      ],
    },
  },
  {
    name: 'stores a Uint8Array as a blob and gives it back as an array of bytes',
    async run(db, t) {
      await setup(db, t);
      await db
        .prepare(`INSERT INTO ${t} (id, b) VALUES (?, ?)`)
        .bind('bin', new Uint8Array([0, 255, 7]))
        .run();
      const row = await db.prepare(`SELECT b, typeof(b) AS t FROM ${t}`).first<{ b: unknown; t: string }>();
      return { bytes: Array.from(new Uint8Array(row!.b as number[])), t: row!.t };
    },
    expected: { bytes: [0, 255, 7], t: 'blob' },
  },
  {
    name: 'refuses to bind undefined, at bind()',
    async run(db) {
      try {
        db.prepare('SELECT ? AS v').bind(undefined);
        return 'bound';
      } catch (e) {
        return /D1_TYPE_ERROR/.test(String(e)) ? 'refused' : String(e);
      }
    },
    expected: 'refused',
  },
  {
    name: 'stores an integral number in an INTEGER column as an integer',
    async run(db, t) {
      await setup(db, t);
      await db.prepare(`INSERT INTO ${t} (id, n) VALUES (?, ?)`).bind('i', 42).run();
      return db.prepare(`SELECT typeof(n) AS t, n FROM ${t}`).first();
    },
    expected: { t: 'integer', n: 42 },
  },
  {
    name: 'enforces foreign keys',
    async run(db, t) {
      await db.prepare(`CREATE TABLE ${t}_p (id TEXT PRIMARY KEY)`).run();
      await db.prepare(`CREATE TABLE ${t} (id TEXT PRIMARY KEY, p TEXT REFERENCES ${t}_p (id))`).run();
      return db
        .prepare(`INSERT INTO ${t} (id, p) VALUES ('c', 'missing')`)
        .run()
        .then(
          () => 'stored',
          (e: unknown) => (/FOREIGN KEY constraint failed/.test(String(e)) ? 'refused' : String(e)),
        );
    },
    expected: 'refused',
  },
];

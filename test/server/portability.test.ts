// Moving a township's data between hosts, both ways, on the demo data (the 22 units and the plan the migrations
// seed, the demo tokens, and a row holding blobs): a local D1 exported by `wrangler d1 export` is imported by the
// server's `import` command, and the server's `export` is loaded into an empty D1 by `wrangler d1 execute --file`.
// Every table's rows must arrive unchanged.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, SERVER_BUNDLE } from '../../server/build.ts';
import { demoTokensSql, ROOT, wranglerEnv } from '../../scripts/seed-dev.ts';

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'rectify-portable-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A throw-away wrangler project whose local D1 lives in its own folder (wrangler d1 export has no --persist-to). */
function d1Project(name: string): string {
  const dir = path.join(work, name);
  const migrations = path.join(ROOT, 'worker', 'migrations');
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'wrangler.jsonc'),
    JSON.stringify({
      name: 'rectify-portable',
      compatibility_date: '2026-04-01',
      d1_databases: [
        {
          binding: 'DB',
          database_name: 'rectify',
          database_id: '00000000-0000-0000-0000-000000000000',
          migrations_dir: migrations,
        },
      ],
    }),
  );
  return dir;
}

const wrangler = (project: string, args: string[]) =>
  run(
    path.join(ROOT, 'node_modules', '.bin', 'wrangler'),
    [...args, '--local', '-c', path.join(project, 'wrangler.jsonc')],
    {
      cwd: project,
      env: wranglerEnv(),
      maxBuffer: 64 * 1024 * 1024,
    },
  );

const server = (args: string[]) => run(process.execPath, [SERVER_BUNDLE, ...args], { cwd: ROOT });

function d1File(project: string): string {
  const dir = path.join(project, '.wrangler', 'state', 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  return path.join(dir, file!);
}

/** Every application table with its rows in a fixed order: what "the same database" means here. */
function contents(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[])
          .map((r) =>
            JSON.stringify(r, (_, v: unknown) =>
              v instanceof Uint8Array ? `blob:${Buffer.from(v).toString('hex')}` : v,
            ),
          )
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

let source: string;
beforeAll(async () => {
  await buildServer();
  source = d1Project('d1-source');
  await wrangler(source, ['d1', 'migrations', 'apply', 'DB']);
  const seed = path.join(work, 'seed.sql');
  writeFileSync(
    seed,
    `${demoTokensSql().sql}\nINSERT INTO download_links (token_hash, file_name, content_type, disposition, iv, body, created_by, expires_at)
     VALUES ('h1', '汇总表 ''11月''.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'attachment', X'00FF10', X'DEADBEEF00', 'admin', '2030-01-01T00:00:00.000Z');`,
  );
  await wrangler(source, ['d1', 'execute', 'DB', '--file', seed, '--yes']);
}, 300_000);

describe('moving the database between D1 and the self-hosted server', () => {
  it('imports a wrangler d1 export into a new data directory with every row unchanged', async () => {
    const dump = path.join(work, 'from-d1.sql');
    await wrangler(source, ['d1', 'export', 'DB', '--output', dump]);
    const data = path.join(work, 'node-data');
    await server(['import', '--data', data, '--in', dump]);
    const expected = contents(d1File(source));
    expect(Object.keys(expected)).toContain('reports');
    expect(expected.tokens).toHaveLength(24);
    expect(contents(path.join(data, 'rectify.sqlite'))).toEqual(expected);
  });

  it('exports the server database in a form wrangler d1 execute loads into an empty D1 unchanged', async () => {
    const data = path.join(work, 'node-data');
    const dump = path.join(work, 'from-node.sql');
    await server(['export', '--data', data, '--out', dump]);
    const target = d1Project('d1-target');
    await wrangler(target, ['d1', 'execute', 'DB', '--file', dump, '--yes']);
    expect(contents(d1File(target))).toEqual(contents(path.join(data, 'rectify.sqlite')));
    expect(contents(d1File(target))).toEqual(contents(d1File(source)));
  });

  it('refuses to import into a data directory that already holds a database', async () => {
    const dump = path.join(work, 'from-d1.sql');
    await expect(server(['import', '--data', path.join(work, 'node-data'), '--in', dump])).rejects.toThrow(
      /import only into a new data directory/,
    );
  });
});

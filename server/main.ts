// The self-hosted server's command line (npm run serve -- …):
//   serve  --data DIR [--port 8787] [--host 127.0.0.1] [--env-file FILE]   API + task pane over http
//   backup --data DIR [--out FILE]     SQLite online backup while the server runs (default <data>/backups/<time>.sqlite)
//   export --data DIR --out FILE       the whole database as SQL (for `wrangler d1 execute DB --remote --file FILE`)
//   import --data DIR --in FILE        a `wrangler d1 export` file into a new data directory
// Settings and secrets come from the environment under the Worker's names (server/host-env.ts), or --env-file, a
// file kept outside the repository.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sqliteD1 } from './d1-sqlite.ts';
import { DataDirInUse, lockDataDir } from './data-dir.ts';
import { applyMigrations, openDatabase } from './database.ts';
import { installDigestStream } from './digest-stream.ts';
import { diskStore } from './disk-store.ts';
import { createFirstAdmin } from './first-admin.ts';
import { everyHour } from './every-hour.ts';
import { runScheduled } from './hourly-job.ts';
import { hostEnv } from './host-env.ts';
import { startHttp } from './http-server.ts';
import { exportSql, importSql } from './portable.ts';
import { readWranglerSettings, repoRoot } from './wrangler-config.ts';

const ROOT = repoRoot();
const MIGRATIONS = path.join(ROOT, 'worker', 'migrations');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const [command = 'serve', ...rest] = process.argv.slice(2)[0]?.startsWith('--')
  ? ['serve', ...process.argv.slice(2)]
  : process.argv.slice(2);
const USAGE = `usage: serve|backup|export|import --data DIR [--port N] [--host H] [--env-file FILE] [--out FILE] [--in FILE]
  (see the header of server/main.ts and README "Self-hosting")`;
let values: { data?: string; port?: string; host?: string; 'env-file'?: string; out?: string; in?: string };
try {
  ({ values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'env-file': { type: 'string' },
      out: { type: 'string' },
      in: { type: 'string' },
    },
  }));
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}
if (!values.data) fail('--data DIR is required (where the database and the evidence files live)');
const dataDir = path.resolve(values.data);

if (values['env-file']) {
  const file = path.resolve(values['env-file']);
  if (!path.relative(ROOT, file).startsWith('..')) fail(`--env-file must live outside the repository (${file})`);
  process.loadEnvFile(file);
}

/**
 * Test-only (test/server/faults.test.ts): FAULT_SIGKILL_BEFORE="INSERT INTO report_heads" makes the process kill
 * itself with SIGKILL inside a batch, right before the first statement starting with that text — a crash between
 * the statements of one submission. Unset in production.
 */
function faultInjection(): ((sql: string) => void) | undefined {
  const before = process.env.FAULT_SIGKILL_BEFORE;
  if (!before) return undefined;
  console.warn(`FAULT_SIGKILL_BEFORE is set: this process will SIGKILL itself before "${before}"`);
  return (sql) => {
    if (sql.trimStart().startsWith(before)) process.kill(process.pid, 'SIGKILL');
  };
}

const stamp = (d = new Date()) => d.toISOString().slice(0, 16).replace(/:/g, '');

async function serve() {
  let data;
  try {
    data = lockDataDir(dataDir);
  } catch (e) {
    fail(e instanceof DataDirInUse ? e.message : String(e));
  }
  installDigestStream();
  const db = openDatabase(data.database);
  const applied = applyMigrations(db, MIGRATIONS);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  const store = diskStore(data.evidence);
  await store.ready();
  const env = hostEnv({
    db,
    store,
    assetsDir: path.join(ROOT, 'dist', 'addin'),
    wrangler: readWranglerSettings(ROOT),
    adapter: { beforeBatchStatement: faultInjection() },
  });
  if (!existsSync(path.join(ROOT, 'dist', 'addin', 'index.html')))
    console.warn('dist/addin missing: run npm run build');
  const admin = await createFirstAdmin(db, sqliteD1(db));
  if (admin) {
    console.log('\n管理员令牌（仅显示一次，请妥善保存）/ first admin token (shown once, store it safely):');
    console.log(`  ${admin}\n`);
  }
  const http = await startHttp(env, {
    port: Number(values.port ?? process.env.PORT ?? 8787),
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    trustProxy: process.env.TRUST_PROXY === '1',
    testScheduled: process.env.TEST_SCHEDULED === '1',
  });
  const stopJob = everyHour((at) => runScheduled(env, at));
  console.log(`Rectify (self-hosted): ${http.url}/  data ${data.dir}  (pid ${process.pid})`);
  const stop = async () => {
    stopJob();
    await http.close();
    db.close();
    data.release();
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop());
}

async function backup() {
  const db = openDatabase(path.join(dataDir, 'rectify.sqlite'));
  const out = path.resolve(values.out ?? path.join(dataDir, 'backups', `rectify-${stamp()}.sqlite`));
  mkdirSync(path.dirname(out), { recursive: true });
  await db.backup(out);
  db.close();
  console.log(out);
}

function exportTo() {
  if (!values.out) fail('--out FILE is required');
  const db = openDatabase(path.join(dataDir, 'rectify.sqlite'));
  writeFileSync(values.out, exportSql(db));
  db.close();
  console.log(`exported ${dataDir} → ${path.resolve(values.out)}`);
}

function importFrom() {
  if (!values.in) fail('--in FILE is required');
  let data;
  try {
    data = lockDataDir(dataDir);
  } catch (e) {
    fail(e instanceof DataDirInUse ? e.message : String(e));
  }
  if (existsSync(data.database)) fail(`${data.database} exists: import only into a new data directory`);
  const db = openDatabase(data.database);
  try {
    importSql(db, readFileSync(values.in, 'utf8'));
    const applied = applyMigrations(db, MIGRATIONS);
    console.log(
      `imported ${path.resolve(values.in)} → ${data.dir}${applied.length ? `; then applied ${applied.join(', ')}` : ''}`,
    );
  } finally {
    db.close();
    data.release();
  }
}

switch (command) {
  case 'serve':
    await serve();
    break;
  case 'backup':
    await backup();
    break;
  case 'export':
    exportTo();
    break;
  case 'import':
    importFrom();
    break;
  default:
    fail(`unknown command ${command}: serve, backup, export or import`);
}

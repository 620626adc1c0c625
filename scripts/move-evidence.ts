// Evidence files (佐证材料) between Cloudflare R2 and a self-hosted server's data directory, one object at a time
// through wrangler — the bytes that the database export (server `export`/`import`) does not carry. Every file the
// database lists is moved; one copied down from R2 is checked against its recorded size and SHA-256 before it is put
// in place. Run after `import` (from R2) or before `wrangler d1 execute --file` (to R2):
//   node --import tsx scripts/move-evidence.ts --from-r2 --data DIR [--remote | --persist-to R2DIR]
//   node --import tsx scripts/move-evidence.ts --to-r2   --data DIR [--remote | --persist-to R2DIR]
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import Database from 'better-sqlite3';
import { diskObjectPath } from '../server/disk-store.ts';
import { evidenceKey } from '../worker/storage/evidence-store.ts';
import { ROOT, wranglerEnv } from './seed-dev.ts';

const run = promisify(execFile);
const BUCKET = 'rectify-evidence';

export interface MoveOptions {
  direction: 'from-r2' | 'to-r2';
  dataDir: string;
  /** wrangler's target: ['--remote'] or ['--local', '--persist-to', dir]. */
  target: string[];
}

export async function moveEvidence(o: MoveOptions): Promise<{ moved: number; skipped: number }> {
  const db = new Database(path.join(o.dataDir, 'rectify.sqlite'), { readonly: true });
  const files = db.prepare('SELECT id, size, sha256 FROM evidence_files ORDER BY id').all() as {
    id: string;
    size: number;
    sha256: string;
  }[];
  db.close();
  const store = path.join(o.dataDir, 'evidence');
  mkdirSync(path.join(store, 'objects'), { recursive: true });
  const wrangler = (args: string[]) =>
    run(path.join(ROOT, 'node_modules', '.bin', 'wrangler'), [...args, ...o.target], { env: wranglerEnv() });
  let moved = 0;
  let skipped = 0;
  for (const f of files) {
    const key = evidenceKey(f.id);
    const local = diskObjectPath(store, key);
    if (o.direction === 'to-r2') {
      await wrangler(['r2', 'object', 'put', `${BUCKET}/${key}`, '--file', local]);
      moved++;
      continue;
    }
    if (existsSync(local)) {
      skipped++;
      continue;
    }
    const temp = `${local}.download`;
    await wrangler(['r2', 'object', 'get', `${BUCKET}/${key}`, '--file', temp]);
    const bytes = readFileSync(temp);
    if (bytes.length !== f.size || createHash('sha256').update(bytes).digest('hex') !== f.sha256) {
      rmSync(temp, { force: true });
      throw new Error(`evidence ${f.id}: the bytes in R2 do not match the recorded size and SHA-256`);
    }
    renameSync(temp, local);
    moved++;
  }
  return { moved, skipped };
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      'from-r2': { type: 'boolean', default: false },
      'to-r2': { type: 'boolean', default: false },
      data: { type: 'string' },
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
    },
  });
  if (values['from-r2'] === values['to-r2']) throw new Error('give exactly one of --from-r2 and --to-r2');
  if (!values.data) throw new Error('--data DIR is required');
  const target = values.remote
    ? ['--remote']
    : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
  const r = await moveEvidence({
    direction: values['from-r2'] ? 'from-r2' : 'to-r2',
    dataDir: path.resolve(values.data),
    target,
  });
  console.log(`${r.moved} evidence files moved, ${r.skipped} already there`);
}

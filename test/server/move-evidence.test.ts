// Evidence files between a self-hosted data directory and R2 (a local R2 through wrangler here; --remote is the same
// calls): uploaded to a Node server, moved up to R2, moved down into a second data directory whose server then serves
// the same bytes; an object whose bytes do not match the database's SHA-256 is refused and not put in place.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { moveEvidence } from '../../scripts/move-evidence.ts';
import { seedNodeData, spawnNodeServer, type NodeServerProcess } from '../../scripts/node-server.ts';
import { ROOT, wranglerEnv } from '../../scripts/seed-dev.ts';
import { buildServer } from '../../server/build.ts';
import { diskObjectPath } from '../../server/disk-store.ts';
import { evidenceKey } from '../../worker/storage/evidence-store.ts';
import { DEMO_PLAN_ID, DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { jpeg, pdf } from '../fixtures/evidence-bytes.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rectify-move-'));
const servers: NodeServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  rmSync(work, { recursive: true, force: true });
});

const UNIT = DEMO_UNITS[0]!.id;
const r2 = ['--local', '--persist-to', path.join(work, 'r2')];
const objectFile = (dataDir: string, id: string) => diskObjectPath(path.join(dataDir, 'evidence'), evidenceKey(id));

async function upload(url: string, token: string, bytes: Uint8Array, name: string): Promise<string> {
  const q = new URLSearchParams({
    plan: DEMO_PLAN_ID,
    period: '2023-11-H2',
    measure: demoMeasuresFor(UNIT)[0]!.id,
    name,
  });
  const res = await fetch(`${url}/api/v1/evidence?${q}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('moving evidence files between a data directory and R2', () => {
  it('moves every file up to R2 and down into another data directory, whose server serves the same bytes', async () => {
    await buildServer();
    const a = path.join(work, 'a');
    mkdirSync(a);
    const tokens = seedNodeData(a);
    const first = await spawnNodeServer(a);
    servers.push(first);
    const ids = [
      await upload(first.url, tokens.units[UNIT]!, jpeg(300_000, 7), '现场照片.jpg'),
      await upload(first.url, tokens.units[UNIT]!, pdf(50_000, 3), '台账.pdf'),
    ];
    await first.stop();

    expect(await moveEvidence({ direction: 'to-r2', dataDir: a, target: r2 })).toEqual({ moved: 2, skipped: 0 });
    const b = path.join(work, 'b');
    mkdirSync(b);
    copyFileSync(path.join(a, 'rectify.sqlite'), path.join(b, 'rectify.sqlite'));
    expect(await moveEvidence({ direction: 'from-r2', dataDir: b, target: r2 })).toEqual({ moved: 2, skipped: 0 });
    for (const id of ids) expect(readFileSync(objectFile(b, id)).equals(readFileSync(objectFile(a, id)))).toBe(true);

    const second = await spawnNodeServer(b);
    servers.push(second);
    const link = await fetch(`${second.url}/api/v1/evidence/${ids[1]}/link`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.units[UNIT]}` },
    });
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    const served = new Uint8Array(await (await fetch(new URL(url, second.url))).arrayBuffer());
    expect(Buffer.from(served).equals(readFileSync(objectFile(a, ids[1]!)))).toBe(true);
  });

  it('refuses an R2 object whose bytes do not match the recorded SHA-256, and leaves no file for it', async () => {
    const b = path.join(work, 'b');
    const db = new Database(path.join(b, 'rectify.sqlite'), { readonly: true });
    const id = db.prepare('SELECT id FROM evidence_files ORDER BY id LIMIT 1').pluck().get() as string;
    db.close();
    const other = path.join(work, 'other.bin');
    writeFileSync(other, jpeg(300_000, 99));
    await promisify(execFile)(
      path.join(ROOT, 'node_modules', '.bin', 'wrangler'),
      ['r2', 'object', 'put', `rectify-evidence/${evidenceKey(id)}`, '--file', other, ...r2],
      { env: wranglerEnv() },
    );
    const c = path.join(work, 'c');
    mkdirSync(c);
    copyFileSync(path.join(b, 'rectify.sqlite'), path.join(c, 'rectify.sqlite'));
    await expect(moveEvidence({ direction: 'from-r2', dataDir: c, target: r2 })).rejects.toThrow(
      /do not match the recorded size and SHA-256/,
    );
    expect(existsSync(objectFile(c, id))).toBe(false);
  });
});

// Parts of a multipart upload on the self-hosted server's disk live in one folder per upload. The hourly job aborts
// expired uploads through their rows; a folder whose row is gone (a server killed between storing the folder and
// writing the row) must not stay for ever: the job removes it once it is older than an upload may live (24 h), the
// same rule as the Worker's, and never touches the parts of an upload still in progress.
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { buildServer } from '../../server/build.ts';
import { diskStore } from '../../server/disk-store.ts';
import { seedNodeData, spawnNodeServer, type NodeServerProcess } from '../../scripts/node-server.ts';
import { DEMO_PLAN_ID, DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { jpeg, sha256Hex } from '../fixtures/evidence-bytes.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-abandoned-parts-'));
// The server's own folder (server/data-dir.ts), written here as a killed server would have left it.
const store = diskStore(path.join(dir, 'evidence'));
const multipart = path.join(dir, 'evidence', 'multipart');
const unit = DEMO_UNITS.find((u) => demoMeasuresFor(u.id).length > 0)!.id;
let token: string;
let server: NodeServerProcess;

beforeAll(async () => {
  await buildServer();
  token = seedNodeData(dir).units[unit]!;
  server = await spawnNodeServer(dir, { env: { TEST_SCHEDULED: '1', RATE_LIMITS: 'off' } });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = (pathname: string, init: RequestInit = {}) =>
  fetch(`${server.url}${pathname}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });

/** An upload in progress through the API: started, its first part stored. */
async function uploadInProgress(): Promise<string> {
  const bytes = jpeg(EVIDENCE_LIMITS.partBytes + 1000, 7);
  const start = await call('/api/v1/evidence/uploads', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      plan: DEMO_PLAN_ID,
      period: '2023-11-H2',
      measure: demoMeasuresFor(unit)[0]!.id,
      name: '现场照片.jpg',
      size: bytes.byteLength,
      sha256: await sha256Hex(bytes),
    }),
  });
  expect(start.status).toBe(201);
  const { uploadId } = (await start.json()) as { uploadId: string };
  const part = await call(`/api/v1/evidence/uploads/${uploadId}/parts/1`, {
    method: 'PUT',
    headers: { 'Content-Length': String(EVIDENCE_LIMITS.partBytes) },
    body: bytes.subarray(0, EVIDENCE_LIMITS.partBytes),
  });
  expect(part.status).toBeLessThan(300);
  return uploadId;
}

/** The folder a killed server leaves: parts stored, no upload row. */
async function leftBehind(hoursAgo: number): Promise<string> {
  const id = await store.createMultipart('evidence/never-recorded');
  await store.uploadPart('evidence/never-recorded', id, 1, new Blob([jpeg(1000, 3)]).stream(), 1000);
  const then = new Date(Date.now() - hoursAgo * 3600_000);
  utimesSync(path.join(multipart, id), then, then);
  return id;
}

const folders = () => readdirSync(multipart).sort();

describe('the hourly job on the self-hosted server', () => {
  it('removes the parts of an upload left without its row once older than 24 h, and keeps an upload in progress and a younger folder', async () => {
    await uploadInProgress();
    const live = folders();
    expect(live).toHaveLength(1);
    const old = await leftBehind(25);
    const young = await leftBehind(23);
    expect(folders()).toHaveLength(3);

    const job = await fetch(`${server.url}/__scheduled?cron=0+*+*+*+*`);
    expect(await job.text()).toBe('Ran scheduled event for 0 * * * *');

    expect(folders()).toEqual([...live, young].sort());
    expect(folders()).not.toContain(old);
    expect(server.output()).toMatch(/"abandonedPartsRemoved":1\b/);
    const db = new Database(path.join(dir, 'rectify.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM evidence_uploads').get()).toEqual({ n: 1 });
    db.close();
  });
});

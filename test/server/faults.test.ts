// Faults on the self-hosted server, with real processes: a SIGKILL between the statements of a submission (and at a
// random moment of a burst), a second server on the same data directory, and a full disk under an evidence upload.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNodeData, spawnNodeServer, type NodeServerProcess } from '../../scripts/node-server.ts';
import { buildServer } from '../../server/build.ts';
import type { DevTokens } from '../../scripts/seed-dev.ts';
import { DEMO_PLAN_ID, DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { jpeg } from '../fixtures/evidence-bytes.ts';
import { goodRow } from '../fixtures/submission-builder.ts';

const NOW = '2024-03-10T04:00:00.000Z';
const PERIOD = '2024-03-H1';
const TEST_ENV = { ALLOW_CLOCK_OVERRIDE: '1', RATE_LIMITS: 'off' };
const dirs: string[] = [];
const servers: NodeServerProcess[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-faults-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, env: Record<string, string> = {}, wrap?: string[]) {
  const s = await spawnNodeServer(dataDir, { env: { ...TEST_ENV, ...env }, wrap });
  servers.push(s);
  return s;
}

const submission = (unitId: string) => ({
  period: PERIOD,
  signer: '李明',
  rows: demoMeasuresFor(unitId).map((m, i) => goodRow(m.id, i)),
});

function submit(url: string, tokens: DevTokens, unitId: string, key: string): Promise<Response> {
  return fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tokens.units[unitId]}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
      'X-Rectify-Now': NOW,
    },
    body: JSON.stringify(submission(unitId)),
  });
}

/** Every stored report with its declared and its actual row count, read from the database file itself. */
function storedReports(dataDir: string) {
  const db = new Database(path.join(dataDir, 'rectify.sqlite'), { readonly: true });
  try {
    return {
      reports: db
        .prepare(
          `SELECT unit_id AS unitId, idempotency_key AS key, revision, row_count AS rowCount,
           (SELECT COUNT(*) FROM report_rows WHERE report_id = reports.id) AS rows FROM reports ORDER BY unit_id`,
        )
        .all() as { unitId: string; key: string; revision: number; rowCount: number; rows: number }[],
      orphanRows: (
        db.prepare('SELECT COUNT(*) AS n FROM report_rows WHERE report_id NOT IN (SELECT id FROM reports)').get() as {
          n: number;
        }
      ).n,
      heads: (db.prepare('SELECT COUNT(*) AS n FROM report_heads').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  await buildServer();
});

afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the self-hosted server under faults', () => {
  it('stores exactly one revision when killed between the statements of a submission and the client retries the same key after a restart', async () => {
    const dataDir = freshDataDir();
    const tokens = seedNodeData(dataDir);
    const unit = DEMO_UNITS[0]!.id;
    const key = crypto.randomUUID();
    const dying = await start(dataDir, { FAULT_SIGKILL_BEFORE: 'INSERT INTO report_heads' });
    await expect(submit(dying.url, tokens, unit, key)).rejects.toThrow();
    await dying.stop();
    expect(dying.child.signalCode).toBe('SIGKILL');
    // The report row and its rows were written inside the open transaction; none of it survived.
    expect(storedReports(dataDir)).toEqual({ reports: [], orphanRows: 0, heads: 0 });

    const again = await start(dataDir);
    const first = await submit(again.url, tokens, unit, key);
    expect(first.status).toBe(201);
    const replay = await submit(again.url, tokens, unit, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const { reports, orphanRows } = storedReports(dataDir);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ key, revision: 1, rows: reports[0]!.rowCount });
    expect(orphanRows).toBe(0);
  });

  it('keeps every report whole and each key once when SIGKILLed at a random moment of 22 simultaneous submissions', async () => {
    const dataDir = freshDataDir();
    const tokens = seedNodeData(dataDir);
    const units = DEMO_UNITS.map((u) => u.id);
    const keys = Object.fromEntries(units.map((u) => [u, crypto.randomUUID()]));
    const server = await start(dataDir);
    const inFlight = units.map((u) =>
      submit(server.url, tokens, u, keys[u]!).then(
        (r) => r.status,
        () => 'cut',
      ),
    );
    // Killed while the burst is being stored: just after the first receipt, at a random few milliseconds.
    await Promise.race([Promise.any(inFlight), new Promise((r) => setTimeout(r, 5000))]);
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 15)));
    server.child.kill('SIGKILL');
    const before = await Promise.all(inFlight);
    await server.stop();
    const survived = storedReports(dataDir);
    for (const r of survived.reports) expect(r.rows).toBe(r.rowCount);
    expect(survived.orphanRows).toBe(0);
    console.log(
      `burst: ${before.filter((s) => s === 201).length} answered 201, ${survived.reports.length} stored before the kill`,
    );

    const again = await start(dataDir);
    const statuses = await Promise.all(units.map((u) => submit(again.url, tokens, u, keys[u]!).then((r) => r.status)));
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
    const after = storedReports(dataDir);
    expect(after.reports.map((r) => r.key).sort()).toEqual(Object.values(keys).sort());
    for (const r of after.reports) expect(r).toMatchObject({ revision: 1, rows: r.rowCount });
    expect(after.heads).toBe(units.length);
  });

  it('refuses to start a second server on a data directory another one is serving', async () => {
    const dataDir = freshDataDir();
    seedNodeData(dataDir);
    const first = await start(dataDir);
    const second = start(dataDir);
    await expect(second).rejects.toThrow(/data directory .* is in use by another server process/);
    expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);
  });
});

/** A user and mount namespace where the data directory is a 4 MB tmpfs: a real full disk without touching the host. */
const SMALL_DISK = (dataDir: string) => [
  'unshare',
  '-rm',
  'sh',
  '-c',
  'mount -t tmpfs -o size=4m tmpfs "$0" && exec "$@"',
  dataDir,
];
const canMount = (() => {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!canMount)('the self-hosted server on a full disk', () => {
  it('answers an evidence upload that does not fit with 507 naming the file, and keeps no row for it', async () => {
    const dataDir = freshDataDir();
    const server = await start(dataDir, {}, SMALL_DISK(dataDir));
    const admin = /\b(rt_[A-Za-z0-9_-]{43})\b/.exec(server.output())?.[1];
    expect(admin).toBeDefined();
    const unit = DEMO_UNITS[0]!.id;
    const created = await fetch(`${server.url}/api/v1/admin/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'unit', unitId: unit, label: 'disk-full test' }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const upload = (bytes: Uint8Array, name: string) =>
      fetch(
        `${server.url}/api/v1/evidence?${new URLSearchParams({ plan: DEMO_PLAN_ID, period: '2023-11-H2', measure: demoMeasuresFor(unit)[0]!.id, name })}`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
          body: bytes,
        },
      );

    const full = await upload(jpeg(4_800_000), '现场照片.jpg');
    expect(full.status).toBe(507);
    const body = (await full.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('storage_full');
    expect(body.error.message).toContain('文件“现场照片.jpg”未保存');
    expect(body.error.issues[0]!.path).toBe('(body)');

    const list = await fetch(`${server.url}/api/v1/evidence?plan=${DEMO_PLAN_ID}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await list.json()) as { files: unknown[] }).files).toEqual([]);
    // The half-written temporary file is gone: a file that fits is stored. (The server closed the connection the
    // refused body was still arriving on, as HTTP servers do: the client's first try may meet that closed socket.)
    const small = await upload(jpeg(200_000), '小照片.jpg').catch(() => upload(jpeg(200_000), '小照片.jpg'));
    expect(small.status).toBe(201);
  });
});

// The README's backup recipe, run for real: `backup` takes an SQLite online backup while the server is taking
// submissions, and a server started on a copy of that file (the restore) answers with the reports stored before it.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seedNodeData, spawnNodeServer, type NodeServerProcess } from '../../scripts/node-server.ts';
import { buildServer, SERVER_BUNDLE } from '../../server/build.ts';
import type { DevTokens } from '../../scripts/seed-dev.ts';
import { DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { goodRow } from '../fixtures/submission-builder.ts';

const run = promisify(execFile);
const NOW = '2024-03-10T04:00:00.000Z';
const work = mkdtempSync(path.join(tmpdir(), 'rectify-backup-'));
const servers: NodeServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  rmSync(work, { recursive: true, force: true });
});

function submit(url: string, tokens: DevTokens, unitId: string): Promise<Response> {
  return fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tokens.units[unitId]}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
      'X-Rectify-Now': NOW,
    },
    body: JSON.stringify({
      period: '2024-03-H1',
      signer: '李明',
      rows: demoMeasuresFor(unitId).map((m, i) => goodRow(m.id, i)),
    }),
  });
}

const history = async (url: string, token: string) =>
  (
    (await (
      await fetch(`${url}/api/v1/reports?history=1`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      reports: { revision: number }[];
    }
  ).reports;

describe('backup and restore of the self-hosted server', () => {
  it('backs up while submissions arrive, and a server on the restored file answers with the reports stored before', async () => {
    await buildServer();
    const data = path.join(work, 'live');
    mkdirSync(data);
    const tokens = seedNodeData(data);
    const live = await spawnNodeServer(data, { env: { ALLOW_CLOCK_OVERRIDE: '1', RATE_LIMITS: 'off' } });
    servers.push(live);
    const before = DEMO_UNITS.slice(0, 5).map((u) => u.id);
    for (const u of before) expect((await submit(live.url, tokens, u)).status).toBe(201);

    const file = path.join(work, 'rectify-backup.sqlite');
    const during = DEMO_UNITS.slice(5).map((u) => submit(live.url, tokens, u.id).then((r) => r.status));
    await run(process.execPath, [SERVER_BUNDLE, 'backup', '--data', data, '--out', file]);
    expect(new Set(await Promise.all(during))).toEqual(new Set([201]));

    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const restored = path.join(work, 'restored');
    mkdirSync(restored);
    copyFileSync(file, path.join(restored, 'rectify.sqlite'));
    const again = await spawnNodeServer(restored, { env: { ALLOW_CLOCK_OVERRIDE: '1' } });
    servers.push(again);
    for (const u of before) expect(await history(again.url, tokens.units[u]!)).toMatchObject([{ revision: 1 }]);
    expect(again.output()).not.toContain('first admin token');
  });
});

// What the Node host adds around the Worker's app, seen over HTTP from a real server process: the rate limits of
// wrangler.jsonc with the Worker's answer, counted by the socket's address whatever CF-Connecting-IP a client sends;
// the pane's static files with their _headers; nothing outside dist/addin; and the hourly job run by the host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/build.ts';
import { seedNodeData, spawnNodeServer, type NodeServerProcess } from '../../scripts/node-server.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-host-'));
let server: NodeServerProcess;

beforeAll(async () => {
  await buildServer();
  seedNodeData(dataDir);
  // Rate limits on (no RATE_LIMITS=off), and GET /__scheduled as wrangler dev --test-scheduled offers it.
  server = await spawnNodeServer(dataDir, { env: { TEST_SCHEDULED: '1' } });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the Node host around the Worker app', () => {
  it('answers the 11th failed authentication in a minute with the Worker’s 429, whatever CF-Connecting-IP the client claims', async () => {
    // The windows are fixed clock minutes: start clear of a boundary, so all 11 fall in one window.
    const toBoundary = 60_000 - (Date.now() % 60_000);
    if (toBoundary < 5000) await new Promise((r) => setTimeout(r, toBoundary + 50));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await fetch(`${server.url}/api/v1/me`, {
        headers: { Authorization: 'Bearer rt_wrong', 'CF-Connecting-IP': `10.0.0.${i}` },
      });
      statuses.push(last.status);
      if (i < 10) await last.arrayBuffer();
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    expect(last!.headers.get('Retry-After')).toBe('60');
    expect(((await last!.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'rate_limited',
      message: '身份验证失败次数过于频繁，请 60 秒后再试',
    });
  });

  it('serves the pane with the headers of dist/addin/_headers, and /index.html as a redirect to /', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('Content-Security-Policy')).toContain(
      "script-src 'self' https://appsforoffice.microsoft.com",
    );
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await page.text()).toContain('taskpane');
    const index = await fetch(`${server.url}/index.html`, { redirect: 'manual' });
    expect([index.status, index.headers.get('Location')]).toEqual([307, '/']);
  });

  it('serves nothing outside dist/addin: not the headers file, not the repository, not the data directory', async () => {
    for (const p of [
      '/_headers',
      '/%2e%2e/%2e%2e/wrangler.jsonc',
      '/..%2f..%2fpackage.json',
      '/evidence/objects',
      '/rectify.sqlite',
    ]) {
      expect((await fetch(`${server.url}${p}`)).status, p).toBe(404);
    }
  });

  it('runs the Worker’s scheduled handler on request: reminders, evidence housekeeping and link cleanup', async () => {
    const db = new Database(path.join(dataDir, 'rectify.sqlite'), { readonly: true });
    const flags = () => (db.prepare('SELECT COUNT(*) AS n FROM missing_flags').get() as { n: number }).n;
    expect(flags()).toBe(0);
    const res = await fetch(`${server.url}/__scheduled?cron=0+*+*+*+*`);
    expect(await res.text()).toBe('Ran scheduled event for 0 * * * *');
    // Every unit missed the demo plan's past deadlines (no report was ever filed): the job flags them.
    expect(flags()).toBeGreaterThan(0);
    db.close();
    expect(server.output()).toMatch(
      /scheduled job .*\n[\s\S]*evidence housekeeping|evidence housekeeping[\s\S]*scheduled job/,
    );
  });
});

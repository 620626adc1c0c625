// The self-hosted server (server/, Node + SQLite) as a real process on 127.0.0.1 for tests and benchmarks, the way
// scripts/dev-server.ts and bench/lib/local-worker.ts start the Worker: a data directory migrated and seeded with the
// same demo tokens (scripts/seed-dev.ts), then `node dist/server/main.mjs serve` on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, openDatabase } from '../server/database.ts';
import { buildServer } from '../server/build.ts';
import type { DevServer, DevServerOptions } from './dev-server.ts';
import { demoTokensSql, ROOT, type DevTokens } from './seed-dev.ts';
import { freePort, type LocalWorker, type LocalWorkerOptions } from '../bench/lib/local-worker.ts';

export interface NodeServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Migrations and the demo tokens into `dataDir` (a fresh one), as `startLocalWorker` seeds its local D1. */
export function seedNodeData(dataDir: string): DevTokens {
  const db = openDatabase(path.join(dataDir, 'rectify.sqlite'));
  try {
    applyMigrations(db, path.join(ROOT, 'worker', 'migrations'));
    const { sql, tokens } = demoTokensSql();
    db.exec(sql);
    return tokens;
  } finally {
    db.close();
  }
}

/** Starts `node dist/server/main.mjs serve` on `dataDir`; resolves once /api/v1/health answers. */
export async function spawnNodeServer(
  dataDir: string,
  /** `wrap`: a command the server runs under, e.g. unshare to give it a small disk of its own. */
  o: { port?: number; env?: Record<string, string>; timeoutMs?: number; wrap?: string[] } = {},
): Promise<NodeServerProcess> {
  const port = o.port ?? (await freePort());
  const [command, ...prefix] = [...(o.wrap ?? []), process.execPath];
  const child = spawn(
    command!,
    [...prefix, path.join(ROOT, 'dist', 'server', 'main.mjs'), 'serve', '--data', dataDir, '--port', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child, output: () => log, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop('SIGKILL');
  throw new Error(`server did not answer on ${url} in time:\n${log}`);
}

/** Same contract as startLocalWorker: the Node server with rate limits off and, when asked, the clock override. */
export async function startLocalNodeServer(o: LocalWorkerOptions = {}): Promise<LocalWorker> {
  await buildServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-node-'));
  try {
    const tokens = seedNodeData(dataDir);
    await o.prepare?.(dataDir);
    const server = await spawnNodeServer(dataDir, {
      env: { RATE_LIMITS: 'off', ...(o.clockOverride ? { ALLOW_CLOCK_OVERRIDE: '1' } : {}), ...o.vars },
    });
    return {
      url: server.url,
      tokens,
      persistDir: dataDir,
      pid: server.child.pid,
      stop: async () => {
        await server.stop();
        if (!o.keepData) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * startDevServer's contract on the Node server (scripts/dev-server.ts hands over when RECTIFY_HOST=node, as the
 * e2e-node test project sets): seeds a new data directory, reuses an existing one (tokens: null then).
 */
export async function startNodeDevServer(o: DevServerOptions): Promise<DevServer> {
  await buildServer();
  const dataDir = o.persistDir ?? path.join(ROOT, '.node-data');
  mkdirSync(dataDir, { recursive: true });
  const tokens = existsSync(path.join(dataDir, 'rectify.sqlite')) ? null : seedNodeData(dataDir);
  const server = await spawnNodeServer(dataDir, {
    port: o.port,
    env: { ...o.vars, ...(o.testScheduled ? { TEST_SCHEDULED: '1' } : {}) },
    timeoutMs: o.timeoutMs,
  });
  return { url: server.url, tokens, pid: server.child.pid, stop: () => server.stop() };
}

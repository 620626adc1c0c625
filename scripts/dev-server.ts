// Runs the real Worker locally (wrangler dev on 127.0.0.1) with a migrated, seeded D1 — for npm start, the browser
// tests and the benchmarks. Resolves once /api/v1/health answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, seedLocal, wranglerEnv, type DevTokens } from './seed-dev.ts';

export interface DevServerOptions {
  port?: number;
  /** D1/state directory (wrangler --persist-to); default: wrangler's .wrangler/state. */
  persistDir?: string;
  /** Extra vars, e.g. { ALLOW_CLOCK_OVERRIDE: '1' } to let tests move the clock. Never secrets you care about. */
  vars?: Record<string, string>;
  /** Forward wrangler's output to this process's stdout/stderr. */
  inherit?: boolean;
  /** Also serve /__scheduled for cron testing (wrangler --test-scheduled). */
  testScheduled?: boolean;
  timeoutMs?: number;
  /**
   * Run wrangler in its own process group (default true) so stop() can end wrangler and its workerd together.
   * npm start passes false so a terminal's Ctrl+C reaches them directly.
   */
  detached?: boolean;
}

export interface DevServer {
  url: string;
  /** Tokens created by this start, or null when the database already had tokens. */
  tokens: DevTokens | null;
  /** The wrangler process (workerd runs as its descendant): bench/ samples the Worker's memory under it. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startDevServer(o: DevServerOptions = {}): Promise<DevServer> {
  // The same black-box tests against the self-hosted server (Node + SQLite) instead of wrangler dev.
  if (process.env.RECTIFY_HOST === 'node') return (await import('./node-server.ts')).startNodeDevServer(o);
  const port = o.port ?? 8787;
  mkdirSync(path.join(ROOT, 'dist', 'addin'), { recursive: true });
  const tokens = await seedLocal(o.persistDir);
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'];
  if (o.persistDir) args.push('--persist-to', o.persistDir);
  if (o.testScheduled) args.push('--test-scheduled');
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push('--var', `${k}:${v}`);
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: ROOT,
    env: wranglerEnv(),
    stdio: o.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: (o.detached ?? true) && process.platform !== 'win32',
  });
  const grouped = (o.detached ?? true) && process.platform !== 'win32';
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      // wrangler starts workerd as a child: signal the whole process group we created.
      if (child.pid && grouped) process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return { url, tokens, pid: child.pid, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} in time:\n${log}`);
}

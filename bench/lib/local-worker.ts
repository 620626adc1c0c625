// The real Worker on 127.0.0.1 for benchmarks and the Node reliability tests: scripts/dev-server.ts (wrangler dev +
// local D1) on a free port with its own throw-away persist dir, so runs never touch the developer's .wrangler state.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../scripts/dev-server.ts';
import { seedLocal, type DevTokens } from '../../scripts/seed-dev.ts';

export interface LocalWorker {
  url: string;
  tokens: DevTokens;
  persistDir: string;
  /** The wrangler process; workerd is its descendant. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface LocalWorkerOptions {
  /** Allow X-Rectify-Now so tests can pin the clock (local only; see worker/lib/clock.ts). */
  clockOverride?: boolean;
  /** Extra vars for this run (e.g. BENCH_ROUTES). */
  vars?: Record<string, string>;
  /** Runs after migrations and the demo seed, before the server starts (e.g. bulk data). */
  prepare?: (persistDir: string) => Promise<void>;
  keepData?: boolean;
}

export async function startLocalWorker(o: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const persistDir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-'));
  let server: DevServer | undefined;
  try {
    // Seeding first gives us the tokens; startDevServer's own seed then finds them and leaves them alone.
    const tokens = await seedLocal(persistDir);
    if (!tokens) throw new Error('fresh persist dir already held tokens');
    await o.prepare?.(persistDir);
    server = await startDevServer({
      port: await freePort(),
      persistDir,
      // Load tests send hundreds of submissions a second with 22 tokens from one address: the rate limits
      // (tested inside workerd by test/worker/rate-limit.test.ts) would turn them into 429s.
      vars: { RATE_LIMITS: 'off', ...(o.clockOverride ? { ALLOW_CLOCK_OVERRIDE: '1' } : {}), ...o.vars },
    });
    const s = server;
    return {
      url: s.url,
      tokens,
      persistDir,
      pid: s.pid,
      stop: async () => {
        await s.stop();
        if (!o.keepData) rmSync(persistDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.stop();
    rmSync(persistDir, { recursive: true, force: true });
    throw e;
  }
}

import { defineConfig } from 'vitest/config';

// One `vitest run` runs every project: core and add-in units in Node, the Worker inside workerd, browser tests.
export default defineConfig({
  test: {
    projects: [
      './vitest.worker.config.ts',
      {
        test: {
          name: 'core',
          include: ['test/core/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'addin',
          include: ['test/addin/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Against the real local Worker (wrangler dev + local D1) started once by the global setup. Files run one
        // after another: they share that server and count its rows.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/reliability/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The same reliability files against the self-hosted server (server/: Node + SQLite), one real process.
        test: {
          name: 'reliability-node',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/reliability/global-setup-node.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The self-hosted server's own parts (SQLite adapter, disk store, data directory) and its processes.
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Every browser file once more against the self-hosted server (RECTIFY_HOST=node: scripts/dev-server.ts
        // starts server/ instead of wrangler dev), with the same expectations.
        test: {
          name: 'e2e-node',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          env: { RECTIFY_HOST: 'node' },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Real Chromium + real wrangler dev: one file at a time, generous timeouts (2-core machine).
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

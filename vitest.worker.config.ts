// The Worker's tests run inside workerd with a real local D1 (vitest-pool-workers). Each test file gets its own
// storage; migrations are applied by test/worker/apply-migrations.ts.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { startWebhookReceiver } from './test/worker/webhook-receiver.ts';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'worker/migrations'));
  const receiver = await startWebhookReceiver();
  return {
    plugins: [
      cloudflareTest({
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          d1Databases: ['MIGRATION_DB'],
          bindings: {
            TEST_MIGRATIONS: migrations,
            ALLOW_CLOCK_OVERRIDE: '1',
            ALLOWED_ORIGINS: 'https://allowed.example, https://also.example',
            REMINDER_WEBHOOK_URL: `${receiver.url}/hook`,
            WEBHOOK_RECEIVER_URL: receiver.url,
          },
        },
      }),
    ],
    test: {
      name: 'worker',
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['./test/worker/apply-migrations.ts'],
      // Several files drive dozens of requests per test (robots, uploads); 5 s is too tight on a loaded 2-core machine.
      testTimeout: 30_000,
    },
  };
});

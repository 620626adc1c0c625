// Setup for every worker test file: apply worker/migrations to the file's fresh local D1.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS!);

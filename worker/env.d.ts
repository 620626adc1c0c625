// Bindings that wrangler.jsonc cannot declare: secrets, and switches that exist only in local tests/dev.
declare namespace Cloudflare {
  interface Env {
    /** Secret: WeCom/DingTalk group-robot URL for reminders (`wrangler secret put REMINDER_WEBHOOK_URL`). */
    REMINDER_WEBHOOK_URL?: string;
    /** Secret: the DingTalk 加签 secret ("SEC…") of REMINDER_WEBHOOK_URL's robot. */
    REMINDER_WEBHOOK_SECRET?: string;
    /** Secret: several robots as JSON, e.g. one group for villages and one for offices (worker/lib/robots.ts). */
    REMINDER_WEBHOOKS?: string;
    /** Optional: how long a robot may take to answer, in ms (default 10 s, worker/lib/reminder-delivery.ts). */
    REMINDER_WEBHOOK_TIMEOUT_MS?: string;
    /** "1" only in local tests/dev: lets X-Rectify-Now / NOW_OVERRIDE set the clock. Never set in production. */
    ALLOW_CLOCK_OVERRIDE?: string;
    NOW_OVERRIDE?: string;
    /** "off" only for local load tests (bench/, the reliability tests): skips worker/lib/rate-limit.ts. */
    RATE_LIMITS?: string;
    /** "1" only for local benchmarks: mounts PUT /api/v1/__bench/count-bytes (worker/routes/bench.ts). */
    BENCH_ROUTES?: string;
    /** Set only by the self-hosted server (server/): evidence on its disk instead of the EVIDENCE bucket. */
    EVIDENCE_STORE?: import('./storage/evidence-store.ts').EvidenceStore;
    /** Test-only: base URL of test/worker/webhook-receiver.ts. */
    WEBHOOK_RECEIVER_URL?: string;
    /** Test-only: migrations read by vitest.worker.config.ts. */
    TEST_MIGRATIONS?: import('cloudflare:test').D1Migration[];
    /** Test-only: an empty D1 that test/worker/migration-0003.test.ts migrates step by step. */
    MIGRATION_DB?: D1Database;
  }
}

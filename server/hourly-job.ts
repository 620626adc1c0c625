// The Worker's Cron Trigger ("0 * * * *", UTC) on the self-hosted server: `runScheduled` calls the Worker's own
// scheduled handler (worker/index.ts) and waits for everything it started; every-hour.ts calls it each hour.
import worker from '../worker/index.ts';

export const CRON = '0 * * * *';

/** Runs the scheduled handler once for `at`, as the Cron Trigger would, and settles when all its work is done. */
export async function runScheduled(env: Cloudflare.Env, at: Date): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void pending.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const controller = { scheduledTime: at.getTime(), cron: CRON, noRetry() {} } as ScheduledController;
  await worker.scheduled(controller, env, ctx);
  const results = await Promise.allSettled(pending);
  for (const r of results) if (r.status === 'rejected') console.error('scheduled job failed', r.reason);
}

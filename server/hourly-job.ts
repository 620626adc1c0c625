// The Worker's Cron Trigger ("0 * * * *", UTC) on the self-hosted server: at the top of every hour it calls the
// Worker's own scheduled handler (worker/index.ts) and waits for everything it started. Runs never overlap: an hour
// whose job is still running is skipped.
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

const HOUR = 3_600_000;

/** Starts the hourly timer; returns a function that stops it. */
export function startHourlyJob(env: Cloudflare.Env, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const next = () => {
    timer = setTimeout(tick, HOUR - (now() % HOUR));
    timer.unref();
  };
  const tick = () => {
    next();
    if (running) return;
    running = true;
    runScheduled(env, new Date(Math.round(now() / HOUR) * HOUR)).finally(() => (running = false));
  };
  next();
  return () => clearTimeout(timer);
}

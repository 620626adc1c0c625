// The clock of the self-hosted server's Cron Trigger ("0 * * * *", UTC): a job at the top of every hour. Runs never
// overlap: an hour whose predecessor is still running is skipped.
const HOUR = 3_600_000;

/** Calls `job` with the hour's instant at the top of every hour from now on; returns a function that stops it. */
export function everyHour(job: (at: Date) => Promise<void>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const next = () => {
    timer = setTimeout(tick, HOUR - (Date.now() % HOUR));
    timer.unref?.();
  };
  const tick = () => {
    const at = new Date(Math.round(Date.now() / HOUR) * HOUR);
    next();
    if (running) return;
    running = true;
    job(at)
      .catch((e: unknown) => console.error('hourly job failed', e))
      .finally(() => (running = false));
  };
  next();
  return () => clearTimeout(timer);
}

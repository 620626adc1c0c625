// The self-hosted server's stand-in for the Cron Trigger "0 * * * *": the job runs at the top of each UTC hour with
// that hour's instant, a run still going when the next hour comes is not doubled, and stopping stops it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyHour } from '../../server/every-hour.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-14T15:59:30.000Z'));
});
afterEach(() => vi.useRealTimers());

describe('everyHour', () => {
  it('runs the job at the top of each hour with the hour as its instant, and never before', async () => {
    const runs: string[] = [];
    const stop = everyHour(async (at) => void runs.push(at.toISOString()));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['2026-12-14T16:00:00.000Z']);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toEqual(['2026-12-14T16:00:00.000Z', '2026-12-14T17:00:00.000Z']);
    stop();
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(runs).toHaveLength(2);
  });

  it('skips an hour while the previous run is still going', async () => {
    const started: string[] = [];
    let finish!: () => void;
    const stop = everyHour((at) => {
      started.push(at.toISOString());
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await vi.advanceTimersByTimeAsync(30_000 + 3_600_000);
    expect(started).toEqual(['2026-12-14T16:00:00.000Z']);
    finish();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(started).toEqual(['2026-12-14T16:00:00.000Z', '2026-12-14T18:00:00.000Z']);
    stop();
  });
});

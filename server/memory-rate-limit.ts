// The Workers Rate Limiting binding (`limit({key}) → {success}`) in memory, for one server process: fixed windows of
// `period` seconds, at most `limit` calls per key in a window — the limits wrangler.jsonc gives the Worker.
export interface RateLimitRule {
  name: string;
  simple: { limit: number; period: number };
}

export function memoryRateLimit(rule: RateLimitRule['simple'], now: () => number = Date.now): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async limit({ key }) {
      const t = now();
      const windowStart = t - (t % (rule.period * 1000));
      let w = windows.get(key);
      if (!w || w.start !== windowStart) {
        // Forget every key of past windows now and then, so the map stays as small as one window's callers.
        if (windows.size > 10_000) for (const [k, old] of windows) if (old.start !== windowStart) windows.delete(k);
        w = { start: windowStart, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return { success: w.count <= rule.limit };
    },
  };
}

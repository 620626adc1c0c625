// Throttling through the Workers Rate Limiting bindings of wrangler.jsonc, run by workerd's own limiter: failed
// authentication per client address, submissions per token; 429 with Retry-After and a Chinese message.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, makeToken, type TestToken } from './helpers.ts';

const WINDOW_MS = 60_000;

/** The local limiter counts in fixed 60 s windows: start a burst early in one so it cannot straddle two. */
async function startOfWindow(burstMs = 20_000) {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < burstMs) await new Promise((r) => setTimeout(r, left + 50));
}

let sup: TestToken;

describe('rate limits', () => {
  beforeAll(async () => {
    sup = await makeToken('supervisor');
  });

  it(
    'answers 429 with Retry-After after 10 failed authentications from one address, yet serves a good token from it',
    { timeout: 60_000 },
    async () => {
      await startOfWindow();
      const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const bad = () => call('/me', { token: `rt_${crypto.randomUUID()}`, headers: { 'CF-Connecting-IP': ip } });
      for (let i = 0; i < 10; i++) expect((await bad()).status).toBe(401);
      const limited = await bad();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('Retry-After')).toBe('60');
      const err = await errorOf(limited);
      expect(err.code).toBe('rate_limited');
      expect(err.message).toMatch(/^身份验证失败次数过于频繁，请 60 秒后再试/);
      expect((await call('/me', { token: sup.token, headers: { 'CF-Connecting-IP': ip } })).status).toBe(200);
      expect((await call('/me', { token: 'rt_nope', headers: { 'CF-Connecting-IP': '203.0.113.9' } })).status).toBe(
        401,
      );
    },
  );

  it(
    "answers 429 to the 31st submission with one token within a minute, while another unit's token still gets through",
    { timeout: 60_000 },
    async () => {
      await startOfWindow();
      const unit = await makeToken('unit', 'v-menglai');
      const other = await makeToken('unit', 'v-gongsa');
      // Every POST counts, accepted or not; an empty body is the cheapest to send (422).
      const post = (t: string) =>
        call('/reports', { token: t, body: {}, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      for (let i = 0; i < 30; i++) expect((await post(unit.token)).status).toBe(422);
      const limited = await post(unit.token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('Retry-After')).toBe('60');
      expect((await errorOf(limited)).message).toMatch(/^提交过于频繁/);
      expect((await post(other.token)).status).toBe(422);
    },
  );
});

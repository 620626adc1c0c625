// Throttling with the Workers Rate Limiting bindings (wrangler.jsonc "ratelimits"). The limits:
// - failed authentication per client address (CF-Connecting-IP), so guessing tokens or a misconfigured pane cannot
//   hammer the database; a correct token from the same address (several units behind one township NAT) still works;
// - submissions per token, so one leaked or looping client cannot flood revisions;
// - 报送单 print links per token (each is a stored row and a bearer link), so none can mint them without end.
// The binding says only "over the limit or not", so Retry-After is the window length: an upper bound.
import type { Context } from 'hono';
import { AppError } from './app-error.ts';

/** Both bindings use 60-second windows (wrangler.jsonc). */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/**
 * Off only when the operator says so for a local load test (RATE_LIMITS=off, as bench/ and the reliability tests
 * start wrangler dev), or when the binding is absent.
 */
function limiterOf(
  env: Cloudflare.Env,
  name: 'AUTH_FAILURE_LIMITER' | 'SUBMIT_LIMITER' | 'ENROLL_LIMITER' | 'PRINT_LIMITER',
): RateLimit | null {
  if (env.RATE_LIMITS === 'off') return null;
  return env[name] ?? null;
}

function tooMany(what: string, en: string): AppError {
  return new AppError(
    429,
    'rate_limited',
    {
      zh: `${what}过于频繁，请 ${RATE_LIMIT_WINDOW_SECONDS} 秒后再试`,
      en: `${en}; retry after ${RATE_LIMIT_WINDOW_SECONDS} s`,
    },
    [{ path: 'Authorization', code: 'rate_limited', message: en }],
    { 'Retry-After': String(RATE_LIMIT_WINDOW_SECONDS) },
  );
}

/** The address Cloudflare's edge saw. Absent only outside the edge (tests calling the app directly): not limited. */
export const clientAddress = (c: Context): string | undefined => c.req.header('CF-Connecting-IP') || undefined;

/** Counts one failed authentication from this address; returns the 429 to throw once over the limit. */
export async function authFailureLimit(env: Cloudflare.Env, address: string | undefined): Promise<AppError | null> {
  const limiter = limiterOf(env, 'AUTH_FAILURE_LIMITER');
  if (!limiter || !address) return null;
  const { success } = await limiter.limit({ key: `auth:${address}` });
  return success ? null : tooMany('身份验证失败次数', 'too many failed authentication attempts from this address');
}

/** Counts one submission under this token (keyed by its hash, never the token itself). */
export async function submitLimit(env: Cloudflare.Env, tokenHash: string): Promise<AppError | null> {
  const limiter = limiterOf(env, 'SUBMIT_LIMITER');
  if (!limiter) return null;
  const { success } = await limiter.limit({ key: `submit:${tokenHash}` });
  return success ? null : tooMany('提交', 'too many submissions with this token');
}

/** Counts one 连接码 exchange attempt from this address, right or wrong: guessing codes costs a minute per 10 tries. */
export async function enrollLimit(env: Cloudflare.Env, address: string | undefined): Promise<AppError | null> {
  const limiter = limiterOf(env, 'ENROLL_LIMITER');
  if (!limiter || !address) return null;
  const { success } = await limiter.limit({ key: `enroll:${address}` });
  if (success) return null;
  const e = tooMany('连接码尝试', 'too many enrollment attempts from this address');
  return new AppError(
    e.status,
    e.code,
    { zh: e.message, en: e.messageEn },
    [{ path: 'code', code: 'rate_limited', message: 'too many enrollment attempts from this address' }],
    e.headers,
  );
}

/** Counts one print link made with this token (keyed by the token's id). */
export async function printLinkLimit(env: Cloudflare.Env, tokenId: string): Promise<AppError | null> {
  const limiter = limiterOf(env, 'PRINT_LIMITER');
  if (!limiter) return null;
  const { success } = await limiter.limit({ key: `print:${tokenId}` });
  return success ? null : tooMany('打印链接生成', 'too many print links with this token');
}

// The Worker's notion of "now". Tests and local benchmarks move the clock with the X-Rectify-Now header or the
// NOW_OVERRIDE var, but only when ALLOW_CLOCK_OVERRIDE is "1" — a var that wrangler.jsonc never sets, so a
// deployed Worker always uses the real clock.
import { AppError } from './app-error.ts';

export const NOW_HEADER = 'X-Rectify-Now';

export function clockOverrideAllowed(env: Cloudflare.Env): boolean {
  return env.ALLOW_CLOCK_OVERRIDE === '1';
}

export function requestNow(env: Cloudflare.Env, header: string | undefined): Date {
  if (!clockOverrideAllowed(env)) return new Date();
  const raw = header ?? env.NOW_OVERRIDE;
  if (!raw) return new Date();
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) {
    throw new AppError(
      400,
      'bad_clock',
      { zh: `${NOW_HEADER} 不是有效的时间：${raw}`, en: `${NOW_HEADER} is not a valid instant: ${raw}` },
      [{ path: NOW_HEADER, code: 'invalid', message: 'expected an ISO 8601 instant' }],
    );
  }
  return d;
}

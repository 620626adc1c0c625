// Composes the API: clock, CORS, routes under /api/v1, one error mapper. Everything outside /api is the task pane
// (static assets).
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { AppError, notFound } from './lib/app-error.ts';
import type { AppEnv } from './lib/auth.ts';
import { NOW_HEADER, requestNow } from './lib/clock.ts';
import { adminRoutes } from './routes/admin.ts';
import { closureRoutes } from './routes/closures.ts';
import { noticeRoutes } from './routes/notices.ts';
import { enrollmentRoutes } from './routes/enrollment.ts';
import { metaRoutes } from './routes/meta.ts';
import { planRoutes } from './routes/plans.ts';
import { reportRoutes } from './routes/reports.ts';
import { summaryRoutes } from './routes/summary.ts';
import { manifestResponse } from './routes/manifest.ts';
import { trendRoutes } from './routes/trends.ts';
import { unitStatusRoutes } from './routes/unit-status.ts';
import { printRoutes } from './routes/print.ts';
import { downloadRoutes } from './routes/downloads.ts';
import { evidenceRoutes } from './routes/evidence.ts';
import { benchRoutes } from './routes/bench.ts';

export const API_BASE = '/api/v1';

const allowedOrigins = (env: Cloudflare.Env) =>
  (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

const api = new Hono<AppEnv>()
  .route('/', metaRoutes)
  .route('/', planRoutes)
  .route('/', unitStatusRoutes)
  .route('/', printRoutes)
  .route('/', downloadRoutes)
  .route('/', evidenceRoutes)
  .route('/', reportRoutes)
  .route('/', summaryRoutes)
  .route('/', trendRoutes)
  .route('/', closureRoutes)
  .route('/', noticeRoutes)
  .route('/', adminRoutes)
  .route('/', enrollmentRoutes)
  .route('/', benchRoutes);

export const app = new Hono<AppEnv>();

// Every answer of the API: no MIME sniffing (a JSON error or a CSV must never be run as HTML or script).
app.use(`${API_BASE}/*`, async (c, next) => {
  await next();
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
});

app.use(`${API_BASE}/*`, async (c, next) => {
  c.set('now', requestNow(c.env, c.req.header(NOW_HEADER)));
  await next();
  c.header('Cache-Control', 'no-store');
});

// Same-origin needs no CORS; only origins listed in ALLOWED_ORIGINS get CORS headers.
app.use(
  `${API_BASE}/*`,
  cors({
    origin: (origin, c) => (allowedOrigins(c.env as Cloudflare.Env).includes(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['Idempotent-Replayed', 'Content-Disposition', 'Retry-After'],
    maxAge: 600,
  }),
);

app.route(API_BASE, api);

app.all(`${API_BASE}/*`, () => {
  throw notFound({ zh: '接口不存在', en: 'no such endpoint' }, '(url)');
});

app.get('/manifest.xml', manifestResponse);

// Outside /api the request belongs to the task pane's static files. Those are served by the assets layer before
// the Worker runs, so their headers (CSP, nosniff) come from dist/addin/_headers, written by scripts/build-addin.ts.
app.all('*', (c) => (c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.notFound()));

app.onError((err, c) => {
  if (err instanceof AppError) {
    if (err.status === 401) c.header('WWW-Authenticate', 'Bearer');
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    const { code, message, messageEn, issues } = err;
    return c.json({ error: { code, message, messageEn, issues } }, err.status);
  }
  if (err instanceof HTTPException) {
    const en = err.message || 'request failed';
    return c.json({ error: { code: 'http_error', message: `请求失败：${en}`, messageEn: en, issues: [] } }, err.status);
  }
  console.error('unhandled error', c.req.method, c.req.path, err);
  return c.json(
    { error: { code: 'internal', message: '服务器内部错误', messageEn: 'internal error', issues: [] } },
    500,
  );
});

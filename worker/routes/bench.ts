// Baselines for bench/evidence-upload.ts: a streamed body only counted, or (`?store=r2`) streamed into the R2 bucket
// under `bench/` with nothing else done — the floor any upload pays for storing. Mounted only when the operator
// starts a local server with BENCH_ROUTES=1 (bench/ does); a deployed Worker answers 404.
import { Hono } from 'hono';
import { AppError } from '../lib/app-error.ts';
import type { AppEnv } from '../lib/auth.ts';

export const benchRoutes = new Hono<AppEnv>().put('/__bench/count-bytes', async (c) => {
  if (c.env.BENCH_ROUTES !== '1') throw new AppError(404, 'not_found', { zh: '接口不存在', en: 'no such endpoint' });
  const body = c.req.raw.body;
  if (c.req.query('store') === 'r2' && body) {
    const size = Number(c.req.header('Content-Length'));
    await c.env.EVIDENCE.put('bench/raw', body.pipeThrough(new FixedLengthStream(size)));
    return c.json({ bytes: size });
  }
  let bytes = 0;
  if (body) for await (const chunk of body) bytes += chunk.byteLength;
  return c.json({ bytes });
});

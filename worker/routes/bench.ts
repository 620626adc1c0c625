// Baselines for bench/evidence-upload.ts: a streamed body with one more step of what an upload does at a time, so
// the bench can say where the time and memory go. Plain: only counted (and its chunks). `?inspect=1`: through the
// upload's inspector (length, sniff, SHA-256: the runtime's native streams here); `?inspect=portable`: through the
// Node server's (JavaScript per batch). `?store=r2`: streamed into the R2 bucket under `bench/`;
// `?store=r2-part`: as one part of a multipart upload (then aborted). Mounted only when the operator starts a local
// server with BENCH_ROUTES=1 (bench/ does); a deployed Worker answers 404.
import { Hono } from 'hono';
import { notFound } from '../lib/app-error.ts';
import type { AppEnv } from '../lib/auth.ts';
import { drain, inspectStream } from '../lib/evidence-stream.ts';
import { inspectEvidence } from '../lib/evidence-stream-native.ts';

export const benchRoutes = new Hono<AppEnv>().put('/__bench/count-bytes', async (c) => {
  if (c.env.BENCH_ROUTES !== '1') throw notFound({ zh: '接口不存在', en: 'no such endpoint' }, '(url)');
  const body = c.req.raw.body;
  const size = Number(c.req.header('Content-Length'));
  if (!body) return c.json({ bytes: 0, chunks: 0 });
  const inspect = c.req.query('inspect');
  const inspection =
    inspect === '1' ? inspectEvidence(body, size) : inspect === 'portable' ? inspectStream(body, size) : null;
  const stream = inspection ? await inspection.stream : body;
  const store = c.req.query('store');
  if (store === 'r2') await c.env.EVIDENCE.put('bench/raw', stream.pipeThrough(new FixedLengthStream(size)));
  else if (store === 'r2-part') {
    const upload = await c.env.EVIDENCE.createMultipartUpload('bench/part');
    await upload.uploadPart(1, stream.pipeThrough(new FixedLengthStream(size)));
    await upload.abort();
  } else if (inspection) await drain(stream);
  else {
    let bytes = 0;
    let chunks = 0;
    for await (const chunk of stream) ((bytes += chunk.byteLength), chunks++);
    return c.json({ bytes, chunks });
  }
  if (inspection) await inspection.done;
  return c.json({ bytes: size });
});

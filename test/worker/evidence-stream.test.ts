// The upload's inspectors fed as a request body arrives: in 4 KB chunks. The portable one (worker/lib/evidence-stream.ts,
// the Node server's) passes the bytes on in batches, unchanged and hashed; the native one (evidence-stream-native.ts,
// the Workers runtime's) reads the head, then lets the runtime stream the rest. Either way a refused type or a wrong
// length passes nothing on whole.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LengthMismatchError } from '../../worker/storage/evidence-store.ts';
import { evidenceStoreOf } from '../../worker/storage/r2-store.ts';
import { drain, inspectStream, StreamRefused } from '../../worker/lib/evidence-stream.ts';
import { hasNativeStreams, inspectStreamNatively } from '../../worker/lib/evidence-stream-native.ts';
import { bytesWith, EXE_HEAD, jpeg, sha256Hex } from '../fixtures/evidence-bytes.ts';

/** The bytes as a stream of `chunk`-byte pieces, like a request body. */
function chunked(bytes: Uint8Array, chunk = 4096): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

describe('inspectStream (the portable inspector, used by the Node server)', () => {
  it('passes a 300 KB photo sent in 4 KB chunks on unchanged, in batches of 64 KB, with its SHA-256 and type', async () => {
    const bytes = jpeg(300 * 1024 + 123, 5);
    const inspection = inspectStream(chunked(bytes), bytes.length);
    const out = await collect(inspection.stream);
    const seen = await inspection.done;
    expect(out.slice(0, -1).every((c) => c.byteLength === 64 * 1024)).toBe(true);
    expect(out.length).toBe(5);
    const whole = new Uint8Array(out.reduce((n, c) => n + c.byteLength, 0));
    out.reduce((at, c) => (whole.set(c, at), at + c.byteLength), 0);
    expect(whole).toEqual(bytes);
    expect(seen).toEqual({ sha256: await sha256Hex(bytes), type: 'jpeg', size: bytes.length });
  });

  it('decides the type of a file smaller than one batch at its end', async () => {
    const bytes = jpeg(10_000, 6);
    const inspection = inspectStream(chunked(bytes, 1000), bytes.length);
    await drain(inspection.stream);
    expect((await inspection.done).type).toBe('jpeg');
  });

  it('passes nothing of a renamed .exe on: refused at its first batch', async () => {
    const bytes = bytesWith(EXE_HEAD, 200 * 1024, 7);
    const inspection = inspectStream(chunked(bytes), bytes.length);
    const received: Uint8Array[] = [];
    await expect(
      inspection.stream.pipeTo(new WritableStream({ write: (c) => void received.push(c) })),
    ).rejects.toBeInstanceOf(StreamRefused);
    expect(received).toEqual([]);
    expect(inspection.refusal()?.problem.kind).toBe('type');
  });

  it('refuses a body longer than declared, naming how much came', async () => {
    const bytes = jpeg(100 * 1024, 8);
    const inspection = inspectStream(chunked(bytes), 90 * 1024);
    await expect(drain(inspection.stream)).rejects.toBeInstanceOf(StreamRefused);
    // 90 KB is 22.5 chunks: the 23rd chunk passes the declared length.
    expect(inspection.refusal()?.problem).toEqual({ kind: 'length', received: 23 * 4096 });
  });
});

describe('inspectStreamNatively (the Workers runtime’s inspector, used by uploads here)', () => {
  it('is the inspector this runtime uses', () => {
    expect(hasNativeStreams()).toBe(true);
  });

  it('hands a 300 KB photo sent in 4 KB chunks on unchanged, with its SHA-256 and type', async () => {
    const bytes = jpeg(300 * 1024 + 123, 5);
    const inspection = inspectStreamNatively(chunked(bytes), bytes.length);
    const out = await collect(await inspection.stream);
    const whole = new Uint8Array(out.reduce((n, c) => n + c.byteLength, 0));
    out.reduce((at, c) => (whole.set(c, at), at + c.byteLength), 0);
    expect(whole).toEqual(bytes);
    expect(await inspection.done).toEqual({ sha256: await sha256Hex(bytes), type: 'jpeg', size: bytes.length });
  });

  it('decides the type of a file smaller than the head at its end', async () => {
    const bytes = jpeg(10_000, 6);
    const inspection = inspectStreamNatively(chunked(bytes, 1000), bytes.length);
    await drain(await inspection.stream);
    expect((await inspection.done).type).toBe('jpeg');
  });

  it('never hands a renamed .exe to the store: refused at its head', async () => {
    const bytes = bytesWith(EXE_HEAD, 200 * 1024, 7);
    const inspection = inspectStreamNatively(chunked(bytes), bytes.length);
    // The stream the store would read is refused instead of given.
    await expect(inspection.stream).rejects.toBeInstanceOf(StreamRefused);
    await expect(inspection.done).rejects.toBeInstanceOf(StreamRefused);
    expect(inspection.refusal()?.problem.kind).toBe('type');
  });

  it('refuses a body longer than declared within its head, and leaves a longer or shorter one to R2, which stores nothing', async () => {
    const bytes = jpeg(200 * 1024, 8);
    const short = inspectStreamNatively(chunked(bytes), 60 * 1024);
    await expect(short.stream).rejects.toBeInstanceOf(StreamRefused);
    // 60 KB is 15 chunks of 4 KB: the 16th passes the declared length.
    expect(short.refusal()?.problem).toEqual({ kind: 'length', received: 16 * 4096 });
    const store = evidenceStoreOf(env);
    for (const declared of [150 * 1024, 250 * 1024]) {
      const key = `test/native-length-${declared}`;
      const inspection = inspectStreamNatively(chunked(bytes), declared);
      await expect(store.put(key, await inspection.stream, declared)).rejects.toBeInstanceOf(LengthMismatchError);
      expect(await store.get(key)).toBeNull();
    }
  });

  it('hands a later part of a multipart upload to the store as it came, neither sniffed nor hashed', async () => {
    const body = chunked(bytesWith(EXE_HEAD, 100 * 1024, 9));
    const inspection = inspectStreamNatively(body, 100 * 1024, { sniff: false, hash: false });
    expect(await inspection.stream).toBe(body);
    expect(await inspection.done).toEqual({ sha256: '', type: null, size: 100 * 1024 });
  });
});

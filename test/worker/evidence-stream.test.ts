// The upload's inspector (worker/lib/evidence-stream.ts) fed as a request body arrives: in 4 KB chunks. It passes the
// bytes on in batches, unchanged and hashed; a refused type or a wrong length passes nothing on.
import { describe, expect, it } from 'vitest';
import { drain, inspectStream, StreamRefused } from '../../worker/lib/evidence-stream.ts';
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

describe('inspectStream', () => {
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

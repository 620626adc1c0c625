// The upload's inspector on the Workers runtime (evidence-stream.ts has the portable one, which the Node server keeps):
// no JavaScript per chunk. The body is teed at once; the type is decided from the head of one branch, and only then
// is the other branch — the body as it came, untouched — handed to the store, so a refused file never reaches it. The
// first branch goes on into crypto.DigestStream by the runtime's own pipe. The store's put keeps the length exact (R2
// through a FixedLengthStream: a longer or shorter body errors it and nothing is stored; LengthMismatchError).
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { sniffEvidenceType, type EvidenceType } from '../../core/evidence/sniff-type.ts';
import { inspectStream, StreamRefused, type Inspected, type Inspection } from './evidence-stream.ts';

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

function joined(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.byteLength));
  return out;
}

/** Whether this runtime streams natively (the Workers runtime: FixedLengthStream and crypto.DigestStream). */
export const hasNativeStreams = () =>
  typeof (globalThis as { FixedLengthStream?: unknown }).FixedLengthStream === 'function' &&
  typeof (crypto as { DigestStream?: unknown }).DigestStream === 'function';

/**
 * Same contract as evidence-stream.ts inspectStream, except that `stream` settles once the type is known (rejecting
 * with StreamRefused for a refused type) and that the length is left to the store that reads it.
 */
export function inspectStreamNatively(
  body: ReadableStream<Uint8Array>,
  size: number,
  o: { sniff?: boolean; hash?: boolean } = {},
): Inspection {
  const sniff = o.sniff ?? true;
  const hash = o.hash !== false;
  if (!sniff && !hash)
    return { stream: body, done: Promise.resolve({ sha256: '', type: null, size }), refusal: () => null };
  const [toStore, toInspect] = body.tee();
  let refusal: StreamRefused | null = null;

  /** The head from the inspected branch: up to sniffBytes (the whole file when smaller). */
  async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array[]> {
    const head: Uint8Array[] = [];
    let got = 0;
    while (got < EVIDENCE_LIMITS.sniffBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      got += value.byteLength;
      if (got > size) throw (refusal = new StreamRefused({ kind: 'length', received: got }));
    }
    return head;
  }

  const reader = toInspect.getReader();
  const headRead = readHead(reader);
  const typed: Promise<EvidenceType | null> = headRead.then((head) => {
    if (!sniff) return null;
    const bytes = joined(
      head,
      head.reduce((n, c) => n + c.byteLength, 0),
    );
    const type = sniffEvidenceType(bytes.subarray(0, EVIDENCE_LIMITS.sniffBytes));
    if (!type) throw (refusal = new StreamRefused({ kind: 'type', head: bytes }));
    return type;
  });
  const stream = typed.then(
    () => toStore,
    async (e: unknown) => {
      await Promise.all([toStore.cancel(e), reader.cancel(e)]).catch(() => {});
      throw e;
    },
  );

  /** The head written into the digest, then the rest of the branch piped into it by the runtime. */
  async function digest(): Promise<string> {
    const head = await headRead;
    await typed;
    if (!hash) {
      await reader.cancel();
      return '';
    }
    const hasher = new crypto.DigestStream('SHA-256');
    hasher.digest.catch(() => {}); // a cut body rejects it; that is reported through `done`
    const writer = hasher.getWriter();
    for (const c of head) await writer.write(c);
    writer.releaseLock();
    reader.releaseLock();
    await toInspect.pipeTo(hasher);
    return hex(await hasher.digest);
  }

  const done: Promise<Inspected> = Promise.all([typed, digest()]).then(([type, sha256]) => ({ sha256, type, size }));
  done.catch(() => {}); // observed by the caller; never an unhandled rejection
  stream.catch(() => {});
  return { stream, done, refusal: () => refusal };
}

/**
 * The inspector of this host for bytes on their way into the store: the native one on the Workers runtime, the
 * portable one on Node (server/). Reading a stored file back (a completed multipart upload) uses the portable one,
 * which counts the length itself.
 */
export const inspectEvidence = (
  body: ReadableStream<Uint8Array>,
  size: number,
  o: { sniff?: boolean; hash?: boolean } = {},
): Inspection => (hasNativeStreams() ? inspectStreamNatively : inspectStream)(body, size, o);

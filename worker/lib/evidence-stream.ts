// Looks at an evidence file while it streams past, without holding it: counts the bytes against the declared
// length, sniffs the type from the head (core's sniffEvidenceType) and computes the SHA-256 (crypto.DigestStream).
// A wrong length or a refused type errors the stream, so the store that reads it stores nothing. This is the portable
// inspector (JavaScript per 64 KB batch): the Node server's, and the read-back of an assembled multipart upload; on
// the Workers runtime uploads go through evidence-stream-native.ts.
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { sniffEvidenceType, type EvidenceType } from '../../core/evidence/sniff-type.ts';

/** `received` is left out where the runtime's own stream refused the length (evidence-stream-native.ts). */
export type StreamProblem = { kind: 'length'; received?: number } | { kind: 'type'; head: Uint8Array };

/** Thrown into the stream; the caller turns `problem` into the answer. */
export class StreamRefused extends Error {
  constructor(readonly problem: StreamProblem) {
    super(problem.kind);
  }
}

export interface Inspected {
  sha256: string;
  type: EvidenceType | null;
  size: number;
}

export interface Inspection {
  /** The same bytes, to give to the store (the native inspector gives them once the type is known). */
  stream: ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>;
  /** Settles when the stream has been read to its end (rejects with StreamRefused). */
  done: Promise<Inspected>;
  /** Why the stream was refused, once it was (null while fine, or when the client hung up). */
  refusal(): StreamRefused | null;
}

/** Bytes hashed and passed on at once; the first batch holds the whole head the type is sniffed from. */
const BATCH_BYTES = EVIDENCE_LIMITS.sniffBytes;
/** Batches that may wait for the store. */
const READ_AHEAD = 4;

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * `body` must hold exactly `size` bytes. `sniff: false` skips the type check (a later part of a multipart upload);
 * `hash: false` skips the digest (parts: the whole file is hashed once assembled).
 */
export function inspectStream(
  body: ReadableStream<Uint8Array>,
  size: number,
  o: { sniff?: boolean; hash?: boolean } = {},
): Inspection & { stream: ReadableStream<Uint8Array> } {
  const sniff = o.sniff ?? true;
  const digest = o.hash === false ? null : new crypto.DigestStream('SHA-256');
  const writer = digest?.getWriter();
  // Rejects when the stream is refused; that is reported through `done`.
  digest?.digest.catch(() => {});
  let type: EvidenceType | null | undefined = sniff ? undefined : null;
  let received = 0;
  // A request body arrives in chunks of about 4 KB: passed on one by one, every chunk would cost a digest write and
  // a trip through the store's stream. Chunks are gathered into batches of BATCH_BYTES and each batch is hashed and
  // passed on once (bench/evidence-upload.ts measures it).
  let batch: Uint8Array[] = [];
  let batched = 0;
  let settle!: { resolve: (v: Inspected) => void; reject: (e: unknown) => void };
  const done = new Promise<Inspected>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => {}); // observed by the caller; never an unhandled rejection

  const joined = (): Uint8Array => {
    if (batch.length === 1) return batch[0]!;
    const out = new Uint8Array(batched);
    let at = 0;
    for (const c of batch) (out.set(c, at), (at += c.byteLength));
    return out;
  };
  const decide = (head: Uint8Array) => {
    type = sniffEvidenceType(head.subarray(0, EVIDENCE_LIMITS.sniffBytes));
    if (!type) throw new StreamRefused({ kind: 'type', head });
  };
  let refusal: StreamRefused | null = null;
  const fail = (e: unknown) => {
    if (e instanceof StreamRefused) refusal = e;
    settle.reject(e);
    writer?.abort(e).catch(() => {});
    throw e;
  };
  /** The batch hashed and passed on; nothing passes on before the type is known (a refused file never reaches the store whole). */
  const pass = async (controller: TransformStreamDefaultController<Uint8Array>) => {
    const bytes = joined();
    batch = [];
    batched = 0;
    if (type === undefined) decide(bytes);
    if (writer) await writer.write(bytes);
    controller.enqueue(bytes);
  };

  const inspector = new TransformStream<Uint8Array, Uint8Array>(
    {
      transform(chunk, controller) {
        try {
          received += chunk.byteLength;
          if (received > size) throw new StreamRefused({ kind: 'length', received });
          batch.push(chunk);
          batched += chunk.byteLength;
          if (batched < BATCH_BYTES) return;
          return pass(controller).catch(fail);
        } catch (e) {
          fail(e);
        }
      },
      async flush(controller) {
        try {
          if (received !== size) throw new StreamRefused({ kind: 'length', received });
          if (batched || type === undefined) await pass(controller);
          let sha256 = '';
          if (writer && digest) {
            await writer.close();
            sha256 = hex(await digest.digest);
          }
          settle.resolve({ sha256, type: type ?? null, size: received });
        } catch (e) {
          fail(e);
        }
      },
    },
    undefined,
    // A few batches may wait for the store, so the network is read while the store writes (bounded: 4 × 64 KiB).
    new CountQueuingStrategy({ highWaterMark: READ_AHEAD }),
  );
  // A client that hangs up midway errors the body: that must reject `done` too.
  const stream = body.pipeThrough(inspector);
  return { stream, done, refusal: () => refusal };
}

/** Reads a stream to its end without keeping it (hashing an assembled file). */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  await stream.pipeTo(new WritableStream());
}

// Workers' crypto.DigestStream (worker/lib/evidence-stream.ts hashes evidence with it) on Node: a WritableStream whose
// `digest` promise settles with the hash once it is closed. Installed once by the server before the app runs.
import { createHash } from 'node:crypto';

const NAMES: Record<string, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export class NodeDigestStream extends WritableStream<ArrayBuffer | ArrayBufferView> {
  readonly digest: Promise<ArrayBuffer>;

  constructor(algorithm: string | { name: string }) {
    const name = NAMES[(typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase()];
    if (!name) throw new TypeError(`unsupported digest algorithm ${String(algorithm)}`);
    const hash = createHash(name);
    let settle!: { resolve: (b: ArrayBuffer) => void; reject: (e: unknown) => void };
    const digest = new Promise<ArrayBuffer>((resolve, reject) => (settle = { resolve, reject }));
    super({
      write(chunk) {
        hash.update(
          ArrayBuffer.isView(chunk)
            ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : new Uint8Array(chunk),
        );
      },
      close() {
        const b = hash.digest();
        settle.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
      },
      abort(reason) {
        settle.reject(reason);
      },
    });
    this.digest = digest;
  }
}

export function installDigestStream(): void {
  const c = (globalThis as unknown as { crypto: { DigestStream?: unknown } }).crypto;
  if (!c.DigestStream) c.DigestStream = NodeDigestStream;
}

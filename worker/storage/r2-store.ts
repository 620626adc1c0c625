// The EvidenceStore on a Cloudflare R2 bucket. R2 needs a body of known length: a stream of exactly `size` bytes
// through FixedLengthStream, which also makes a shorter or longer body fail instead of being stored.
import { LengthMismatchError, type EvidenceStore } from './evidence-store.ts';

const fixed = (body: ReadableStream<Uint8Array>, size: number) => body.pipeThrough(new FixedLengthStream(size));

/** The runtime's FixedLengthStream refusals ("too many bytes", "did not see all expected bytes") as their own error. */
async function lengthChecked<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    throw e instanceof TypeError && /FixedLengthStream/.test(e.message) ? new LengthMismatchError(e) : e;
  }
}

export function r2Store(bucket: R2Bucket): EvidenceStore {
  return {
    async put(key, body, size) {
      await lengthChecked(bucket.put(key, fixed(body, size)));
    },
    async get(key) {
      const o = await bucket.get(key);
      return o ? { body: o.body, size: o.size } : null;
    },
    async delete(keys) {
      if (keys.length) await bucket.delete(keys);
    },
    async list(prefix, cursor) {
      const r = await bucket.list({ prefix, cursor, limit: 1000 });
      return {
        objects: r.objects.map((o) => ({ key: o.key, size: o.size, uploaded: o.uploaded })),
        ...(r.truncated ? { cursor: r.cursor } : {}),
      };
    },
    async createMultipart(key) {
      return (await bucket.createMultipartUpload(key)).uploadId;
    },
    async uploadPart(key, uploadId, partNumber, body, size) {
      const part = await lengthChecked(
        bucket.resumeMultipartUpload(key, uploadId).uploadPart(partNumber, fixed(body, size)),
      );
      return { etag: part.etag };
    },
    async completeMultipart(key, uploadId, parts) {
      await bucket.resumeMultipartUpload(key, uploadId).complete(parts);
    },
    async abortMultipart(key, uploadId) {
      await bucket.resumeMultipartUpload(key, uploadId).abort();
    },
  };
}

/** The evidence store of this host: the EVIDENCE bucket, or the one a self-hosted server provides (server/). */
export const evidenceStoreOf = (env: Cloudflare.Env): EvidenceStore => env.EVIDENCE_STORE ?? r2Store(env.EVIDENCE);

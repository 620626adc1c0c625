// Where evidence bytes live, behind one small interface: R2 on Cloudflare (r2-store.ts), the disk on the self-hosted
// server (server/disk-store.ts). Bodies are streams both ways: a file is never held whole in memory.

export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface ListedObject {
  key: string;
  size: number;
  uploaded: Date;
}

export interface EvidenceStore {
  /** Stores exactly `size` bytes from `body`; rejects (storing nothing) when the stream errors or has another length. */
  put(key: string, body: ReadableStream<Uint8Array>, size: number): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  delete(keys: string[]): Promise<void>;
  /** One page of the objects under `prefix`; pass the returned cursor for the next page. */
  list(prefix: string, cursor?: string): Promise<{ objects: ListedObject[]; cursor?: string }>;

  /** Multipart uploads: parts of a file sent in separate requests, assembled by `completeMultipart`. */
  createMultipart(key: string): Promise<string>;
  uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: ReadableStream<Uint8Array>,
    size: number,
  ): Promise<{ etag: string }>;
  completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
  /**
   * Only for a store that keeps the parts itself (the disk): removes the parts of multipart uploads untouched since
   * `before`, which no upload can still use (an upload expires EVIDENCE_LIMITS.uploadTtlMs after it starts), and
   * returns how many uploads it cleared. R2 has none: there incomplete uploads are left to the bucket's lifecycle rules.
   */
  removeAbandonedParts?(before: Date): Promise<number>;
}

/** Storage key of an evidence file. Everything the store holds for evidence is under this prefix. */
export const EVIDENCE_PREFIX = 'evidence/';
export const evidenceKey = (id: string) => `${EVIDENCE_PREFIX}${id}`;

/** A store that ran out of space (a full disk on the self-hosted server): the upload stored nothing. */
export class StorageFullError extends Error {
  constructor(override readonly cause: unknown) {
    super('evidence storage is full');
    this.name = 'StorageFullError';
  }
}

/** A body of another length than declared, refused by the store itself (R2's FixedLengthStream): nothing stored. */
export class LengthMismatchError extends Error {
  constructor(override readonly cause: unknown) {
    super('evidence body length differs from the declared size');
    this.name = 'LengthMismatchError';
  }
}

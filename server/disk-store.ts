// The EvidenceStore (worker/storage/evidence-store.ts) on the server's disk, for the self-hosted server. Every object
// is written to a temporary file, flushed, then renamed into place: a reader never sees half a file, and a crash, a
// wrong length or a full disk leaves no object behind (only a temporary file, removed at once or on the next start).
// Objects live under <dir>/objects with their key percent-encoded as the file name; nothing here is ever served as a
// static file — bytes leave only through the API's checks. Parts of multipart uploads live under <dir>/multipart, one
// folder per upload, until completed or aborted; the hourly job removes a folder left behind (removeAbandonedParts).
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StorageFullError, type EvidenceStore, type ListedObject } from '../worker/storage/evidence-store.ts';

const PAGE = 1000;

const isNotFound = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';
const isDiskFull = (e: unknown) => ['ENOSPC', 'EDQUOT', 'EFBIG'].includes((e as NodeJS.ErrnoException).code ?? '');

/** Where the object under `key` lives in a store on `dir` (scripts/move-evidence.ts copies R2 objects there). */
export const diskObjectPath = (dir: string, key: string) => path.join(dir, 'objects', encodeURIComponent(key));

export function diskStore(dir: string): EvidenceStore & { ready(): Promise<void> } {
  const objects = path.join(dir, 'objects');
  const tmp = path.join(dir, 'tmp');
  const multipart = path.join(dir, 'multipart');
  const objectPath = (key: string) => diskObjectPath(dir, key);
  const partsDir = (uploadId: string) => {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new Error('unknown multipart upload');
    return path.join(multipart, uploadId);
  };

  /** Writes `chunks` (exactly `size` bytes when given) to `target` through a temporary file and a rename. */
  async function writeAtomically(
    target: string,
    size: number | null,
    fill: (write: (b: Uint8Array) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const temp = path.join(tmp, `${randomBytes(12).toString('hex')}.part`);
    const handle = await open(temp, 'wx', 0o600);
    let written = 0;
    try {
      await fill(async (b) => {
        written += b.byteLength;
        if (size !== null && written > size) throw new Error(`body longer than ${size} bytes`);
        await handle.write(b);
      });
      if (size !== null && written !== size) throw new Error(`body of ${written} bytes, ${size} expected`);
      await handle.sync();
      await handle.close();
      await rename(temp, target);
    } catch (e) {
      await handle.close().catch(() => {});
      await unlink(temp).catch(() => {});
      if (isDiskFull(e)) throw new StorageFullError(e);
      throw e;
    }
  }

  const fromStream = (body: ReadableStream<Uint8Array>) => async (write: (b: Uint8Array) => Promise<void>) => {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) await write(chunk);
  };

  return {
    /** Creates the folders and drops temporary files a crash left behind. */
    async ready() {
      await rm(tmp, { recursive: true, force: true });
      for (const d of [objects, tmp, multipart]) await mkdir(d, { recursive: true, mode: 0o700 });
    },
    async put(key, body, size) {
      await writeAtomically(objectPath(key), size, fromStream(body));
    },
    async get(key) {
      try {
        const file = objectPath(key);
        const { size } = await stat(file);
        return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size };
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async delete(keys) {
      for (const key of keys)
        await unlink(objectPath(key)).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
    },
    async list(prefix, cursor) {
      const keys = (await readdir(objects))
        .map((name) => decodeURIComponent(name))
        .filter((k) => k.startsWith(prefix) && (cursor === undefined || k > cursor))
        .sort()
        .slice(0, PAGE + 1);
      const page = keys.slice(0, PAGE);
      const out: ListedObject[] = [];
      for (const key of page) {
        const s = await stat(objectPath(key)).catch(() => null);
        if (s) out.push({ key, size: s.size, uploaded: s.mtime });
      }
      return { objects: out, ...(keys.length > PAGE ? { cursor: page[page.length - 1] } : {}) };
    },
    async createMultipart() {
      const uploadId = randomUUID();
      await mkdir(partsDir(uploadId), { mode: 0o700 });
      return uploadId;
    },
    async uploadPart(_key, uploadId, partNumber, body, size) {
      if (!Number.isInteger(partNumber) || partNumber < 1) throw new Error('bad part number');
      const etag = randomBytes(8).toString('hex');
      await writeAtomically(path.join(partsDir(uploadId), `${partNumber}.${etag}`), size, fromStream(body));
      return { etag };
    },
    async completeMultipart(key, uploadId, parts) {
      const folder = partsDir(uploadId);
      const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
      await writeAtomically(objectPath(key), null, async (write) => {
        for (const p of ordered) {
          if (!/^[0-9a-f]{16}$/.test(p.etag)) throw new Error(`unknown part ${p.partNumber}`);
          const file = path.join(folder, `${p.partNumber}.${p.etag}`);
          for await (const chunk of createReadStream(file)) await write(chunk as Buffer);
        }
      });
      await rm(folder, { recursive: true, force: true });
    },
    async abortMultipart(_key, uploadId) {
      await rm(partsDir(uploadId), { recursive: true, force: true });
    },
    /** An upload's folder changes with each part it receives: untouched since `before`, its upload has expired. */
    async removeAbandonedParts(before) {
      let removed = 0;
      for (const uploadId of await readdir(multipart)) {
        const folder = path.join(multipart, uploadId);
        const s = await stat(folder).catch(() => null);
        if (!s || s.mtime >= before) continue;
        await rm(folder, { recursive: true, force: true });
        removed++;
      }
      return removed;
    },
  };
}

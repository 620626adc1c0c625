// Where attached evidence files wait on this computer: IndexedDB (localStorage holds strings of a few MB at most,
// a photo is larger), a Map in tests. Each record keeps the file's bytes until the Worker has them, then only what
// the pane shows (name, size, thumbnail, the server's EvidenceFile). Like the submission queue's keys
// (queue/storage.ts), the database name starts with Office's partition key, or Office on the web would not find it.
import type { EvidenceFile } from '../../core/schemas/evidence.ts';
import type { EvidenceTarget } from '../../core/schemas/evidence.ts';

export interface StoredEvidence {
  localId: string;
  /** The unit it was attached for: only ever sent under that unit's token. */
  unitId: string;
  target: EvidenceTarget;
  size: number;
  /** MIME type as the browser reported it (the server decides by the bytes). */
  mime: string;
  /** The bytes, until the server acknowledged them. */
  blob?: Blob;
  /** A small JPEG data: URL for images. */
  thumbnail?: string;
  /** A multipart upload to resume. */
  uploadId?: string;
  /** The server's record once uploaded. */
  file?: EvidenceFile;
  /** Why the server refused it (not retried on its own). */
  error?: { code: string; message: string; messageEn: string };
  addedAt: number;
}

export interface EvidenceStore {
  all(): Promise<StoredEvidence[]>;
  put(record: StoredEvidence): Promise<void>;
  delete(localId: string): Promise<void>;
}

export class MemoryEvidenceStore implements EvidenceStore {
  private readonly map = new Map<string, StoredEvidence>();
  async all(): Promise<StoredEvidence[]> {
    return [...this.map.values()].map((r) => ({ ...r })).sort((a, b) => a.addedAt - b.addedAt);
  }
  async put(record: StoredEvidence): Promise<void> {
    this.map.set(record.localId, { ...record });
  }
  async delete(localId: string): Promise<void> {
    this.map.delete(localId);
  }
}

const STORE = 'evidence';

/** `partitionKey`: Office.context.partitionKey or ''. Falls back to memory where IndexedDB is unusable. */
export function browserEvidenceStore(partitionKey = ''): EvidenceStore {
  if (typeof indexedDB === 'undefined') return new MemoryEvidenceStore();
  let opened: Promise<IDBDatabase> | undefined;
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(`${partitionKey}rectify:v1:evidence`, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'localId' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await db()).transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    all: async () =>
      ((await run('readonly', (s) => s.getAll())) as StoredEvidence[]).sort((a, b) => a.addedAt - b.addedAt),
    put: async (record) => void (await run('readwrite', (s) => s.put(record))),
    delete: async (localId) => void (await run('readwrite', (s) => s.delete(localId))),
  };
}

// Sends one evidence file to the Worker. Up to the single-request limit: one POST /evidence with the raw bytes.
// Larger files go in parts (R2 multipart): POST /evidence/uploads announces size and SHA-256, each missing part is a
// PUT, then /complete. A dropped connection loses at most the part in flight: the upload id is handed to the caller
// (`onUploadId`, kept in the offline store) and the next attempt asks GET /evidence/uploads/:id which parts the
// server holds and sends only the others. Every failure is an ApiError (retryable when no answer came, or 5xx).
import { z } from 'zod';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { EvidenceFile, EvidenceUpload, type EvidenceTarget } from '../../core/schemas/evidence.ts';
import { ApiError } from '../api/api-error.ts';
import { query, readAnswer } from '../api/client.ts';
import { sha256Hex } from './sha256.ts';
import type { Transport, TransportRequest } from './transport.ts';

/** POST /evidence/uploads answers a new upload, or the file this unit already stored with those bytes. */
const UploadStarted = z.union([z.object({ file: EvidenceFile }), EvidenceUpload]);
const PartStored = z.object({ partNumber: z.number().int() });

export interface UploadOptions {
  baseUrl: string;
  token: string;
  transport: Transport;
  /** Bytes of this file the server holds or has received so far, out of `total`. */
  onProgress?: (sent: number, total: number) => void;
  /** A multipart upload started by an earlier attempt: resumed instead of started again. */
  uploadId?: string;
  /** Called as soon as a multipart upload exists (the caller keeps the id to resume after a cut). */
  onUploadId?: (uploadId: string | undefined) => void;
  signal?: AbortSignal;
}

type Connection = Pick<UploadOptions, 'baseUrl' | 'token' | 'transport' | 'signal'>;

/** One call to the Worker's evidence API over the transport; the answer parsed, or an ApiError. */
async function callApi<T>(
  o: Connection,
  req: Omit<TransportRequest, 'url' | 'headers'> & { path: string; json?: unknown },
  schema: z.ZodType<T>,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${o.token}` };
  let body = req.body;
  if (req.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (body instanceof Blob) headers['Content-Type'] = 'application/octet-stream';
  let res;
  try {
    res = await o.transport({
      method: req.method,
      url: `${o.baseUrl.replace(/\/+$/, '')}/api/v1${req.path}`,
      headers,
      body,
      onProgress: req.onProgress,
      signal: o.signal,
    });
  } catch (err) {
    throw ApiError.network(err);
  }
  return readAnswer(res.status, res.text, schema);
}

/**
 * DELETE /evidence/:id: the unit's own file, gone from the server (bytes and metadata; the Worker records it).
 * Already gone (404) counts as done; a file a report refers to answers 409 (ApiError naming the file).
 */
export async function deleteEvidence(fileId: string, o: Connection): Promise<void> {
  try {
    await callApi(o, { method: 'DELETE', path: `/evidence/${encodeURIComponent(fileId)}` }, z.unknown());
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return;
    // 409's generic wording is about submissions; the Worker's own message names the file and the reason.
    if (err instanceof ApiError && err.status === 409 && err.serverMessage)
      throw new ApiError('http', 409, err.code, err.serverMessage, err.serverMessageEn ?? err.serverMessage);
    throw err;
  }
}

export async function uploadEvidence(blob: Blob, target: EvidenceTarget, o: UploadOptions): Promise<EvidenceFile> {
  const call = <T>(req: Parameters<typeof callApi>[1], schema: z.ZodType<T>) => callApi(o, req, schema);
  const total = blob.size;
  o.onProgress?.(0, total);

  if (total <= EVIDENCE_LIMITS.singleRequestBytes) {
    const path = `/evidence${query({ plan: target.plan, period: target.period, measure: target.measure, item: target.item, name: target.name })}`;
    const file = await call(
      { method: 'POST', path, body: blob, onProgress: (sent) => o.onProgress?.(sent, total) },
      EvidenceFile,
    );
    o.onProgress?.(total, total);
    return file;
  }

  let upload: EvidenceUpload | undefined;
  if (o.uploadId) {
    try {
      upload = await call(
        { method: 'GET', path: `/evidence/uploads/${encodeURIComponent(o.uploadId)}` },
        EvidenceUpload,
      );
    } catch (err) {
      // Expired or aborted by the server's clean-up: start again. Anything else (offline…) is the caller's to retry.
      if (!(err instanceof ApiError && (err.status === 404 || err.status === 410))) throw err;
      o.onUploadId?.(undefined);
    }
  }
  if (!upload) {
    const sha256 = await sha256Hex(blob);
    const started = await call(
      { method: 'POST', path: '/evidence/uploads', json: { ...target, size: total, sha256 } },
      UploadStarted,
    );
    if ('file' in started) {
      o.onProgress?.(total, total);
      return started.file;
    }
    upload = started;
    o.onUploadId?.(upload.uploadId);
  }

  const held = new Set(upload.uploadedParts);
  const partBytes = (n: number) => Math.min(upload.partSize, total - (n - 1) * upload.partSize);
  let done = [...held].reduce((sum, n) => sum + partBytes(n), 0);
  o.onProgress?.(done, total);
  for (let n = 1; n <= upload.partCount; n++) {
    if (held.has(n)) continue;
    const start = (n - 1) * upload.partSize;
    await call(
      {
        method: 'PUT',
        path: `/evidence/uploads/${encodeURIComponent(upload.uploadId)}/parts/${n}`,
        body: blob.slice(start, start + upload.partSize),
        onProgress: (sent) => o.onProgress?.(done + sent, total),
      },
      PartStored,
    );
    done += partBytes(n);
    o.onProgress?.(done, total);
  }
  try {
    return await call(
      { method: 'POST', path: `/evidence/uploads/${encodeURIComponent(upload.uploadId)}/complete` },
      EvidenceFile,
    );
  } catch (err) {
    // The server kept nothing (wrong hash, a part missing after all): the next attempt starts a new upload.
    if (err instanceof ApiError && !err.retryable) o.onUploadId?.(undefined);
    throw err;
  }
}

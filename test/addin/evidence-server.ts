// A real HTTP server on 127.0.0.1 speaking the evidence contract of docs/api.md (single POST, multipart uploads,
// resume, complete with the SHA-256 check, links, delete) from memory, for the pane's upload client and offline store.
// `cutPart(n)` drops the connection while part n arrives (the bytes never stored), as a village line does.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PART_SIZE = 5 * 1024 * 1024;

export interface StoredFile {
  id: string;
  planId: string;
  unitId: string;
  period: string;
  measureId: string;
  item: string | null;
  name: string;
  size: number;
  sha256: string;
  type: string;
  uploadedAt: string;
}

export interface EvidenceServer {
  url: string;
  token: string;
  files: StoredFile[];
  /** Every request: method, path (with query), body size, Content-Length header. */
  requests: { method: string; path: string; size: number; contentLength: string | undefined }[];
  /** Parts received per upload id (part number → times stored). */
  partsReceived: Map<string, Map<number, number>>;
  /** Drop the connection when part `n` of the next multipart upload arrives (once). */
  cutPart(n: number): void;
  /** Answer the next request with this status and error code. */
  failNext(status: number, code: string, message: string): void;
  close(): Promise<void>;
}

export async function startEvidenceServer(): Promise<EvidenceServer> {
  const token = 'tok-evidence-unit';
  const files: StoredFile[] = [];
  const requests: EvidenceServer['requests'] = [];
  const partsReceived = new Map<string, Map<number, number>>();
  const uploads = new Map<
    string,
    { meta: Record<string, unknown>; size: number; sha256: string; parts: Map<number, Buffer> }
  >();
  const cuts = new Set<number>();
  let failure: { status: number; code: string; message: string } | undefined;
  let seq = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { error: { code, message } });
  const newId = () => `ev_${String(++seq).padStart(26, '0')}`;
  const store = (meta: Record<string, unknown>, bytes: Buffer, res: ServerResponse) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = files.find((f) => f.sha256 === sha256);
    if (existing) return send(res, 200, { ...existing, deduplicated: true });
    const file: StoredFile = {
      id: newId(),
      planId: String(meta.plan),
      unitId: 'v-minliang',
      period: String(meta.period),
      measureId: String(meta.measure),
      item: (meta.item as string | undefined) ?? null,
      name: String(meta.name),
      size: bytes.length,
      sha256,
      type: bytes.subarray(0, 4).toString('latin1') === '%PDF' ? 'pdf' : 'jpeg',
      uploadedAt: new Date().toISOString(),
    };
    files.push(file);
    send(res, 201, file);
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const partMatch = /^\/evidence\/uploads\/([^/]+)\/parts\/(\d+)$/.exec(path);
    if (partMatch && req.method === 'PUT' && cuts.has(Number(partMatch[2]))) {
      cuts.delete(Number(partMatch[2]));
      requests.push({ method: 'PUT', path: url.pathname, size: -1, contentLength: req.headers['content-length'] });
      // Read a little, then cut the line mid-body.
      req.once('data', () => req.socket.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      size: body.length,
      contentLength: req.headers['content-length'],
    });
    if (req.headers.authorization !== `Bearer ${token}`) return error(res, 401, 'unauthorized', 'bad token');
    if (failure) {
      const f = failure;
      failure = undefined;
      return error(res, f.status, f.code, f.message);
    }
    if (path === '/evidence' && req.method === 'POST') {
      if (!req.headers['content-length']) return error(res, 411, 'length_required', 'Content-Length required');
      if (body.length > PART_SIZE) return error(res, 413, 'evidence_too_large', 'too large');
      return store(Object.fromEntries(url.searchParams), body, res);
    }
    if (path === '/evidence/uploads' && req.method === 'POST') {
      const meta = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const existing = files.find((f) => f.sha256 === meta.sha256);
      if (existing) return send(res, 200, { file: existing });
      const uploadId = `up_${++seq}`;
      uploads.set(uploadId, { meta, size: Number(meta.size), sha256: String(meta.sha256), parts: new Map() });
      partsReceived.set(uploadId, new Map());
      return send(res, 201, {
        uploadId,
        partSize: PART_SIZE,
        partCount: Math.ceil(Number(meta.size) / PART_SIZE),
        uploadedParts: [],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    }
    const fileMatch = /^\/evidence\/(ev_[^/]+)$/.exec(path);
    if (fileMatch && req.method === 'DELETE') {
      const at = files.findIndex((f) => f.id === fileMatch[1]);
      if (at < 0) return error(res, 404, 'not_found', '佐证材料不存在');
      files.splice(at, 1);
      res.writeHead(204).end();
      return;
    }
    const uploadMatch = /^\/evidence\/uploads\/([^/]+)(\/complete)?$/.exec(path);
    const upload = uploads.get((partMatch ?? uploadMatch)?.[1] ?? '');
    if ((partMatch || uploadMatch) && !upload) return error(res, 404, 'not_found', 'no such upload');
    const state = () => ({
      uploadId: (partMatch ?? uploadMatch)![1],
      partSize: PART_SIZE,
      partCount: Math.ceil(upload!.size / PART_SIZE),
      uploadedParts: [...upload!.parts.keys()].sort((a, b) => a - b),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    if (partMatch && upload && req.method === 'PUT') {
      const n = Number(partMatch[2]);
      upload.parts.set(n, body);
      const counts = partsReceived.get(partMatch[1]!)!;
      counts.set(n, (counts.get(n) ?? 0) + 1);
      return send(res, 200, { partNumber: n });
    }
    if (uploadMatch && upload && req.method === 'GET' && !uploadMatch[2]) return send(res, 200, state());
    if (uploadMatch?.[2] && upload && req.method === 'POST') {
      const { partCount } = state();
      const whole = Buffer.concat(
        Array.from({ length: partCount }, (_, i) => upload.parts.get(i + 1) ?? Buffer.alloc(0)),
      );
      uploads.delete(uploadMatch[1]!);
      if (whole.length !== upload.size || createHash('sha256').update(whole).digest('hex') !== upload.sha256) {
        return error(res, 422, 'evidence_hash_mismatch', `文件“${String(upload.meta.name)}”内容与校验值不符`);
      }
      return store(upload.meta, whole, res);
    }
    error(res, 404, 'not_found', `${req.method} ${path}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    files,
    requests,
    partsReceived,
    cutPart: (n) => void cuts.add(n),
    failNext: (status, code, message) => void (failure = { status, code, message }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

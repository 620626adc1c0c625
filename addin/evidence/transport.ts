// How an evidence upload goes over the wire. The pane sends with XMLHttpRequest, the one browser API that reports
// upload progress (fetch does not); Node tests send with fetch against a real local server. Both answer the status
// and body text and reject only when no answer arrived (a dropped connection, offline, aborted).
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: Blob | string;
  /** Bytes of the body sent so far (XHR only; fetch reports the whole body once it is answered). */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  text: string;
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export const xhrTransport: Transport = (req) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(req.method, req.url);
    for (const [k, v] of Object.entries(req.headers)) xhr.setRequestHeader(k, v);
    if (req.onProgress) xhr.upload.onprogress = (ev) => req.onProgress!(ev.loaded);
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new Error('network error'));
    xhr.ontimeout = () => reject(new Error('timeout'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    req.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(req.body ?? null);
  });

export const fetchTransport: Transport = async (req) => {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: req.signal });
  const text = await res.text();
  if (req.body && req.onProgress)
    req.onProgress(typeof req.body === 'string' ? new TextEncoder().encode(req.body).length : req.body.size);
  return { status: res.status, text };
};

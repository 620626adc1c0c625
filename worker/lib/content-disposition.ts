// Content-Disposition for every file the Worker serves (RFC 6266): `filename*=UTF-8''…` carries the real, often
// Chinese name percent-encoded as RFC 5987 asks (its attr-chars only: encodeURIComponent leaves ' ( ) * as they are),
// and `filename="…"` an ASCII name for the few clients that read only that one.

/** `attachment; filename="rectify-….csv"; filename*=UTF-8''%E6%95%B4…`. `fallback` defaults to the name when it is
 * plain ASCII, else to "download" with the name's extension. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string, fallback?: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? '';
  const ascii = (fallback ?? (/^[\x20-\x7e]*$/.test(fileName) ? fileName : `download${ext}`)).replace(
    /[^\x20-\x7e]|["\\]/g,
    '_',
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

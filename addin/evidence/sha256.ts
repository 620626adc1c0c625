// SHA-256 of a file as lowercase hex, for POST /evidence/uploads (the Worker checks the whole against it).
// crypto.subtle exists in secure contexts only: the Office pane (https) and the page over https or on 127.0.0.1.
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

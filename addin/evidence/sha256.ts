// SHA-256 of a file as lowercase hex, for POST /evidence/uploads (the Worker checks the whole against it).
// crypto.subtle exists in secure contexts only (the Office pane over https, the page over https or on 127.0.0.1);
// the page from an intranet server over plain http has none, and hashes with the plain implementation instead,
// a slice at a time so a 20 MB file is never copied whole.
import { Sha256 } from './sha256-plain.ts';

const SLICE_BYTES = 4 * 1024 * 1024;

export async function sha256Hex(
  blob: Blob,
  subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle,
): Promise<string> {
  if (subtle) {
    const digest = await subtle.digest('SHA-256', await blob.arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  const hash = new Sha256();
  for (let at = 0; at < blob.size; at += SLICE_BYTES)
    hash.update(new Uint8Array(await blob.slice(at, at + SLICE_BYTES).arrayBuffer()));
  return hash.hex();
}

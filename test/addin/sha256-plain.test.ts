// The plain SHA-256 used where crypto.subtle is missing (a page over plain http) gives the same digest as subtle.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../addin/evidence/sha256.ts';
import { Sha256 } from '../../addin/evidence/sha256-plain.ts';

const subtleHex = async (bytes: Uint8Array) =>
  Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');

/** Deterministic bytes (a small LCG), so a failure is reproducible. */
function bytesOf(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}

describe('plain SHA-256', () => {
  it('gives the FIPS 180-4 digests of "", "abc" and the 448-bit message', () => {
    const text = (s: string) => new Sha256().update(new TextEncoder().encode(s)).hex();
    expect(text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with crypto.subtle at every length around the 64-byte block and its padding edge (0–200 bytes)', async () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = bytesOf(n, n + 7);
      expect(new Sha256().update(bytes).hex(), `${n} bytes`).toBe(await subtleHex(bytes));
    }
  });

  it('gives the same digest however the bytes are cut into pieces', async () => {
    const bytes = bytesOf(10_000, 3);
    const want = await subtleHex(bytes);
    for (const step of [1, 3, 63, 64, 65, 1000, 4096]) {
      const h = new Sha256();
      for (let at = 0; at < bytes.length; at += step) h.update(bytes.subarray(at, at + step));
      expect(h.hex(), `pieces of ${step}`).toBe(want);
    }
  });

  it('hashes a 9 MB file without crypto.subtle, in slices, to the digest subtle gives', async () => {
    const bytes = bytesOf(9 * 1024 * 1024 + 17, 11);
    const blob = new Blob([bytes]);
    const plain = await sha256Hex(blob, undefined);
    expect(plain).toBe(await subtleHex(bytes));
    expect(await sha256Hex(blob, webcrypto.subtle as SubtleCrypto)).toBe(plain);
  });
});

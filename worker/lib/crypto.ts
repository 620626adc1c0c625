// Token generation and hashing. The hash is hex SHA-256 of the token string — scripts/seed-dev.ts computes the
// same with node:crypto, so tokens it creates work here.

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `rt_` + 32 random bytes, base64url: 256 bits, so hashing without a salt is enough. A unit token is prefixed with
 * its unit id, `<unit id>.rt_…`, so a submission names its unit before any lookup and can be stored in one D1
 * round trip (the insert itself checks the hash, the unit and revocation). The prefix is covered by the hash: it
 * cannot be changed without invalidating the token.
 */
export function newToken(unitId?: string | null): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes));
  const secret = `rt_${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  return unitId ? `${unitId}.${secret}` : secret;
}

const UNIT_TOKEN = /^([a-z0-9][a-z0-9-]{0,63})\.(rt_[A-Za-z0-9_-]{43})$/;

/** The unit a token claims (`<unit id>.rt_…`), or null for tokens without a unit prefix (older unit tokens too). */
export function claimedUnit(token: string): string | null {
  return UNIT_TOKEN.exec(token)?.[1] ?? null;
}

/** 24 random bytes, base64url: the secret in a short-lived link (stored only as its sha256Hex). */
export function linkToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** AES-GCM key derived from a link token (a different digest than the stored hash: "seal:" + token). */
async function tokenKey(token: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`seal:${token}`));
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Encrypts bytes so that only the holder of `token` can read them back. */
export async function sealWithToken(token: string, data: Uint8Array): Promise<{ iv: Uint8Array; body: Uint8Array }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await tokenKey(token), data));
  return { iv, body };
}

export async function openWithToken(token: string, iv: Uint8Array, body: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, await tokenKey(token), body));
}

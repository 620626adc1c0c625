// Token generation and hashing. The hash is hex SHA-256 of the token string — scripts/seed-dev.ts computes the
// same with node:crypto, so tokens it creates work here.

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `rt_` + 32 random bytes, base64url: 256 bits, so hashing without a salt is enough. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes));
  return `rt_${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

// 连接码 (enrollment code): a short one-time code a clerk types instead of a 43-character token. The alphabet leaves
// out characters people confuse when reading a printed sheet aloud or typing it (0/O, 1/I/L, U/V).
import { z } from 'zod';

export const ENROLLMENT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const ENROLLMENT_CODE_LENGTH = 8;
/** How long an issued code can be exchanged. */
export const ENROLLMENT_CODE_DAYS = 7;

/** "abcd-efgh", " ABCD EFGH " → "ABCDEFGH"; separators and case never matter. */
export function normaliseEnrollmentCode(raw: string): string {
  return raw.replace(/[\s\-_—–·.]/g, '').toUpperCase();
}

export function isEnrollmentCode(normalised: string): boolean {
  if (normalised.length !== ENROLLMENT_CODE_LENGTH) return false;
  for (const ch of normalised) if (!ENROLLMENT_ALPHABET.includes(ch)) return false;
  return true;
}

/** Printed and shown as two groups of four: "ABCD-EFGH". */
export function formatEnrollmentCode(code: string): string {
  const n = normaliseEnrollmentCode(code);
  return n.length === ENROLLMENT_CODE_LENGTH ? `${n.slice(0, 4)}-${n.slice(4)}` : n;
}

/** Unbiased random code (rejection sampling over random bytes). */
export function newEnrollmentCode(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const size = ENROLLMENT_ALPHABET.length;
  const limit = 256 - (256 % size);
  let out = '';
  while (out.length < ENROLLMENT_CODE_LENGTH) {
    for (const b of random(16)) {
      if (b < limit && out.length < ENROLLMENT_CODE_LENGTH) out += ENROLLMENT_ALPHABET[b % size];
    }
  }
  return out;
}

/** POST /enroll: the code as typed; the Worker normalises it. */
export const EnrollRequest = z.strictObject({ code: z.string().min(1, 'code is required').max(40) });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

/** POST /enrollment/codes: one code per unit; `replace` also revokes the units' tokens (reissue). */
export const EnrollmentCodeIssue = z.strictObject({
  unitIds: z.array(z.string().min(1)).min(1).max(200),
  replace: z.boolean().default(false),
});
export type EnrollmentCodeIssue = z.infer<typeof EnrollmentCodeIssue>;

export const IssuedEnrollmentCode = z.object({
  unitId: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type IssuedEnrollmentCode = z.infer<typeof IssuedEnrollmentCode>;

export const EnrollmentCodeState = z.enum(['pending', 'used', 'expired', 'revoked']);
export type EnrollmentCodeState = z.infer<typeof EnrollmentCodeState>;

/** One row of 单位与令牌: a unit, its contact and its token state (never a token or code itself). */
export const UnitAccess = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(['village', 'office']),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  activeTokens: z.number().int(),
  lastTokenAt: z.string().nullable(),
  lastCode: z
    .object({ createdAt: z.string(), expiresAt: z.string(), usedAt: z.string().nullable(), state: EnrollmentCodeState })
    .nullable(),
});
export type UnitAccess = z.infer<typeof UnitAccess>;

export const EnrollResult = z.object({
  token: z.string(),
  tokenId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
});
export type EnrollResult = z.infer<typeof EnrollResult>;

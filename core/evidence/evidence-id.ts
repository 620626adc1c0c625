// An evidence file as rows, receipts and sheets refer to it: its id (`ev_` + 26 base32 characters, made by
// worker/lib/evidence-ids.ts) and what identifies it on paper — name, size, SHA-256, type.
import { z } from 'zod';
import { EVIDENCE_TYPES } from './sniff-type.ts';

export const EvidenceId = z.string().regex(/^ev_[0-9a-z]{26}$/, 'evidence id must look like ev_ + 26 characters');
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits');

export const EvidenceRef = z.object({
  id: EvidenceId,
  name: z.string(),
  size: z.number().int().positive(),
  sha256: Sha256Hex,
  type: z.enum(EVIDENCE_TYPES),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** The first 8 hex digits of the SHA-256, as the 报送单 prints it so paper and file can be matched. */
export const shortHash = (sha256: string) => sha256.slice(0, 8);

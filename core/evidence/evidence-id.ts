// An evidence file's id, as rows and routes name it: `ev_` + 26 base32 characters (worker/lib/evidence-ids.ts).
import { z } from 'zod';

export const EvidenceId = z.string().regex(/^ev_[0-9a-z]{26}$/, 'evidence id must look like ev_ + 26 characters');

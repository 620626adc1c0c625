// 佐证材料 payloads: what the Worker answers and validates, what the pane builds and parses (docs/api.md "Evidence").
import { z } from 'zod';
import { EvidenceRef, Sha256Hex } from '../evidence/evidence-id.ts';
import { EVIDENCE_LIMITS } from '../evidence/limits.ts';
import { cleanText } from '../text/clean-text.ts';
import { MeasureId } from './plan.ts';
import { PeriodId } from './submission.ts';

export const EvidenceFile = EvidenceRef.extend({
  planId: z.string(),
  unitId: z.string(),
  period: z.string(),
  measureId: z.string(),
  item: z.string().nullable(),
  uploadedAt: z.string(),
  /** Only on an upload answered with an already stored file. */
  deduplicated: z.boolean().optional(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** What a file is filed under: the query of POST /evidence and the start of a multipart upload. */
export const EvidenceTarget = z.strictObject({
  plan: z.string().min(1).max(60),
  period: PeriodId,
  measure: MeasureId,
  item: cleanText({ kind: 'line', max: 100 }).optional(),
  name: z.string().min(1, 'name (文件名) is required').max(1000),
});
export type EvidenceTarget = z.infer<typeof EvidenceTarget>;

export const EvidenceUploadStart = EvidenceTarget.extend({
  size: z.number().int().positive().max(EVIDENCE_LIMITS.fileBytes),
  sha256: Sha256Hex,
});
export type EvidenceUploadStart = z.infer<typeof EvidenceUploadStart>;

export const EvidenceUpload = z.object({
  uploadId: z.string(),
  partSize: z.number().int(),
  partCount: z.number().int(),
  uploadedParts: z.array(z.number().int()),
  expiresAt: z.string(),
});
export type EvidenceUpload = z.infer<typeof EvidenceUpload>;

/**
 * GET /evidence's query (each filter optional; a unit only ever sees its own files), and the filter a sheet's
 * `?evidence-list=` link carries to the page's 佐证材料查阅.
 */
export const EvidenceListQuery = z.object({
  plan: z.string().optional(),
  period: PeriodId.optional(),
  measure: z.string().optional(),
  unit: z.string().optional(),
});
export type EvidenceListQuery = z.infer<typeof EvidenceListQuery>;

export const EvidenceList = z.object({ files: z.array(EvidenceFile) });
export type EvidenceList = z.infer<typeof EvidenceList>;

export const EvidenceLink = z.object({ url: z.string(), expiresAt: z.string() });
export type EvidenceLink = z.infer<typeof EvidenceLink>;

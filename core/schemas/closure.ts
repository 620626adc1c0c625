// 销号 (closure) of one measure for one unit, and the payloads that move it: 申请销号 (application), 核查 (verdict:
// 已销号 or 驳回 with 限期二次整改), 重新打开 (reopen). One schema per payload; the Worker validates with them, the pane
// builds with them.
import { z } from 'zod';
import { MeasureId } from './plan.ts';

/** 整改中 / 申请销号 / 已销号. A 驳回 returns the pair to in_progress with an extended deadline. */
export const ClosureState = z.enum(['in_progress', 'applied', 'closed']);
export type ClosureState = z.infer<typeof ClosureState>;

/** What is closed: the whole measure, or (long-term measures) the dated part only — the standing part stays reportable. */
export const ClosurePart = z.enum(['whole', 'dated']);
export type ClosurePart = z.infer<typeof ClosurePart>;

export const ClosureEventKind = z.enum(['applied', 'closed', 'rejected', 'reopened']);
export type ClosureEventKind = z.infer<typeof ClosureEventKind>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must look like 2023-10-31');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const ClosureApplication = z.strictObject({
  plan: z.string().trim().min(1).optional(),
  measureId: MeasureId,
  part: ClosurePart.default('whole'),
  /** 整改情况: what was done, in a few sentences. */
  summary: Text(1000),
  evidenceIds: z.array(z.string().trim().min(1).max(40)).min(1, '申请销号须至少附 1 份佐证材料').max(30),
});
export type ClosureApplication = z.infer<typeof ClosureApplication>;

export const ClosureVerdict = z
  .strictObject({
    decision: z.enum(['close', 'reject']),
    /** 核查意见 (close) or the reason of the 驳回. */
    opinion: Text(1000),
    /** 核查日期. */
    verifiedOn: IsoDay,
    /** 限期二次整改: required with a rejection; replaces the plan's deadline for the pair. */
    extendedDeadline: IsoDay.optional(),
  })
  .refine((v) => v.decision === 'close' || v.extendedDeadline !== undefined, {
    path: ['extendedDeadline'],
    message: '驳回须给出限期（二次整改的完成日期）',
  });
export type ClosureVerdict = z.infer<typeof ClosureVerdict>;

export const ClosureReopen = z.strictObject({ reason: Text(1000) });
export type ClosureReopen = z.infer<typeof ClosureReopen>;

export const ClosureEvent = z.object({
  kind: ClosureEventKind,
  at: z.string(),
  by: z.string(),
  part: ClosurePart.optional(),
  text: z.string(),
  verifiedOn: z.string().optional(),
  extendedDeadline: z.string().optional(),
  evidenceIds: z.array(z.string()).optional(),
});
export type ClosureEvent = z.infer<typeof ClosureEvent>;

export { DEFAULT_WARNING_THRESHOLDS, WarningThresholds } from './warning-thresholds.ts';

// A rectification plan (整改方案) as the township office publishes it, and as stored (units resolved, deadlines
// parsed). One schema per payload: POST /plans validates PlanInput; GET /plans/:id answers Plan.
import { z } from 'zod';
import { cleanText } from '../text/clean-text.ts';
import { WarningThresholds } from './warning-thresholds.ts';

// Plan texts follow the one text rule of every free-text field (core/text/clean-text.ts): no control or bidi characters,
// no lone surrogates, and a required text must show something. Line breaks stay allowed: plan sheets wrap 责任单位 and
// 牵头负责人 cells over several lines.
const requiredText = (max: number, message: string) => cleanText({ kind: 'long', max, required: message });
const optionalText = (max: number) => cleanText({ kind: 'long', max, trim: true });

// Zod reports a union member's own issue when the value has that member's type (29 → "Too big"), so the message
// is given to the number's checks as well as to the union.
const DAY_MESSAGE = 'schedule.day must be 1–28 or "last"';

export const Schedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('half-monthly') }),
  z.strictObject({
    kind: z.literal('monthly'),
    day: z.union([z.number().int(DAY_MESSAGE).min(1, DAY_MESSAGE).max(28, DAY_MESSAGE), z.literal('last')], {
      error: DAY_MESSAGE,
    }),
  }),
]);
export type Schedule = z.infer<typeof Schedule>;

export const MeasureId = z
  .string()
  .trim()
  .regex(/^\d{1,2}-\d{1,2}$/, 'measure id must look like 1-1');

export const ProblemInput = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'problem id must be a number such as 1'),
  title: requiredText(200, 'problem title is required'),
  detail: optionalText(2000).optional(),
  /** 问题类型 as the plan table names it (e.g. 责任落实), when it has that column. */
  category: optionalText(100).optional(),
});
export type ProblemInput = z.infer<typeof ProblemInput>;

export const MeasureInput = z.strictObject({
  id: MeasureId,
  problemId: z.string().trim().min(1),
  title: requiredText(100, 'measure title is required'),
  text: optionalText(4000).optional(),
  lead: requiredText(50, 'lead (牵头负责人) is required'),
  responsibleUnits: requiredText(1000, 'responsibleUnits (责任单位) is required'),
  deadline: requiredText(200, 'deadline (整改时限) is required'),
  dataHint: optionalText(500).optional(),
  /** 整改目标 / 完成标准: what "done" means; the verifier sees it beside the evidence. */
  completionStandard: optionalText(1000).optional(),
});
export type MeasureInput = z.infer<typeof MeasureInput>;

export const PlanInput = z.strictObject({
  title: requiredText(300, 'title is required'),
  docNumber: cleanText({ kind: 'line', max: 100, trim: true }).optional(),
  schedule: Schedule,
  /** The first period reports are due; defaults to the period open when the plan is published. */
  firstPeriod: z.string().optional(),
  problems: z.array(ProblemInput).min(1).max(50),
  measures: z.array(MeasureInput).min(1).max(200),
  /** 红黄蓝 预警 thresholds for this plan; defaults where absent. */
  warningThresholds: WarningThresholds.optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

/**
 * The stored plan's version as the writer read it (GET /plans/:id answers it). Writes to a published plan carry it,
 * so an edit or a close made on what someone else has since changed is refused (409 stale_version), never applied.
 */
export const PlanVersion = z.number().int().positive();

/** PUT /plans/:id: publishing again (replace or correct), on the version read. */
export const PlanEdit = PlanInput.extend({ version: PlanVersion });
export type PlanEdit = z.infer<typeof PlanEdit>;

/** POST /plans/:id/close, on the version read. */
export const PlanClose = z.strictObject({ version: PlanVersion });
export type PlanClose = z.infer<typeof PlanClose>;

const PlanDeadline = z.object({ date: z.string().optional(), longTerm: z.boolean() });

export const Problem = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string().optional(),
  category: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Measure = z.object({
  id: z.string(),
  problemId: z.string(),
  title: z.string(),
  text: z.string().optional(),
  lead: z.string(),
  /** 责任单位 as written in the plan. */
  responsibleUnitsText: z.string(),
  /** Resolved unit ids; 各行政村 expands to every active village. */
  responsibleUnitIds: z.array(z.string()),
  deadlineText: z.string(),
  deadline: PlanDeadline,
  dataHint: z.string().optional(),
  completionStandard: z.string().optional(),
});
export type Measure = z.infer<typeof Measure>;

export const PlanStatus = z.enum(['active', 'closed']);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const Plan = z.object({
  id: z.string(),
  title: z.string(),
  docNumber: z.string().optional(),
  schedule: Schedule,
  firstPeriod: z.string(),
  status: PlanStatus,
  problems: z.array(Problem),
  measures: z.array(Measure),
  /** Bumped by every stored change; present on every plan the Worker answers (not on one being resolved). */
  version: PlanVersion.optional(),
  warningThresholds: WarningThresholds.optional(),
});
export type Plan = z.infer<typeof Plan>;

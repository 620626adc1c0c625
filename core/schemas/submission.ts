// The submission (报送): one unit's progress rows for one period of one plan. Written once here; the Worker
// validates request bodies with it and the add-in builds and parses with it.
import { z } from 'zod';
import { isHalfMonthId } from '../calendar/half-month.ts';
import { isMonthlyPeriodId } from '../calendar/monthly.ts';
import { Status } from './status.ts';
import { cleanText } from '../text/clean-text.ts';
import { EvidenceId, EvidenceRef } from '../evidence/evidence-id.ts';
import { EVIDENCE_LIMITS } from '../evidence/limits.ts';

export const LIMITS = {
  rows: 200,
  progress: 2000,
  text: 500,
  signer: 50,
  /** 填报人 (who filled the sheet in) and 联系电话: printed on the 报送单. */
  preparer: 50,
  phone: 30,
  /** Largest accepted request body in bytes. */
  bodyBytes: 512 * 1024,
  /** How many periods before the open one a (late) report may still be filed for: one year of half-months. */
  pastPeriods: 24,
  /** Revisions one unit may store for one period (a looping client cannot grow a period's history without end). */
  revisionsPerPeriod: 50,
  /**
   * Largest figure (目标值, 完成值, 资金 in 万元): far above any township's, and small enough that sums over every
   * unit's rows stay exact in a double (22 units × 200 rows × 1e12 < 2^53), so /summary and /trends add up alike.
   */
  figure: 1e12,
} as const;

const amount = z.number().finite().nonnegative().max(LIMITS.figure, `must be at most ${LIMITS.figure} (1e12)`);

/** A period id of either schedule; whether it fits the plan's schedule is checked against the plan. */
export const PeriodId = z.string().refine((v) => isHalfMonthId(v) || isMonthlyPeriodId(v), {
  message: 'period must look like 2023-09-H1 / 2023-09-H2 (half-monthly) or 2024-03 (monthly)',
});

export const SubmissionRow = z.strictObject({
  measureId: z.string().regex(/^\d{1,2}-\d{1,2}$/, 'measureId must look like 1-1'),
  /** 子项（项目名称）: names the project when a measure has several rows. */
  item: cleanText({ kind: 'line', max: 100 }).optional(),
  status: Status,
  progress: cleanText({ kind: 'long', max: LIMITS.progress, required: 'progress is required' }),
  target: amount.optional(),
  actual: amount.optional(),
  /** 计量单位 of 目标值 and 完成值 (户, 个, 公里…): figures are summed only within one unit of measure. */
  unitOfMeasure: cleanText({ kind: 'line', max: 20 }).optional(),
  rate: z.number().finite().min(0).max(100).optional(),
  fundsPlanned: amount.optional(),
  fundsPaid: amount.optional(),
  evidence: cleanText({ kind: 'long', max: LIMITS.text }).optional(),
  note: cleanText({ kind: 'long', max: LIMITS.text }).optional(),
  /** 佐证材料: ids of evidence files this unit uploaded under the same plan (the Worker checks ownership). */
  evidenceIds: z
    .array(EvidenceId)
    .max(EVIDENCE_LIMITS.filesPerRow, `at most ${EVIDENCE_LIMITS.filesPerRow} evidence files per row`)
    .refine((ids) => new Set(ids).size === ids.length, 'an evidence file is named twice in this row')
    .optional(),
});
export type SubmissionRow = z.infer<typeof SubmissionRow>;
export type RowField = keyof SubmissionRow;
export const ROW_FIELDS = Object.keys(SubmissionRow.shape) as RowField[];

const SubmissionFields = z.strictObject({
  /** The id of the plan reported on; may be left out while only one plan is active. */
  planId: z.string().min(1).max(60).optional(),
  period: PeriodId,
  signer: cleanText({ kind: 'line', max: LIMITS.signer, required: 'signer (主要负责人) is required' }),
  /** 填报人 and 联系电话 (kept in the pane's settings): printed on the 报送单 instead of the unit's registered contact. */
  preparer: cleanText({ kind: 'line', max: LIMITS.preparer }).optional(),
  preparerPhone: z
    .string()
    .trim()
    .max(LIMITS.phone)
    .regex(/^[0-9 +\-()（）#转]*$/, 'preparerPhone may hold digits, spaces and + - ( ) # 转 only')
    .optional(),
  rows: z.array(SubmissionRow).min(1, 'at least one row is required').max(LIMITS.rows),
});

/** The body's former name for `planId`, still accepted (panes and queues from before the rename send it). */
function acceptFormerPlanField(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('plan' in body) || 'planId' in body)
    return body;
  const { plan, ...rest } = body as Record<string, unknown>;
  return { ...rest, planId: plan };
}

export const Submission = z.preprocess(acceptFormerPlanField, SubmissionFields);
export type Submission = z.infer<typeof SubmissionFields>;

/** A filed report's timeliness (按时 / 逾期): whether it was received before the period's deadline. */
export const FiledTimeliness = z.enum(['on_time', 'late']);
export type FiledTimeliness = z.infer<typeof FiledTimeliness>;

/** `closed`: every pair the unit is responsible for was 已销号 by the period's deadline — nothing is owed. */
export const Timeliness = z.enum(['on_time', 'late', 'missing', 'not_due', 'returned', 'closed']);
export type ReportTimeliness = z.infer<typeof Timeliness>;

/** 按时 / 逾期 / 未报 / 待报 / 退回, as the sheets, the CSV and the pane show them. */
export const TIMELINESS_LABELS: Readonly<Record<ReportTimeliness, { zh: string; en: string }>> = {
  on_time: { zh: '按时', en: 'On time' },
  late: { zh: '逾期', en: 'Late' },
  missing: { zh: '未报', en: 'Missing' },
  not_due: { zh: '待报', en: 'Not due' },
  returned: { zh: '退回', en: 'Returned' },
  closed: { zh: '已销号', en: 'Closed' },
};

/** What the Worker answers to an accepted submission. */
export const Receipt = z.object({
  reportId: z.string(),
  /** Absent only in receipts a pane stored before plans existed (those are the 2023 plan's). */
  planId: z.string().optional(),
  unitId: z.string(),
  period: z.string(),
  revision: z.number().int().positive(),
  receivedAt: z.string(),
  deadline: z.string(),
  timeliness: FiledTimeliness,
  warnings: z.number().int().nonnegative().default(0),
  /** 佐证材料 the rows name, each file once, in row order (absent in receipts of panes before evidence). */
  evidence: z.array(EvidenceRef).optional(),
});
export type Receipt = z.infer<typeof Receipt>;

// Payloads of the Worker's HTTP API besides the submission itself.
import { z } from 'zod';
import { FiledTimeliness, PeriodId, Receipt, Submission, SubmissionRow, Timeliness } from './submission.ts';
import { Status } from './status.ts';
import { Plan } from './plan.ts';
import { Unit } from './unit.ts';
import { cleanText } from '../text/clean-text.ts';
import { EvidenceRef } from '../evidence/evidence-id.ts';

export const Role = z.enum(['unit', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const ApiIssue = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  /** English text of a rule finding, for English UIs (message is Chinese first). */
  messageEn: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});
export type ApiIssue = z.infer<typeof ApiIssue>;

/** A message in both languages: the one shape the Worker's errors travel in (the pane picks its language). */
export interface Bilingual {
  zh: string;
  en: string;
}

/** `message` is the Chinese text (kept for API compatibility), `messageEn` the English one. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    issues: z.array(ApiIssue).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const Me = z.object({
  role: Role,
  label: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.enum(['village', 'office']) }).nullable(),
  /** The open period of the only active plan (half-monthly when none or several are active). */
  openPeriod: z.string(),
  /** The active plans this caller works on (a unit: those it is responsible in), so the pane validates offline too. */
  plans: z.array(Plan).default([]),
  /** The open period of each plan in `plans`, by plan id (the server's clock decides, not the PC's). */
  openPeriods: z.record(z.string(), z.string()).default({}),
  /** The township's units, for resolving 责任单位 in sheets. */
  units: z.array(Unit).default([]),
});
export type Me = z.infer<typeof Me>;

export const ReportHeader = z.object({
  reportId: z.string(),
  planId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  period: z.string(),
  revision: z.number().int(),
  signer: z.string(),
  receivedAt: z.string(),
  timeliness: FiledTimeliness,
  rowCount: z.number().int(),
  warningCount: z.number().int(),
  returned: z.object({ reason: z.string(), at: z.string() }).nullable(),
  current: z.boolean(),
});
export type ReportHeader = z.infer<typeof ReportHeader>;

export const ReportDetail = ReportHeader.extend({
  rows: z.array(SubmissionRow),
  warnings: z.array(ApiIssue),
  /** The 佐证材料 the rows name (`rows[].evidenceIds`), each once, in row order. */
  evidence: z.array(EvidenceRef).optional(),
  /** 填报人 and 联系电话 as submitted; null when the submission left them out. */
  preparer: z.string().nullable(),
  preparerPhone: z.string().nullable(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const ReturnRequest = z.strictObject({
  reason: cleanText({ kind: 'long', max: 500, required: 'reason is required' }),
});
export type ReturnRequest = z.infer<typeof ReturnRequest>;

export const StatusCounts = z.record(Status, z.number().int());

export const UnitSummary = z.object({
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(['village', 'office']),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  timeliness: Timeliness,
  /** When the current revision arrived. */
  receivedAt: z.string().nullable(),
  /** When the first revision arrived: what on_time / late is judged by. */
  firstReceivedAt: z.string().nullable(),
  revision: z.number().int().nullable(),
  signer: z.string().nullable(),
  rowCount: z.number().int(),
  statusCounts: StatusCounts,
  warningCount: z.number().int(),
  returnedReason: z.string().nullable(),
});
export type UnitSummary = z.infer<typeof UnitSummary>;

export const MeasureSummary = z.object({
  measureId: z.string(),
  title: z.string(),
  expectedUnits: z.number().int(),
  reportedUnits: z.number().int(),
  statusCounts: StatusCounts,
  /** Sums over every reporting unit's rows of the measure (several rows per unit when it lists 子项). */
  figures: z
    .object({
      target: z.number(),
      actual: z.number(),
      fundsPlanned: z.number(),
      fundsPaid: z.number(),
      /** The one 计量单位 of target/actual; when units reported in several, target/actual are absent and... */
      unitOfMeasure: z.string(),
      /** ...one sum per 计量单位 instead (never added across units, no 完成率 across them). */
      quantities: z.array(
        z.object({ unitOfMeasure: z.string(), target: z.number().optional(), actual: z.number().optional() }),
      ),
    })
    .partial()
    .optional(),
});
export type MeasureSummary = z.infer<typeof MeasureSummary>;

export const Summary = z.object({
  planId: z.string(),
  period: z.string(),
  deadline: z.string(),
  generatedAt: z.string(),
  units: z.array(UnitSummary),
  measures: z.array(MeasureSummary),
  totals: z.object({
    units: z.number().int(),
    on_time: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    not_due: z.number().int(),
    returned: z.number().int(),
    /** Units whose every pair was 已销号 by the deadline (nothing owed); absent in older answers. */
    closed: z.number().int().optional(),
    rows: z.number().int(),
  }),
});
export type Summary = z.infer<typeof Summary>;

export const Matrix = z.object({
  planId: z.string(),
  from: z.string(),
  to: z.string(),
  periods: z.array(z.string()),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), cells: z.array(Timeliness) })),
});
export type Matrix = z.infer<typeof Matrix>;

/** 报送明细: the current revision's rows of every unit for one period, one entry per unit × row (GET /details). */
export const DetailRow = SubmissionRow.extend({
  unitId: z.string(),
  unitName: z.string(),
  revision: z.number().int(),
  signer: z.string(),
  receivedAt: z.string(),
  measureTitle: z.string(),
  /** The row's 佐证材料 (its `evidenceIds`, with names, sizes and hashes). */
  evidenceFiles: z.array(EvidenceRef).optional(),
});
export type DetailRow = z.infer<typeof DetailRow>;

export const Details = z.object({ planId: z.string(), period: z.string(), rows: z.array(DetailRow) });
export type Details = z.infer<typeof Details>;

export const TokenCreate = z.strictObject({
  role: Role,
  // An empty unitId is a mistake, not "no unit": it used to slip past the role check into a D1 CHECK (500).
  unitId: z.string().min(1, 'unitId must not be empty; leave it out for supervisor and admin tokens').optional(),
  label: cleanText({ kind: 'line', max: 100, required: 'label is required' }),
});
export type TokenCreate = z.infer<typeof TokenCreate>;

export const TokenInfo = z.object({
  id: z.string(),
  role: Role,
  unitId: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const PlanQuery = z.object({ plan: z.string().optional() });
export const SummaryQuery = PlanQuery.extend({ period: PeriodId.optional() });
export const MatrixQuery = PlanQuery.extend({ from: PeriodId.optional(), to: PeriodId.optional() });

export { PeriodId, Receipt, Submission, SubmissionRow };

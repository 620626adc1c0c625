// What GET /closures, GET /closures/events, GET /warnings, GET /closure-ledger and GET /notices answer, and the paged
// queries of the two views: the pane parses every answer with these (the Worker builds them in
// worker/lib/closure-pairs.ts and worker/routes/closures.ts and validates the queries with them).
import { z } from 'zod';
import { PlanQuery } from './api.ts';
import { WarningThresholds } from './warning-thresholds.ts';
import { ClosureEvent, ClosurePart, ClosureState } from './closure.ts';
import { Notice } from './notice.ts';
import { Status } from './status.ts';

/** One 整改完成率: closed ÷ total (core/closure/closure-rate.ts). */
export const ClosureRateView = z.object({ closed: z.number(), total: z.number(), rate: z.number().nullable() });
const Rate = ClosureRateView;

export const ClosureRatesView = z.object({
  pairs: Rate,
  measures: Rate,
  byProblem: z.record(z.string(), z.object({ pairs: Rate, measures: Rate })),
  byUnit: z.record(z.string(), Rate),
});

export const ClosureWarningView = z.object({
  colour: z.enum(['red', 'yellow', 'blue']),
  reasons: z.array(z.enum(['overdue', 'due_soon', 'stalled', 'rejected', 'approaching'])),
  dueDate: z.string().nullable(),
  daysLeft: z.number().nullable(),
});

export const ClosurePair = z.object({
  measureId: z.string(),
  problemId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  state: ClosureState,
  part: ClosurePart.nullable(),
  deadlineText: z.string(),
  deadline: z.object({ date: z.string().optional(), longTerm: z.boolean() }),
  extendedDeadline: z.string().nullable(),
  rejectionPending: z.boolean(),
  /** The 驳回 not answered yet by a new application: the reason, when and by whom. */
  rejection: z.object({ reason: z.string(), at: z.string(), by: z.string() }).nullable(),
  appliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
  latestStatus: Status.nullable(),
  evidenceCount: z.number(),
  warning: ClosureWarningView.nullable(),
});
export type ClosurePair = z.infer<typeof ClosurePair>;

export const ClosureList = z.object({
  planId: z.string(),
  today: z.string(),
  pairs: z.array(ClosurePair),
  rates: ClosureRatesView,
});
export type ClosureList = z.infer<typeof ClosureList>;

export const ClosureEvents = z.object({ events: z.array(ClosureEvent) });

export const ClosureLedgerRow = ClosurePair.extend({
  summary: z.string().nullable(),
  verdict: z
    .object({
      kind: z.string(),
      opinion: z.string(),
      verifiedOn: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
});
export type ClosureLedgerRow = z.infer<typeof ClosureLedgerRow>;

export const ClosureLedger = z.object({
  planId: z.string(),
  today: z.string(),
  rates: ClosureRatesView,
  rows: z.array(ClosureLedgerRow),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type ClosureLedger = z.infer<typeof ClosureLedger>;

const Unit = z.string().trim().min(1).max(64);
const limit = (max: number, byDefault: number) => z.coerce.number().int().min(1).max(max).default(byDefault);

/** GET /closure-ledger: a page of pairs in plan order; `cursor` is the previous page's nextCursor. */
export const LedgerQuery = PlanQuery.extend({
  limit: limit(2000, 500),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'cursor must be a nextCursor of this list')
    .optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** GET /warnings: the counts and a page of warned pairs, worst first (the office may narrow to one unit). */
export const WarningsQuery = PlanQuery.extend({
  unit: Unit.optional(),
  limit: limit(1000, 100),
  cursor: z
    .string()
    .regex(/^[1-3]~\d{4}-\d{2}-\d{2}~\d{1,9}$/, 'cursor must be a nextCursor of this list')
    .optional(),
});
export type WarningsQuery = z.infer<typeof WarningsQuery>;

const ColourCounts = z.object({ red: z.number(), yellow: z.number(), blue: z.number() });

export const WarningEntry = ClosureWarningView.extend({
  measureId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  text: z.object({ zh: z.string(), en: z.string() }),
});
export type WarningEntry = z.infer<typeof WarningEntry>;

export const WarningList = z.object({
  planId: z.string(),
  today: z.string(),
  thresholds: WarningThresholds,
  /** Warned pairs of every colour, in the scope asked (all units, or one). */
  counts: ColourCounts,
  /** The same per unit; units without a warning are left out. */
  byUnit: z.record(z.string(), ColourCounts),
  warnings: z.array(WarningEntry),
  nextCursor: z.string().nullable(),
});
export type WarningList = z.infer<typeof WarningList>;

export const CLOSURE_STATE_LABELS: Readonly<Record<ClosureState, { zh: string; en: string }>> = {
  in_progress: { zh: '整改中', en: 'In progress' },
  applied: { zh: '申请销号', en: 'Applied' },
  closed: { zh: '已销号', en: 'Closed' },
};

/** GET /notices: the 督办单 (a unit: its own) and their counts per unit. */
export const NoticeList = z.object({
  planId: z.string(),
  today: z.string(),
  notices: z.array(Notice),
  byUnit: z.record(
    z.string(),
    z.object({ total: z.number(), open: z.number(), overdue: z.number(), answered: z.number() }),
  ),
});
export type NoticeList = z.infer<typeof NoticeList>;

// What GET /closures, GET /closures/events, GET /closure-ledger and GET /notices answer: the pane parses every answer with these
// (the Worker builds them in worker/lib/closure-pairs.ts and worker/routes/closures.ts).
import { z } from 'zod';
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
});
export type ClosureLedger = z.infer<typeof ClosureLedger>;

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

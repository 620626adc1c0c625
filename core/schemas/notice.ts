// 督办单 (supervision notice): the supervisor's formal demand on one (measure, unit) pair ("一事一单"), numbered per
// plan, answered by the unit with text and evidence. State is derived: open, answered, or overdue (open past due).
import { z } from 'zod';
import { MeasureId } from './plan.ts';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must look like 2023-10-31');

export const NoticeInput = z.strictObject({
  plan: z.string().trim().min(1).optional(),
  measureId: MeasureId,
  unitId: z.string().trim().min(1).max(64),
  /** 督办要求. */
  requirement: z.string().trim().min(1).max(1000),
  /** 办结时限. */
  dueDate: IsoDay,
});
export type NoticeInput = z.infer<typeof NoticeInput>;

export const NoticeAnswer = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  evidenceIds: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
});
export type NoticeAnswer = z.infer<typeof NoticeAnswer>;

export const NoticeState = z.enum(['open', 'answered', 'overdue']);
export type NoticeState = z.infer<typeof NoticeState>;

export const Notice = z.object({
  id: z.string(),
  planId: z.string(),
  number: z.number().int(),
  measureId: z.string(),
  unitId: z.string(),
  requirement: z.string(),
  dueDate: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  state: NoticeState,
  answer: z.object({ text: z.string(), evidenceIds: z.array(z.string()), at: z.string() }).nullable(),
});
export type Notice = z.infer<typeof Notice>;

/** open / answered / overdue (still open after its due day, `today` in China time). */
export function noticeState(n: { dueDate: string; answer: unknown }, today: string): NoticeState {
  if (n.answer) return 'answered';
  return today > n.dueDate ? 'overdue' : 'open';
}

export const NOTICE_STATE_LABELS: Readonly<Record<NoticeState, { zh: string; en: string }>> = {
  open: { zh: '待回复', en: 'Open' },
  answered: { zh: '已回复', en: 'Answered' },
  overdue: { zh: '逾期未回复', en: 'Overdue' },
};

/** "督办〔2023〕第 3 号": the number within the plan, with the year (China time) the notice was issued. */
export function noticeNumberText(n: { number: number; issuedAt: string }): string {
  const year = new Date(Date.parse(n.issuedAt) + 8 * 3_600_000).getUTCFullYear();
  return `督办〔${year}〕第 ${n.number} 号`;
}

export interface NoticeCounts {
  total: number;
  open: number;
  overdue: number;
  answered: number;
}

/** How many notices are open, overdue and answered. */
export function countNotices(notices: readonly { state: NoticeState }[]): NoticeCounts {
  const c: NoticeCounts = { total: 0, open: 0, overdue: 0, answered: 0 };
  for (const n of notices) {
    c.total++;
    c[n.state]++;
  }
  return c;
}

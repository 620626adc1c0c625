// The 销号 state machine of one (measure, unit) pair: 整改中 → 申请销号 → 已销号, or 驳回 back to 整改中 with a 限期;
// 已销号 → 重新打开. The Worker asks this before it writes; the pane asks it to grey out what cannot be done.
// A refusal is data (code, the field it is about, params); closureRefusalMessage renders it.
import type { Deadline } from '../deadline/parse-deadline.ts';
import type { ClosurePart, ClosureState } from '../schemas/closure.ts';
import type { Status } from '../schemas/status.ts';

export type ClosureAction =
  | { kind: 'apply'; part: ClosurePart; latestStatus: Status | null; deadline: Deadline; evidenceCount: number }
  | { kind: 'close' }
  | { kind: 'reject'; extendedDeadline: string | undefined; today: string }
  | { kind: 'reopen' };

export type ClosureRefusalCode =
  | 'already_applied'
  | 'already_closed'
  | 'not_applied'
  | 'not_closed'
  | 'status_not_done'
  | 'status_not_phased'
  | 'no_dated_part'
  | 'evidence_required'
  | 'extended_deadline_required'
  | 'extended_deadline_past';

export interface ClosureRefusal {
  code: ClosureRefusalCode;
  /** The request field the refusal is about (issues[].path). */
  path: string;
  params?: Record<string, string>;
}

export type ClosureTransition = { ok: true; next: ClosureState } | { ok: false; refusal: ClosureRefusal };

const refuse = (code: ClosureRefusalCode, path: string, params?: Record<string, string>): ClosureTransition => ({
  ok: false,
  refusal: { code, path, params },
});

/** The state after `action`, or why it may not happen now. */
export function closureTransition(state: ClosureState, action: ClosureAction): ClosureTransition {
  switch (action.kind) {
    case 'apply': {
      if (state === 'applied') return refuse('already_applied', 'measureId');
      if (state === 'closed') return refuse('already_closed', 'measureId');
      if (action.part === 'dated') {
        // The dated part of "2023年10月31日前取得阶段性成效，长期坚持": 阶段性成效 is enough.
        if (!action.deadline.longTerm || !action.deadline.date) return refuse('no_dated_part', 'part');
        if (action.latestStatus !== 'done' && action.latestStatus !== 'phased')
          return refuse('status_not_phased', 'measureId');
      } else if (action.latestStatus !== 'done') {
        return refuse('status_not_done', 'measureId');
      }
      if (action.evidenceCount < 1) return refuse('evidence_required', 'evidenceIds');
      return { ok: true, next: 'applied' };
    }
    case 'close':
      return state === 'applied' ? { ok: true, next: 'closed' } : refuse('not_applied', 'decision');
    case 'reject':
      if (state !== 'applied') return refuse('not_applied', 'decision');
      if (!action.extendedDeadline) return refuse('extended_deadline_required', 'extendedDeadline');
      if (action.extendedDeadline < action.today) {
        return refuse('extended_deadline_past', 'extendedDeadline', {
          date: action.extendedDeadline,
          today: action.today,
        });
      }
      return { ok: true, next: 'in_progress' };
    case 'reopen':
      return state === 'closed' ? { ok: true, next: 'in_progress' } : refuse('not_closed', 'reason');
  }
}

/** The refusal in the pane's two languages. */
export function closureRefusalMessage(r: ClosureRefusal): { zh: string; en: string } {
  switch (r.code) {
    case 'already_applied':
      return { zh: '该措施已申请销号，正在等待核查，不能重复申请。', en: 'a closure application is already pending' };
    case 'already_closed':
      return { zh: '该措施已销号；如需继续整改，请乡村振兴办重新打开。', en: 'the item is already closed' };
    case 'not_applied':
      return { zh: '该措施没有待核查的销号申请。', en: 'there is no pending closure application' };
    case 'not_closed':
      return { zh: '该措施尚未销号，无需重新打开。', en: 'the item is not closed' };
    case 'status_not_done':
      return { zh: '完成情况须为“已完成”才能申请销号。', en: 'status must be done to apply for closure' };
    case 'status_not_phased':
      return { zh: '完成情况须为“阶段性成效”或“已完成”才能申请阶段性销号。', en: 'status must be phased or done' };
    case 'no_dated_part':
      return {
        zh: '该措施没有“某日前取得阶段性成效”的限期部分，请申请整体销号。',
        en: 'the measure has no dated part',
      };
    case 'evidence_required':
      return { zh: '申请销号须至少附 1 份佐证材料。', en: 'at least one evidence file is required' };
    case 'extended_deadline_required':
      return { zh: '驳回须给出限期（二次整改的完成日期）。', en: 'a rejection needs an extended deadline' };
    case 'extended_deadline_past':
      return {
        zh: `限期 ${r.params?.date} 早于今天（${r.params?.today}），请重新选择。`,
        en: `extendedDeadline ${r.params?.date} is before today`,
      };
  }
}

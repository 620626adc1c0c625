// Where a (measure, unit) pair stands, read from its recorded closure events (oldest first). Events are never
// deleted, so the state at any past instant is the replay of the events up to it.
import type { ClosureEvent, ClosurePart, ClosureState } from '../schemas/closure.ts';

export interface PairClosure {
  state: ClosureState;
  /** The part applied for or closed; null while in progress. */
  part: ClosurePart | null;
  /** 限期 from the latest 驳回: replaces the plan's deadline for the pair. */
  extendedDeadline: string | null;
  /** The latest verdict was a 驳回 and the unit has not applied again. */
  rejectionPending: boolean;
  /** When the pair was (last) closed, while it is. */
  closedAt: string | null;
}

export const OPEN_PAIR: PairClosure = {
  state: 'in_progress',
  part: null,
  extendedDeadline: null,
  rejectionPending: false,
  closedAt: null,
};

/** The pair after `events`, optionally only those at or before `at` (ISO instant). */
export function pairClosureOf(
  events: readonly Pick<ClosureEvent, 'kind' | 'at' | 'part' | 'extendedDeadline'>[],
  at?: string,
): PairClosure {
  let pair = OPEN_PAIR;
  for (const e of events) {
    if (at !== undefined && e.at > at) break;
    switch (e.kind) {
      case 'applied':
        pair = { ...pair, state: 'applied', part: e.part ?? 'whole', rejectionPending: false };
        break;
      case 'closed':
        pair = { ...pair, state: 'closed', closedAt: e.at };
        break;
      case 'rejected':
        pair = {
          ...pair,
          state: 'in_progress',
          part: null,
          extendedDeadline: e.extendedDeadline ?? pair.extendedDeadline,
          rejectionPending: true,
        };
        break;
      case 'reopened':
        pair = { ...pair, state: 'in_progress', part: null, closedAt: null };
        break;
    }
  }
  return pair;
}

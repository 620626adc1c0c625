import { describe, expect, it } from 'vitest';
import { closureRefusalMessage, closureTransition, type ClosureAction } from '../../core/closure/index.ts';

const dated = { date: '2023-10-31', longTerm: true };
const plain = { date: '2023-10-31', longTerm: false };
const apply = (over: Partial<Extract<ClosureAction, { kind: 'apply' }>> = {}): ClosureAction => ({
  kind: 'apply',
  part: 'whole',
  latestStatus: 'done',
  deadline: plain,
  evidenceCount: 1,
  ...over,
});

describe('closureTransition', () => {
  it('moves 整改中 to 申请销号 when the unit reports 已完成 and attaches evidence', () => {
    expect(closureTransition('in_progress', apply())).toEqual({ ok: true, next: 'applied' });
  });

  it('refuses an application without evidence, naming evidenceIds', () => {
    const t = closureTransition('in_progress', apply({ evidenceCount: 0 }));
    expect(t).toEqual({ ok: false, refusal: { code: 'evidence_required', path: 'evidenceIds', params: undefined } });
  });

  it('refuses a whole-measure application while the status is below 已完成', () => {
    for (const latestStatus of ['phased', 'ongoing', 'not_started', null] as const) {
      const t = closureTransition('in_progress', apply({ latestStatus }));
      expect(t.ok ? null : t.refusal.code).toBe('status_not_done');
    }
  });

  it('accepts 阶段性成效 for the dated part of a long-term measure only', () => {
    expect(closureTransition('in_progress', apply({ part: 'dated', deadline: dated, latestStatus: 'phased' }))).toEqual(
      { ok: true, next: 'applied' },
    );
    const noDatedPart = closureTransition(
      'in_progress',
      apply({ part: 'dated', deadline: plain, latestStatus: 'phased' }),
    );
    expect(noDatedPart.ok ? null : noDatedPart.refusal).toMatchObject({ code: 'no_dated_part', path: 'part' });
    const ongoing = closureTransition(
      'in_progress',
      apply({ part: 'dated', deadline: dated, latestStatus: 'ongoing' }),
    );
    expect(ongoing.ok ? null : ongoing.refusal.code).toBe('status_not_phased');
  });

  it('refuses a second application while one is pending, and one for a closed pair', () => {
    const pending = closureTransition('applied', apply());
    expect(pending.ok ? null : pending.refusal.code).toBe('already_applied');
    const closed = closureTransition('closed', apply());
    expect(closed.ok ? null : closed.refusal.code).toBe('already_closed');
  });

  it('closes only a pending application', () => {
    expect(closureTransition('applied', { kind: 'close' })).toEqual({ ok: true, next: 'closed' });
    for (const state of ['in_progress', 'closed'] as const) {
      const t = closureTransition(state, { kind: 'close' });
      expect(t.ok ? null : t.refusal.code).toBe('not_applied');
    }
  });

  it('rejects back to 整改中 with a 限期 that is not before today', () => {
    expect(
      closureTransition('applied', { kind: 'reject', extendedDeadline: '2023-12-01', today: '2023-12-01' }),
    ).toEqual({ ok: true, next: 'in_progress' });
    const past = closureTransition('applied', { kind: 'reject', extendedDeadline: '2023-11-30', today: '2023-12-01' });
    expect(past.ok ? null : past.refusal).toMatchObject({ code: 'extended_deadline_past', path: 'extendedDeadline' });
    const none = closureTransition('applied', { kind: 'reject', extendedDeadline: undefined, today: '2023-12-01' });
    expect(none.ok ? null : none.refusal.code).toBe('extended_deadline_required');
  });

  it('reopens only a closed pair', () => {
    expect(closureTransition('closed', { kind: 'reopen' })).toEqual({ ok: true, next: 'in_progress' });
    const t = closureTransition('applied', { kind: 'reopen' });
    expect(t.ok ? null : t.refusal.code).toBe('not_closed');
  });

  it('words every refusal in Chinese and English', () => {
    const t = closureTransition('applied', { kind: 'reject', extendedDeadline: '2023-11-30', today: '2023-12-01' });
    if (t.ok) throw new Error('expected a refusal');
    expect(closureRefusalMessage(t.refusal)).toEqual({
      zh: '限期 2023-11-30 早于今天（2023-12-01），请重新选择。',
      en: 'extendedDeadline 2023-11-30 is before today',
    });
  });
});

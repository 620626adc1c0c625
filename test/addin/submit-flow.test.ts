// The 提交 step's state machine (addin/panels/submit-flow.ts): which event moves it where, and which it ignores.
import { describe, expect, it } from 'vitest';
import { IDLE, nextSubmitState, type SubmitEvent, type SubmitState } from '../../addin/panels/submit-flow.ts';

type State = SubmitState<string, string>;
type Event = SubmitEvent<string, string>;
const run = (events: Event[], from: State = IDLE): State => events.reduce(nextSubmitState<string, string>, from);
const passed = (check = 'sheet v1'): Event => ({ type: 'checked', verdict: { check, canSubmit: true, rows: 13 } });
const failed: Event = { type: 'checked', verdict: { check: 'broken', canSubmit: false, rows: 13 } };

describe('nextSubmitState', () => {
  it('goes idle → checked → confirming → sending → receipt for a delivered report', () => {
    const steps: string[] = [];
    let s: State = IDLE;
    for (const e of [
      passed(),
      { type: 'prepare', period: '2026-12-H1' },
      { type: 'send' },
      { type: 'sent', sent: { status: 'delivered', outcome: 'r1' } },
    ] as Event[]) {
      s = nextSubmitState(s, e);
      steps.push(s.step);
    }
    expect(steps).toEqual(['checked', 'confirming', 'sending', 'receipt']);
    expect(s).toEqual({ step: 'receipt', outcome: 'r1' });
  });

  it('ends in queued or refused as the queue answered', () => {
    const confirming = run([passed(), { type: 'prepare', period: '2026-12-H1' }, { type: 'send' }]);
    expect(nextSubmitState(confirming, { type: 'sent', sent: { status: 'queued', outcome: 'q' } }).step).toBe('queued');
    expect(nextSubmitState(confirming, { type: 'sent', sent: { status: 'failed', outcome: 'f' } }).step).toBe(
      'refused',
    );
  });

  it('does not open the confirmation for a sheet with errors', () => {
    expect(run([failed, { type: 'prepare', period: '2026-12-H1' }])).toMatchObject({
      step: 'checked',
      verdict: { canSubmit: false },
    });
  });

  it('closes the confirmation when a new check finds errors, and keeps it open with the new rows when it passes', () => {
    const open = run([passed(), { type: 'prepare', period: '2026-12-H1' }]);
    expect(nextSubmitState(open, failed).step).toBe('checked');
    expect(nextSubmitState(open, passed('sheet v2'))).toMatchObject({
      step: 'confirming',
      verdict: { check: 'sheet v2' },
      period: '2026-12-H1',
    });
  });

  it('follows a new preselected period until the user chooses one, then keeps the choice', () => {
    const open = run([passed(), { type: 'prepare', period: '2026-12-H1' }]);
    expect(nextSubmitState(open, { type: 'preselect', period: '2026-11-H2' })).toMatchObject({ period: '2026-11-H2' });
    const chosen = run(
      [
        { type: 'choose', period: '2026-11-H1' },
        { type: 'preselect', period: '2026-11-H2' },
      ],
      open,
    );
    expect(chosen).toMatchObject({ step: 'confirming', period: '2026-11-H1', chosen: true });
  });

  it('sends what was checked when the send started, whatever is checked meanwhile', () => {
    const sending = run([passed('sheet v1'), { type: 'prepare', period: '2026-12-H1' }, { type: 'send' }]);
    expect(run([failed, { type: 'reset' }], sending)).toBe(sending);
  });

  it('goes back to the confirmation, on the same period, when sending breaks off', () => {
    const sending = run([passed(), { type: 'prepare', period: '2026-11-H1' }, { type: 'send' }]);
    expect(nextSubmitState(sending, { type: 'interrupted' })).toMatchObject({
      step: 'confirming',
      period: '2026-11-H1',
    });
  });

  it('cancels back to checked and forgets the check when another file is chosen', () => {
    const open = run([passed(), { type: 'prepare', period: '2026-12-H1' }]);
    expect(nextSubmitState(open, { type: 'cancel' }).step).toBe('checked');
    expect(nextSubmitState(open, { type: 'reset' })).toEqual(IDLE);
  });

  it('shows a background delivery as a receipt except while the user confirms another report', () => {
    const bg: Event = { type: 'sent', sent: { status: 'delivered', outcome: 'older' } };
    expect(run([passed(), bg])).toEqual({ step: 'receipt', outcome: 'older' });
    const open = run([passed(), { type: 'prepare', period: '2026-12-H1' }]);
    expect(nextSubmitState(open, bg)).toBe(open);
    // A background retry that failed again changes nothing here (提交记录 shows it).
    expect(run([passed(), { type: 'sent', sent: { status: 'queued', outcome: 'q' } }]).step).toBe('checked');
  });
});

// The text-cleaning rule every free-text field shares (issue 13, item 5), checked through the schemas themselves,
// since those are what both the pane and the Worker run.
import { describe, expect, it } from 'vitest';
import { ReturnRequest, TokenCreate } from '../../core/schemas/api.ts';
import { Submission } from '../../core/schemas/submission.ts';
import { textProblem } from '../../core/text/clean-text.ts';

const row = (over: Record<string, unknown> = {}) => ({
  measureId: '1-1',
  status: 'ongoing',
  progress: '已走访 12 户',
  ...over,
});
const submission = (over: Record<string, unknown> = {}, rowOver: Record<string, unknown> = {}) => ({
  period: '2023-09-H1',
  signer: '张三',
  rows: [row(rowOver)],
  ...over,
});

function issueAt(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; params?: Record<string, unknown> }[] };
}) {
  expect(result.success).toBe(false);
  const i = result.error!.issues[0]!;
  return { path: i.path.join('.'), reason: i.params?.reason };
}

describe('cleanText in the schemas', () => {
  it.each([
    ['\u200b\u200b', 'invisible_only'],
    ['\u200b \u3000\ufeff', 'invisible_only'],
    ['张\0三', 'control_character'],
    ['张三\x07', 'control_character'],
    ['\x1b[31m张三', 'control_character'],
    ['张\n三', 'control_character'],
    ['\u202e三张', 'bidi_control'],
    ['张三\u2066', 'bidi_control'],
    ['张\ud800三', 'lone_surrogate'],
    ['张三\udc00', 'lone_surrogate'],
  ])('refuses the signer %j as %s, naming the signer', (signer, reason) => {
    expect(issueAt(Submission.safeParse(submission({ signer })))).toEqual({ path: 'signer', reason });
  });

  it('allows line breaks and tabs in progress, evidence and note, but not other control characters', () => {
    const ok = Submission.safeParse(
      submission({}, { progress: '第一行\n第二行\t完成', evidence: '台账\r\n照片', note: '备注\n' }),
    );
    expect(ok.success).toBe(true);
    expect(issueAt(Submission.safeParse(submission({}, { progress: '进\x0b展' })))).toEqual({
      path: 'rows.0.progress',
      reason: 'control_character',
    });
    expect(issueAt(Submission.safeParse(submission({}, { evidence: '照片\u202e' })))).toEqual({
      path: 'rows.0.evidence',
      reason: 'bidi_control',
    });
    expect(issueAt(Submission.safeParse(submission({}, { note: '\x85' })))).toEqual({
      path: 'rows.0.note',
      reason: 'control_character',
    });
    expect(issueAt(Submission.safeParse(submission({}, { progress: '\u200d' })))).toEqual({
      path: 'rows.0.progress',
      reason: 'invisible_only',
    });
  });

  it('normalises to NFC so the same name typed two ways is stored the same', () => {
    const decomposed = 'Zoe\u0301'; // e + combining acute
    const parsed = Submission.parse(submission({ signer: decomposed }));
    expect(parsed.signer).toBe('Zo\u00e9');
  });

  it('keeps ordinary Chinese text, emoji and leading blanks of optional notes unchanged', () => {
    const parsed = Submission.parse(submission({ signer: ' 岩温 ' }, { progress: '完成 85%，👍', note: '  缩进' }));
    expect(parsed.signer).toBe('岩温');
    expect(parsed.rows[0]).toMatchObject({ progress: '完成 85%，👍', note: '  缩进' });
  });

  it('applies to the 退回 reason and the token label too', () => {
    expect(issueAt(ReturnRequest.safeParse({ reason: '\u200b' }))).toEqual({
      path: 'reason',
      reason: 'invisible_only',
    });
    expect(issueAt(TokenCreate.safeParse({ role: 'admin', label: '管理员\u202e' }))).toEqual({
      path: 'label',
      reason: 'bidi_control',
    });
  });

  it('names the offending code point', () => {
    expect(textProblem('a\x07', 'line', true)).toEqual({ problem: 'control_character', at: 'U+0007' });
    expect(textProblem('a\tb', 'long', true)).toBeNull();
  });
});

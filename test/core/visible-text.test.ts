// The one visibility rule for required text (core/text/clean-text.ts) and the same cleaning for plan texts: a signer,
// a progress or a plan's lead made only of characters that render as nothing is refused as empty; control and bidi
// characters and lone surrogates are refused in plan texts as in a submission. Property tests over all such inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanInput } from '../../core/schemas/plan.ts';
import { Submission } from '../../core/schemas/submission.ts';
import { isInvisible } from '../../core/text/clean-text.ts';

const submission = (signer: string, progress = '已走访 12 户') => ({
  period: '2023-09-H1',
  signer,
  rows: [{ measureId: '1-1', status: 'ongoing', progress }],
});

const measure = {
  id: '1-1',
  problemId: '1',
  title: '加强管理',
  lead: '赵勇',
  responsibleUnits: '丁来村',
  deadline: '2024年3月底前',
};
const plan = (over: { title?: string; lead?: string; responsibleUnits?: string } = {}) => ({
  title: over.title ?? '整改方案',
  schedule: { kind: 'half-monthly' },
  problems: [{ id: '1', title: '问题' }],
  measures: [
    {
      ...measure,
      ...(over.lead !== undefined ? { lead: over.lead } : {}),
      ...(over.responsibleUnits !== undefined ? { responsibleUnits: over.responsibleUnits } : {}),
    },
  ],
});

function refusal(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; params?: Record<string, unknown> }[] };
}) {
  if (result.success) return null;
  const i = result.error!.issues[0]!;
  return { path: i.path.join('.'), reason: i.params?.reason };
}

/** Characters that show nothing and are neither control nor bidi characters (those are refused for their own reason). */
const BLANK_LOOKING = [
  '\u2800', // braille pattern blank
  '\u{E0020}',
  '\u{E0041}',
  '\u{E007F}',
  '\u{E0001}', // tag characters
  '\u{1D173}',
  '\u{1D17A}', // musical symbol begin/end beam… (format)
  '\u115f',
  '\u1160',
  '\u3164',
  '\uffa0', // Hangul fillers
  '\u206a',
  '\u206f', // deprecated format characters
  '\u0301',
  '\u0300',
  '\u20dd',
  '\ufe0f', // combining marks, a variation selector
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  ' ',
  '\u3000', // zero-width, soft hyphen, blanks
];
const blankLooking = fc.constantFrom(...BLANK_LOOKING);
const blankRun = fc.array(blankLooking, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
const visible = fc.constantFrom('张', '岩', 'A', '7', '👍', '，');

describe('one visibility rule for required text', () => {
  it.each([
    ['braille blank', '\u2800\u2800'],
    ['tag characters', '\u{E0041}\u{E0042}'],
    ['musical beam controls', '\u{1D173}\u{1D17A}'],
    ['Hangul fillers', '\u115f\u1160\u3164\uffa0'],
    ['deprecated format characters', '\u206a\u206f'],
    ['a lone combining mark', '\u0301'],
  ])('refuses a signer and a progress made only of %s as empty', (_what, text) => {
    expect(refusal(Submission.safeParse(submission(text)))).toEqual({ path: 'signer', reason: 'invisible_only' });
    expect(refusal(Submission.safeParse(submission('张三', text)))).toEqual({
      path: 'rows.0.progress',
      reason: 'invisible_only',
    });
  });

  it('refuses every text made only of blank-looking characters, in a signer, a progress and a plan lead', () => {
    fc.assert(
      fc.property(blankRun, (text) => {
        expect(isInvisible(text)).toBe(true);
        expect(refusal(Submission.safeParse(submission(text)))?.path).toBe('signer');
        expect(refusal(Submission.safeParse(submission('张三', text)))?.path).toBe('rows.0.progress');
        // (Blanks alone are trimmed to '' and refused as too short; either way the lead is named.)
        expect(refusal(PlanInput.safeParse(plan({ lead: text })))?.path).toBe('measures.0.lead');
      }),
    );
  });

  it('accepts every text that holds one visible character among blank-looking ones', () => {
    fc.assert(
      fc.property(
        fc.array(blankLooking, { maxLength: 6 }),
        visible,
        fc.array(blankLooking, { maxLength: 6 }),
        (before, v, after) => {
          const text = `${before.join('')}${v}${after.join('')}`;
          expect(isInvisible(text)).toBe(false);
          expect(refusal(Submission.safeParse(submission(text)))).toBeNull();
          expect(refusal(PlanInput.safeParse(plan({ lead: text })))).toBeNull();
        },
      ),
    );
  });
});

describe('plan texts cleaned like every free-text field', () => {
  it.each([
    ['NUL', '\0', 'control_character'],
    ['ESC', '\x1b', 'control_character'],
    ['a bidi override', '\u202e', 'bidi_control'],
  ])('refuses %s anywhere in a plan title or a responsible-units text, naming the field', (_what, bad, reason) => {
    fc.assert(
      fc.property(fc.nat(6), (at) => {
        const title = '勐来乡整改方案'.slice(0, at) + bad + '勐来乡整改方案'.slice(at);
        expect(refusal(PlanInput.safeParse(plan({ title })))).toEqual({ path: 'title', reason });
        expect(refusal(PlanInput.safeParse(plan({ responsibleUnits: title })))).toEqual({
          path: 'measures.0.responsibleUnits',
          reason,
        });
      }),
    );
  });

  it('never accepts a lone surrogate, in a plan title or a signer, wherever it stands', () => {
    const lone = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), lone, fc.string({ maxLength: 10 }), (a, s, b) => {
        // A high surrogate directly before a low one would pair up: keep the halves apart with a visible letter.
        const text = `${a}x${s}y${b}`;
        expect(PlanInput.safeParse(plan({ title: text })).success).toBe(false);
        expect(Submission.safeParse(submission(text)).success).toBe(false);
      }),
    );
  });

  it('keeps a plan text wrapped over two lines (plan sheets wrap 责任单位), trimmed and NFC', () => {
    const parsed = PlanInput.parse(plan({ responsibleUnits: ' 丁来村、\n永安村 ', lead: 'Zoe\u0301' }));
    expect(parsed.measures[0]).toMatchObject({ responsibleUnits: '丁来村、\n永安村', lead: 'Zo\u00e9' });
  });
});

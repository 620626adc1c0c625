// The one text-cleaning rule for every free-text field a user types (signer, progress, evidence, note, 退回 reason,
// token label). The pane builds its submission through the same zod schemas, so the Worker refuses exactly what
// the pane would refuse, and the 422 names the field. Text is NFC-normalised (the same name typed on two machines
// compares equal) and must be free of characters that hide or disguise what a reader sees:
// - control characters (C0, DEL, C1); newline and tab only in long texts (progress, evidence, note),
// - bidi controls (U+202E turns "张三" into something that reads differently),
// - lone surrogates (not text at all; they break UTF-8 encoders),
// and a required field must hold something visible once everything that renders as nothing is removed (INVISIBLE).
// Plan texts (titles, measures, leads, deadlines…) go through the same rule, in core/schemas/plan.ts.
import { z } from 'zod';

export type TextKind = 'line' | 'long';

const CONTROL_LINE = /[\x00-\x1f\x7f-\x9f]/;
/** Long texts keep line breaks and tabs: progress notes are written as several lines in one cell. */
const CONTROL_LONG = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * What renders as nothing, removed before asking whether a required text holds anything visible: whitespace, control
 * and format characters (Cc, Cf: zero-width, soft hyphen, deprecated format U+206A–206F, tag characters
 * U+E0001–E007F, musical beam/slur controls U+1D173–1D17A…), combining marks on their own (M, variation selectors
 * included), and the blank-looking letters: braille blank U+2800, Hangul fillers U+115F, U+1160, U+3164, U+FFA0.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{M}\u2800\u115f\u1160\u3164\uffa0\u{E0000}-\u{E007F}]/gu;

/** True when `text` shows nothing to a reader: the one visibility rule for required text. */
export const isInvisible = (text: string): boolean => text.replace(INVISIBLE, '') === '';

export type TextProblem = 'control_character' | 'bidi_control' | 'lone_surrogate' | 'invisible_only';

const MESSAGES: Record<TextProblem, string> = {
  control_character: '不能含控制字符 / must not contain control characters',
  bidi_control: '不能含文字方向控制字符 / must not contain bidi control characters',
  lone_surrogate: '含有无效字符 / contains an invalid (lone surrogate) character',
  invisible_only: '不能只有空白或不可见字符 / must contain visible text',
};

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first thing wrong with `text` under the rule, or null. Exported for tests and for callers outside zod. */
export function textProblem(
  text: string,
  kind: TextKind,
  required: boolean,
): { problem: TextProblem; at?: string } | null {
  const control = (kind === 'long' ? CONTROL_LONG : CONTROL_LINE).exec(text);
  if (control) return { problem: 'control_character', at: hex(control[0]) };
  const bidi = BIDI.exec(text);
  if (bidi) return { problem: 'bidi_control', at: hex(bidi[0]) };
  if (LONE_SURROGATE.test(text)) return { problem: 'lone_surrogate' };
  if (required && isInvisible(text)) return { problem: 'invisible_only' };
  return null;
}

/**
 * A zod string for a free-text field: trimmed, NFC, at most `max` characters, cleaned by the rule above.
 * Still a ZodString, so schemas keep `.shape` and the pane and the Worker share it unchanged.
 */
export function cleanText(o: { kind: TextKind; max: number; required?: string; trim?: boolean }) {
  // Required fields are always trimmed; optional long texts keep their leading blanks (a note may be indented)
  // unless `trim` is asked for (plan texts).
  let s = o.required || o.trim ? z.string().trim() : z.string();
  s = s.overwrite((t) => t.normalize('NFC'));
  if (o.required) s = s.min(1, o.required);
  return s.max(o.max).superRefine((text, ctx) => {
    const found = textProblem(text, o.kind, Boolean(o.required) && text.length > 0);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: found.at ? `${MESSAGES[found.problem]} (${found.at})` : MESSAGES[found.problem],
        params: { reason: found.problem },
      });
    }
  });
}

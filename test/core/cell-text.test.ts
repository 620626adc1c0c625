import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../core/sheet/normalise-cell.ts';

describe('cellText', () => {
  it('keeps prose as written, trimmed, punctuation untouched', () => {
    expect(cellText('  完成１２户，（一）排查。 ')).toBe('完成１２户，（一）排查。');
    expect(cellText('\u3000\u00a0已完成\u00a0')).toBe('已完成');
    expect(cellText(42)).toBe('42');
  });

  it('reads blank cells as undefined', () => {
    for (const v of [null, undefined, '', ' ', '\u3000', '\t\n']) expect(cellText(v)).toBeUndefined();
  });

  it('agrees with String.prototype.trim on any string', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(' ', '\u00a0', '\u3000', '\t', '\ufeff', '\u2003', 'a', '整', '1', '#') }),
        (s) => {
          const t = s.trim();
          expect(cellText(s)).toBe(t === '' ? undefined : t);
        },
      ),
    );
  });
});

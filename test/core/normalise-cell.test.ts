import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCEL_ERRORS, normaliseCell } from '../../core/sheet/normalise-cell.ts';
import { readText } from '../../core/sheet/cell-readers.ts';

/** Full-width form of printable ASCII (U+0021–007E → U+FF01–FF5E; space → U+3000). */
const toFullWidth = (s: string) =>
  s.replace(/[\x21-\x7e ]/g, (ch) => (ch === ' ' ? '\u3000' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
const printable = fc.string({
  unit: fc.constantFrom(...'0123456789,.%-+# abcXYZ整改进展已完成/!?'.split('')),
  maxLength: 12,
});
const anyCell = fc.oneof(
  printable,
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
);
const space = fc.constantFrom(' ', '\u00a0', '\u3000', '\t', '\n', '');

describe('normaliseCell', () => {
  it('folds blanks, NBSP-only and whitespace-only values to empty', () => {
    for (const v of [null, undefined, '', '   ', '\u00a0', '\u3000\t'])
      expect(normaliseCell(v)).toEqual({ kind: 'empty' });
  });

  it('reads numbers held as text', () => {
    expect(normaliseCell('１２３')).toEqual({ kind: 'number', value: 123 });
    expect(normaliseCell('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(normaliseCell('1，234.5')).toEqual({ kind: 'number', value: 1234.5 });
    expect(normaliseCell(' 45 ')).toEqual({ kind: 'number', value: 45 });
    expect(normaliseCell('-3.5')).toEqual({ kind: 'number', value: -3.5 });
    expect(normaliseCell(12.5)).toEqual({ kind: 'number', value: 12.5 });
  });

  it('reads percentages as text in percentage points', () => {
    expect(normaliseCell('85%')).toEqual({ kind: 'number', value: 85, percent: true });
    expect(normaliseCell('８５．５％')).toEqual({ kind: 'number', value: 85.5, percent: true });
    expect(normaliseCell('85 %')).toEqual({ kind: 'number', value: 85, percent: true });
  });

  it('leaves text that only looks numeric as text', () => {
    for (const t of ['1,23', '12abc', '1-1', '%', '-', '1.2.3', '约50']) expect(normaliseCell(t).kind).toBe('text');
  });

  it('flags every Excel error value, whatever its case or width', () => {
    for (const e of EXCEL_ERRORS) {
      expect(normaliseCell(e)).toEqual({ kind: 'error', text: e });
      expect(normaliseCell(` ${toFullWidth(e.toLowerCase())} `)).toEqual({ kind: 'error', text: e });
    }
    expect(normaliseCell(Number.NaN)).toEqual({ kind: 'error', text: '#NUM!' });
    expect(normaliseCell('#hashtag').kind).toBe('text');
  });

  it('folds full-width punctuation in text (NFKC)', () => {
    expect(normaliseCell('（一）整改：完成')).toEqual({ kind: 'text', text: '(一)整改:完成' });
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyCell, (v) => {
        const once = normaliseCell(v);
        expect(normaliseCell(once)).toEqual(once);
        if (once.kind === 'text') expect(normaliseCell(once.text)).toEqual(once);
      }),
    );
  });

  it('treats full-width digits and punctuation like their ASCII forms', () => {
    fc.assert(
      fc.property(printable, (s) => {
        expect(normaliseCell(toFullWidth(s))).toEqual(normaliseCell(s));
      }),
    );
  });

  it('ignores surrounding whitespace', () => {
    fc.assert(
      fc.property(printable, space, space, (s, a, b) => {
        expect(normaliseCell(`${a}${s}${b}`)).toEqual(normaliseCell(s));
      }),
    );
  });

  it('keeps every finite number as that number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(normaliseCell(n)).toEqual({ kind: 'number', value: n });
      }),
    );
  });

  it('reads a number written as text exactly as the number itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        expect(normaliseCell(String(n))).toEqual({ kind: 'number', value: n });
        expect(normaliseCell(n.toLocaleString('en-US'))).toEqual({ kind: 'number', value: n });
      }),
    );
  });
});

describe('readText', () => {
  // Full-width forms and the spaces a hand-typed cell may carry around an error code.
  const errorLike = fc
    .tuple(
      fc.constantFrom(...EXCEL_ERRORS),
      fc.boolean(),
      fc.constantFrom('', ' ', '\u3000', '\u00a0', '\t', ' '.repeat(30)),
      fc.constantFrom('', 'x', '\u3000'),
    )
    .map(([code, full, pad, tail]) => `${pad}${full ? toFullWidth(code) : code.toLowerCase()}${tail}${pad}`);
  const text = fc.oneof(errorLike, fc.string({ unit: 'grapheme', maxLength: 30 }));

  it('reports an Excel error in a text column exactly when the cell folds to an error code', () => {
    fc.assert(
      fc.property(text, (s) => {
        const isError = readText('problem', s).hits.some((h) => h.code === 'excel_error_value');
        expect(isError).toBe(normaliseCell(s).kind === 'error');
      }),
    );
  });
});

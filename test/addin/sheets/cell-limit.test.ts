// No cell over Excel's 32,767 characters: 22 units × 200 long 子项 rows under one measure, joined for 整改进展汇总表,
// are cut at a break with a pointer to 报送明细; shorter texts are left alone.
import { describe, expect, it } from 'vitest';
import { EXCEL_CELL_MAX, fitCell } from '../../../addin/sheets/cell-limit.ts';
import { progressSheet } from '../../../addin/sheets/progress-sheet.ts';
import { DEMO_PLAN } from '../../fixtures/demo-plan.ts';
import { heavyPeriod } from '../../fixtures/heavy-period.ts';

describe('fitCell', () => {
  it('leaves a text that fits one cell as it is', () => {
    const text = '丁来村：已完成。'.repeat(100);
    expect(fitCell(text, '报送明细')).toBe(text);
    const exact = 'a'.repeat(EXCEL_CELL_MAX);
    expect(fitCell(exact, '报送明细')).toBe(exact);
  });

  it('cuts a longer text at its last break and says where the full text is', () => {
    const text = '丁来村：入户走访12户；'.repeat(5_000);
    const cut = fitCell(text, '报送明细');
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(cut.endsWith('；…（超出单元格上限，全文见“报送明细”表）')).toBe(true);
    expect(text.startsWith(cut.slice(0, cut.indexOf('…')))).toBe(true);
  });

  it('never leaves half of a surrogate pair at the cut', () => {
    const text = '𠀀'.repeat(EXCEL_CELL_MAX);
    const cut = fitCell(text, '报送明细');
    const body = cut.slice(0, cut.indexOf('…'));
    expect(body.length % 2).toBe(0);
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_MAX);
  });
});

describe('整改进展汇总表 at scale', () => {
  it('writes no cell over 32,767 characters for 22 units × 200 long 子项 rows, pointing to 报送明细', () => {
    const { summary, details } = heavyPeriod();
    const joined = details.rows.reduce((n, r) => n + r.progress.length, 0);
    expect(joined).toBeGreaterThan(10 * EXCEL_CELL_MAX);
    const spec = progressSheet({ plan: DEMO_PLAN, summary, details });
    const longest = Math.max(...spec.rows.flat().map((c) => (typeof c === 'string' ? c.length : 0)));
    expect(longest).toBeLessThanOrEqual(EXCEL_CELL_MAX);
    expect(spec.rows.flat().some((c) => typeof c === 'string' && c.endsWith('全文见“报送明细”表）'))).toBe(true);
  });
});

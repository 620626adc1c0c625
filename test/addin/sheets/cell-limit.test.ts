// No cell over Excel's 32,767 characters: 22 units × 200 long 子项 rows under one measure, joined for 整改进展汇总表,
// are cut at a break with a pointer to 报送明细; shorter texts are left alone.
import { describe, expect, it } from 'vitest';
import type { DetailRow, Details, Summary } from '../../../core/index.ts';
import { EXCEL_CELL_MAX, fitCell } from '../../../addin/sheets/cell-limit.ts';
import { progressSheet } from '../../../addin/sheets/progress-sheet.ts';
import { DEMO_PLAN, DEMO_UNITS } from '../../fixtures/demo-plan.ts';

const PERIOD = '2023-11-H2';

/** Every unit files 200 子项 rows of ~150 characters each on measure 4-1: about 660,000 characters in one cell. */
function heavyPeriod(): { summary: Summary; details: Details } {
  const units = DEMO_UNITS.slice(0, 22);
  const summary: Summary = {
    planId: DEMO_PLAN.id,
    period: PERIOD,
    deadline: '2023-11-29T16:00:00.000Z',
    generatedAt: '2023-11-30T02:00:00.000Z',
    units: units.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      kind: u.kind,
      contactName: null,
      contactPhone: null,
      timeliness: 'on_time',
      receivedAt: null,
      firstReceivedAt: null,
      revision: 1,
      signer: '李四',
      rowCount: 200,
      statusCounts: { done: 0, phased: 0, ongoing: 200, not_started: 0 },
      warningCount: 0,
      returnedReason: null,
    })),
    measures: [],
    totals: {
      units: units.length,
      on_time: units.length,
      late: 0,
      missing: 0,
      not_due: 0,
      returned: 0,
      rows: units.length * 200,
    },
  };
  const rows: DetailRow[] = units.flatMap((u) =>
    Array.from({ length: 200 }, (_, i) => ({
      unitId: u.id,
      unitName: u.name,
      revision: 1,
      signer: '李四',
      receivedAt: '2023-11-28T02:00:00.000Z',
      measureId: '4-1',
      measureTitle: '',
      status: 'ongoing' as const,
      item: `子项${i + 1}`,
      progress: `第${i + 1}个项目已完成入户走访和资金拨付核对，${'整改台账逐户更新并经村委会审核签字，'.repeat(5)}完成投资${i + 1}万元`,
    })),
  );
  return { summary, details: { planId: DEMO_PLAN.id, period: PERIOD, rows } };
}

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

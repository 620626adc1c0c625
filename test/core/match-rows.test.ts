import { describe, expect, it } from 'vitest';
import { findHeader } from '../../core/sheet/find-header.ts';
import { matchRows, rowMatchKey } from '../../core/checklist/match-rows.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { DEMO_PLAN, demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { LEDGER_EXPECTED, unitLedger } from '../fixtures/unit-ledger.ts';

const NOW = '2023-09-10T10:00:00+08:00';

function ledgerMatches(grid = unitLedger()) {
  const header = findHeader(grid);
  return matchRows(grid, header.headerRow, header.columns, DEMO_PLAN, demoMeasuresFor('v-dinglai'));
}

describe('matchRows', () => {
  it('matches every row of a reworded ledger without 措施编号 to its measure', () => {
    const matches = ledgerMatches();
    expect(matches.map((m) => m.sheetRow)).toEqual(LEDGER_EXPECTED.map((_, i) => i + 3));
    expect(matches.map((m) => m.measureId)).toEqual(LEDGER_EXPECTED);
  });

  it('says how sure each match is, best candidates first', () => {
    for (const m of ledgerMatches()) {
      expect(['sure', 'likely']).toContain(m.level);
      expect(m.candidates[0]!.measureId).toBe(m.measureId);
      expect(m.candidates[0]!.score).toBeGreaterThanOrEqual(m.candidates[1]!.score);
    }
  });

  it('continues a merged 存在问题 and 整改措施 cell into the rows below it', () => {
    const second = ledgerMatches().find((m) => m.item === '丁来村饮水管网')!;
    expect(second.measure).toBe('加快项目建设进度');
    expect(second.problem).toContain('资金项目管理不规范');
  });

  it('leaves a row like no measure unmatched instead of forcing a guess', () => {
    const grid = unitLedger();
    grid.push(['15', '', '', '', '推进中', '食堂采购鸡蛋300斤', '', '', '', '']);
    grid[grid.length - 1]![1] = '食堂伙食费';
    grid[grid.length - 1]![2] = '按时采购蔬菜';
    const last = ledgerMatches(grid).at(-1)!;
    expect(last.level).toBe('none');
    expect(last.measureId).toBeUndefined();
    expect(last.candidates).toHaveLength(3);
  });

  it('keys a row by its wording, so the same row keeps the chosen measure', () => {
    const [a, b] = ledgerMatches();
    expect(rowMatchKey(a!)).toBe(rowMatchKey({ ...a! }));
    expect(rowMatchKey(a!)).not.toBe(rowMatchKey(b!));
  });
});

describe('validateChecklist on a ledger without 措施编号', () => {
  it('asks for 措施编号 when no row was matched', () => {
    const r = validateChecklist(unitLedger(), demoContext({ unitId: 'v-dinglai', now: NOW }));
    expect(r.issues.some((i) => i.code === 'required_column_missing' && i.field === 'measureId')).toBe(true);
  });

  it('passes the confirmed ledger with every row converted, its own wording not flagged against the plan', () => {
    const byRow = new Map(ledgerMatches().map((m) => [m.sheetRow, m.measureId!]));
    const r = validateChecklist(unitLedger(), demoContext({ unitId: 'v-dinglai', now: NOW, measureIdsByRow: byRow }));
    expect(r.issues).toEqual([]);
    expect(r.rows.map((row) => row.data?.measureId)).toEqual(LEDGER_EXPECTED);
    expect(r.rows[8]!.data).toMatchObject({ measureId: '3-1', item: '丁来村饮水管网', status: 'ongoing' });
  });

  it('flags a row the clerk left unmatched on its 整改措施 cell, and the measure it leaves missing', () => {
    const byRow = new Map(ledgerMatches().map((m) => [m.sheetRow, m.measureId!]));
    byRow.delete(4);
    const r = validateChecklist(unitLedger(), demoContext({ unitId: 'v-dinglai', now: NOW, measureIdsByRow: byRow }));
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.column}${i.row}:${i.code}`)).toEqual([
      'C2:measure_missing',
      'C4:required_cell_empty',
    ]);
    expect(errors[1]!.message).toContain('第4行未对应到任何整改措施');
    expect(r.rows.find((row) => row.sheetRow === 4)!.data).toBeNull();
  });
});

// The 整改清单 template as pure data (addin/sheets/template-layout.ts), which 插入模板 and 下载填报模板 both write.
import { describe, expect, it } from 'vitest';
import { COLUMNS, columnLetter, type ColumnKey } from '../../../core/checklist/columns.ts';
import { validateChecklist } from '../../../core/validate-checklist.ts';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  NOTE_ROW,
  SPARE_ROWS,
  TEMPLATE_NOTE,
  TITLE_ROW,
  measureCell,
  rateCells,
  rateFormula,
  rowHeight,
  templateRows,
} from '../../../addin/sheets/template-layout.ts';
import { evaluateFormula } from '../../e2e/excel-entry.ts';
import { DEMO_PLAN, demoContext, demoMeasuresFor } from '../../fixtures/demo-plan.ts';

const UNIT = 'v-minliang';
const at = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key);
const letter = (key: ColumnKey) => columnLetter(at(key));

describe('templateRows', () => {
  it('gives each measure its full plan text in 整改措施, its 应报数据 below it when the plan has one', () => {
    const measures = demoMeasuresFor(UNIT);
    const rows = templateRows(DEMO_PLAN, UNIT);
    expect(rows.map((r) => r[at('measureId')])).toEqual(measures.map((m) => m.id));
    measures.forEach((m, i) => {
      const cell = rows[i]![at('measure')]!;
      expect(cell.startsWith(m.title), m.id).toBe(true);
      if (m.text) expect(cell, m.id).toContain(m.text.slice(-30));
      if (m.dataHint) expect(cell.endsWith(`\n应报数据：${m.dataHint}`), m.id).toBe(true);
      else expect(cell, m.id).not.toContain('应报数据');
    });
    expect(measures.some((m) => m.dataHint)).toBe(true);
    expect(measures.some((m) => !m.dataHint)).toBe(true);
  });

  it('falls back to the title when a measure has no text of its own', () => {
    const m = demoMeasuresFor(UNIT)[0]!;
    const { text: _t, dataHint: _d, ...bare } = m;
    expect(measureCell(bare)).toBe(m.title);
    expect(measureCell({ ...bare, text: '另起一段，不含标题' })).toBe(`${m.title}\n另起一段，不含标题`);
  });

  it("leaves 计量单位 and the unit's own cells blank", () => {
    const rows = templateRows(DEMO_PLAN, UNIT);
    for (const key of ['unitOfMeasure', 'status', 'progress', 'target', 'actual', 'rate'] as const)
      expect(
        rows.every((r) => r[at(key)] === ''),
        key,
      ).toBe(true);
  });

  it('still reads back without a 整改措施 mismatch: the cell holds the title the rule looks for', () => {
    const rows = templateRows(DEMO_PLAN, UNIT);
    const header = COLUMNS.map((c) => c.header);
    const grid = [['标题'], [TEMPLATE_NOTE], header, ...rows];
    const issues = validateChecklist(grid, demoContext({ unitId: UNIT, now: new Date('2023-09-10T00:00:00Z') })).issues;
    expect(issues.filter((i) => i.code === 'measure_text_mismatch' || i.code === 'text_too_long')).toEqual([]);
  });
});

describe('the template layout', () => {
  it('puts the title, the 填报说明 and the header on rows 1 to 3 and the data from row 4', () => {
    expect([TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_DATA_ROW]).toEqual([1, 2, 3, 4]);
  });

  it("writes each row's 完成率 formula from that row's 目标值 and 完成值", () => {
    const [t, a] = [letter('target'), letter('actual')];
    expect(rateFormula(4)).toBe(`=IF(OR(${t}4="",${t}4=0,${a}4=""),"",ROUND(${a}4/${t}4*100,1))`);
    const cells = rateCells(templateRows(DEMO_PLAN, UNIT));
    expect(cells).toHaveLength(demoMeasuresFor(UNIT).length + SPARE_ROWS);
    cells.forEach((f, i) => expect(f).toBe(rateFormula(FIRST_DATA_ROW + i)));
  });

  it('computes blank while 目标值 is blank or 0 or 完成值 is blank, and the rounded ratio otherwise', () => {
    const [t, a] = [`${letter('target')}7`, `${letter('actual')}7`];
    const run = (cells: Record<string, number>) => evaluateFormula(rateFormula(7), (x) => cells[x]);
    expect(run({})).toBe('');
    expect(run({ [a]: 5 })).toBe('');
    expect(run({ [t]: 0, [a]: 5 })).toBe('');
    expect(run({ [t]: 12 })).toBe('');
    expect(run({ [t]: 12, [a]: 0 })).toBe(0);
    expect(run({ [t]: 12, [a]: 5 })).toBe(41.7);
  });

  it('keeps a 完成率 a previous report carries as its number', () => {
    const rows = templateRows(DEMO_PLAN, UNIT).map((r) => [...r] as (string | number)[]);
    rows[1]![at('rate')] = 60;
    const cells = rateCells(rows);
    expect(cells[1]).toBe(60);
    expect(cells[0]).toBe(rateFormula(FIRST_DATA_ROW));
  });

  it("makes a row with long text taller than a row with short text, within Excel's 409 points", () => {
    const blank = COLUMNS.map(() => '');
    const short = [...blank];
    short[at('measure')] = '短';
    const long = [...blank];
    long[at('measure')] = '长'.repeat(400);
    const lines = [...blank];
    lines[at('progress')] = '一\n二\n三\n四';
    expect(rowHeight(short)).toBe(rowHeight(blank));
    expect(rowHeight(lines)).toBeGreaterThan(rowHeight(short) * 3);
    expect(rowHeight(long)).toBeGreaterThan(rowHeight(lines));
    long[at('measure')] = '长'.repeat(5000);
    expect(rowHeight(long)).toBe(409);
  });
});

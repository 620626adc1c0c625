// Every rule both ways: a sheet where the rule fires on a named cell, and a near-identical one where it does not.
import { describe, expect, it } from 'vitest';
import { columnLetter, type ColumnKey } from '../../core/checklist/columns.ts';
import { RULE_CODES, type RuleCode } from '../../core/rules/rule-codes.ts';
import { validateChecklist, type ChecklistContext } from '../../core/validate-checklist.ts';
import { demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { ALL_KEYS, goodGridRow, headerCells, toGrid, type GridRow } from '../fixtures/checklist-grid.ts';

const UNIT = 'v-minliang';
const NOW = '2023-09-10T04:00:00Z';
const baseRows = (): GridRow[] => demoMeasuresFor(UNIT).map((m, i) => goodGridRow(m.id, i));
/** The clean sheet with data row `i` (0-based, sheet row i + 2) patched. */
const patched = (i: number, patch: GridRow): unknown[][] =>
  toGrid(baseRows().map((r, j) => (j === i ? { ...r, ...patch } : r)));
const letter = (key: ColumnKey) => columnLetter(ALL_KEYS.indexOf(key));

interface Case {
  code: RuleCode;
  fail: () => unknown[][];
  pass: () => unknown[][];
  /** Where the failing sheet's issue must be. */
  at: { row: number; key: ColumnKey };
  severity?: 'error' | 'warning';
  ctx?: Omit<ChecklistContext, 'plan' | 'units'>;
}

const withoutColumn = (key: ColumnKey) => {
  const keys = ALL_KEYS.filter((k) => k !== key);
  return toGrid(baseRows(), keys);
};

const CASES: Case[] = [
  {
    code: 'required_column_missing',
    fail: () => withoutColumn('progress'),
    pass: () => {
      const g = toGrid(baseRows());
      g[0] = headerCells(ALL_KEYS, { progress: '工作进展' });
      return g;
    },
    at: { row: 1, key: 'note' }, // the first free column after the shortened header (P)
  },
  {
    code: 'duplicate_column',
    fail: () => toGrid(baseRows()).map((r, i) => [...r, i === 0 ? ' 完成情况 ' : '推进中']),
    pass: () => toGrid(baseRows()).map((r, i) => [...r, i === 0 ? '填报人' : '王芳']),
    at: { row: 1, key: 'note' }, // reported at the second occurrence; checked by letter below
  },
  {
    code: 'required_cell_empty',
    fail: () => patched(2, { progress: '   ' }),
    pass: () => patched(2, { progress: '完成3户' }),
    at: { row: 4, key: 'progress' },
  },
  {
    code: 'unknown_measure',
    fail: () => patched(0, { measureId: '5-1' }),
    pass: () => patched(0, { measureId: '１－１' }),
    at: { row: 2, key: 'measureId' },
  },
  {
    code: 'measure_text_mismatch',
    fail: () => patched(0, { measure: '开展专项排查' }),
    pass: () => patched(0, { measure: '一是加强驻村工作队员管理。按照《通知》文件，着力解决“三保障”问题。' }),
    at: { row: 2, key: 'measure' },
    severity: 'warning',
  },
  {
    code: 'duplicate_measure',
    fail: () => patched(5, { measureId: '1-1' }),
    pass: () => patched(5, {}),
    at: { row: 7, key: 'measureId' },
  },
  {
    code: 'measure_missing',
    fail: () => toGrid(baseRows().filter((r) => r.measureId !== '3-3')),
    pass: () => toGrid(baseRows()),
    at: { row: 1, key: 'measureId' },
  },
  {
    code: 'measure_not_assigned',
    fail: () => toGrid(['2-1', '2-2', '2-3', '2-4', '1-1'].map((id, i) => goodGridRow(id, i))),
    pass: () => toGrid(['2-1', '2-2', '2-3', '2-4'].map((id, i) => goodGridRow(id, i))),
    at: { row: 6, key: 'measureId' },
    ctx: { unitId: 'o-civil-affairs', now: NOW },
  },
  {
    code: 'unknown_unit',
    fail: () => patched(1, { responsibleUnits: '乡村振兴办、火星办' }),
    pass: () => patched(1, { responsibleUnits: '村镇规划服务中心，各行政村' }),
    at: { row: 3, key: 'responsibleUnits' },
  },
  {
    code: 'deadline_unparseable',
    fail: () => patched(1, { deadline: '2023-02-30' }),
    pass: () => patched(1, { deadline: 45230 }),
    at: { row: 3, key: 'deadline' },
  },
  {
    code: 'deadline_differs',
    fail: () => patched(1, { deadline: '长期坚持' }),
    pass: () => patched(1, { deadline: '2023年8月31日前' }), // 1-2: the plan's date, without its wording
    at: { row: 3, key: 'deadline' },
    severity: 'warning',
  },
  {
    code: 'status_invalid',
    fail: () => patched(3, { status: '差不多' }),
    pass: () => patched(3, { status: ' 推进中 ' }),
    at: { row: 5, key: 'status' },
  },
  {
    code: 'overdue_not_started',
    fail: () => patched(0, { status: '未启动' }),
    pass: () => patched(0, { status: '未启动' }),
    at: { row: 2, key: 'status' },
    ctx: { unitId: UNIT, now: '2023-08-31T16:00:00Z' }, // 1-1 is due 2023-08-31; the pass run uses 15:59:59Z
  },
  {
    code: 'progress_without_data',
    fail: () => patched(4, { progress: '各项工作有序推进' }),
    pass: () => patched(4, { progress: '各项工作有序推进，完成１２户' }),
    at: { row: 6, key: 'progress' },
  },
  {
    code: 'number_invalid',
    fail: () => patched(6, { target: '约50' }),
    pass: () => patched(6, { target: '100' }),
    at: { row: 8, key: 'target' },
  },
  {
    code: 'number_negative',
    fail: () => patched(6, { fundsPlanned: -3, fundsPaid: '' }),
    pass: () => patched(6, { fundsPlanned: 0, fundsPaid: 0 }),
    at: { row: 8, key: 'fundsPlanned' },
  },
  {
    code: 'percent_out_of_range',
    fail: () => patched(6, { target: '', rate: 120 }),
    pass: () => patched(6, { target: '', rate: '100%' }),
    at: { row: 8, key: 'rate' },
  },
  // Typing 85% into a percent-formatted cell stores 0.85; the text "85%" is 85.
  {
    code: 'percent_as_fraction',
    fail: () => patched(6, { target: 50, actual: 30, rate: 0.6 }),
    pass: () => patched(6, { target: 50, actual: 30, rate: '60%' }),
    at: { row: 8, key: 'rate' },
  },
  {
    code: 'rate_inconsistent',
    fail: () => patched(6, { target: 50, actual: 30, rate: 70 }),
    pass: () => patched(6, { target: 50, actual: 30, rate: 60.4 }),
    at: { row: 8, key: 'rate' },
  },
  {
    code: 'funds_paid_exceeds_planned',
    fail: () => patched(7, { fundsPlanned: 20, fundsPaid: 20.01 }),
    pass: () => patched(7, { fundsPlanned: 20, fundsPaid: 20 }),
    at: { row: 9, key: 'fundsPaid' },
  },
  {
    code: 'evidence_missing_for_done',
    fail: () => patched(7, { status: '已完成', evidence: '' }),
    pass: () => patched(7, { status: '已完成', evidence: '验收报告' }),
    at: { row: 9, key: 'evidence' },
  },
  {
    code: 'excel_error_value',
    fail: () => patched(8, { rate: '#DIV/0!' }),
    pass: () => patched(8, { rate: 60 }),
    at: { row: 10, key: 'rate' },
  },
  {
    code: 'text_too_long',
    fail: () => patched(8, { progress: `完成${'户'.repeat(1999)}` }),
    pass: () => patched(8, { progress: `完成${'户'.repeat(1998)}` }),
    at: { row: 10, key: 'progress' },
  },
  // A near miss suggests the glossary's unit; a full-width ％ is the glossary's %.
  {
    code: 'unit_of_measure_unknown',
    fail: () => patched(6, { unitOfMeasure: '户数' }),
    pass: () => patched(6, { unitOfMeasure: '％' }),
    at: { row: 8, key: 'unitOfMeasure' },
    severity: 'warning',
  },
];

describe('validateChecklist rules', () => {
  it('has a both-ways case for every rule code', () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set(RULE_CODES));
  });

  it('passes the clean base sheet without any issue', () => {
    expect(validateChecklist(toGrid(baseRows()), demoContext({ unitId: UNIT, now: NOW })).issues).toEqual([]);
  });

  for (const c of CASES) {
    it(`reports ${c.code} on the offending cell and not on the corrected sheet`, () => {
      const ctx = c.ctx ?? { unitId: UNIT, now: NOW };
      const failing = validateChecklist(c.fail(), demoContext(ctx)).issues.filter((i) => i.code === c.code);
      expect(failing).toHaveLength(1);
      const issue = failing[0]!;
      expect(issue.severity).toBe(c.severity ?? 'error');
      expect(issue.row).toBe(c.at.row);
      if (c.code === 'duplicate_column') expect(issue.column).toBe(columnLetter(ALL_KEYS.length));
      else expect(issue.column).toBe(letter(c.at.key));
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
      expect(issue.messageEn).toBeTruthy();

      const passCtx = c.code === 'overdue_not_started' ? { ...ctx, now: '2023-08-31T15:59:59Z' } : ctx;
      const passing = validateChecklist(c.pass(), demoContext(passCtx)).issues;
      expect(passing.map((i) => i.code)).not.toContain(c.code);
    });
  }

  it('names the column header in cell messages', () => {
    const issue = validateChecklist(patched(6, { target: '约50' }), demoContext({ unitId: UNIT, now: NOW })).issues[0]!;
    expect(issue.message).toContain('“目标值”');
    expect(issue).toMatchObject({ row: 8, column: letter('target') });
    expect(issue.messageEn).toContain('"Target"');
    expect(issue.field).toBe('target');
  });

  it('makes progress without figures an error for 已完成/阶段性成效 but only a warning for 推进中', () => {
    const sev = (status: string) =>
      validateChecklist(
        patched(4, { status, progress: '有序推进', evidence: '台账' }),
        demoContext({ unitId: UNIT, now: NOW }),
      ).issues.find((i) => i.code === 'progress_without_data')?.severity;
    expect(sev('已完成')).toBe('error');
    expect(sev('阶段性成效')).toBe('error');
    expect(sev('推进中')).toBe('warning');
    expect(sev('未启动')).toBe('warning');
  });

  it('accepts 100% when the target was exceeded, since a rate cannot go above 100', () => {
    const issues = validateChecklist(
      patched(6, { target: 10, actual: 12, rate: 100 }),
      demoContext({ unitId: UNIT, now: NOW }),
    ).issues;
    expect(issues).toEqual([]);
  });

  it('warns rather than errs for an optional column written twice', () => {
    const grid = toGrid(baseRows()).map((r, i) => [...r, i === 0 ? '备注' : '']);
    const issues = validateChecklist(grid, demoContext({ unitId: UNIT, now: NOW })).issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate_column', severity: 'warning', field: 'note' })]);
  });

  it('reports an Excel-mangled measure ID as the measure it was typed as', () => {
    // Typing 2-3 into a General cell makes Excel store 3 February of the current year.
    const serialFeb3 = 45325; // 2024-02-03
    const result = validateChecklist(patched(5, { measureId: serialFeb3 }), demoContext({ unitId: UNIT, now: NOW }));
    expect(result.issues).toEqual([]);
    expect(result.rows[5]!.data!.measureId).toBe('2-3');
  });
});

describe('validateChecklist rate typed into a percent-formatted cell', () => {
  const rateIssues = (patch: GridRow) =>
    validateChecklist(patched(6, patch), demoContext({ unitId: UNIT, now: NOW })).issues;

  it('reports 0.85 with a message that explains the percent format, instead of an inconsistency', () => {
    const issues = rateIssues({ target: 100, actual: 85, rate: 0.85 });
    expect(issues.map((i) => i.code)).toEqual(['percent_as_fraction']);
    expect(issues[0]!.message).toBe(
      '“完成率(%)”填写为小数0.85（单元格可能设为百分比格式，显示为85%）：本列请直接填写0–100的数字，如85',
    );
    expect(issues[0]!.messageEn).toContain('0.85');
  });

  it('reports a fraction without target and actual too, and submits no row data for it', () => {
    const result = validateChecklist(
      patched(6, { target: '', actual: '', rate: 0.3 }),
      demoContext({ unitId: UNIT, now: NOW }),
    );
    expect(result.issues.map((i) => `${i.code} ${i.row}`)).toEqual(['percent_as_fraction 8']);
    expect(result.rows[6]!.data).toBeNull();
  });

  it('keeps the text "85%" as 85, and accepts the bounds 0 and 1 as numbers', () => {
    const typed = validateChecklist(
      patched(6, { target: 100, actual: 85, rate: '85%' }),
      demoContext({ unitId: UNIT, now: NOW }),
    );
    expect(typed.issues).toEqual([]);
    expect(typed.rows[6]!.data!.rate).toBe(85);
    expect(rateIssues({ target: 100, actual: 0, rate: 0 })).toEqual([]);
    expect(rateIssues({ target: 100, actual: 1, rate: 1 })).toEqual([]);
  });
});

describe('validateChecklist deadline of a catalog measure', () => {
  // 1-1 is due 2023-08-31 in the plan; the Worker judges against that date, so the pane must too.
  const overdue = { unitId: UNIT, now: '2023-09-10T04:00:00Z' };
  const row0 = (deadline: unknown) =>
    validateChecklist(patched(0, demoContext({ status: '未启动', deadline })), demoContext(overdue)).issues.map(
      (i) => `${i.severity} ${i.code} ${i.column}${i.row}`,
    );

  it('judges 未启动 against the plan even when the cell says 长期坚持 or a later date, and warns that they differ', () => {
    for (const cell of ['长期坚持', '2025年12月31日前']) {
      expect(row0(cell)).toEqual([
        `warning deadline_differs ${letter('deadline')}2`,
        `error overdue_not_started ${letter('status')}2`,
      ]);
    }
  });

  it('names the plan’s date in the deadline_differs message', () => {
    const issue = validateChecklist(patched(0, demoContext({ deadline: '长期坚持' })), demoContext(overdue)).issues[0]!;
    expect(issue.message).toContain('整改时限”与整改方案不一致：方案为2023年8月31日前');
  });

  it('does not warn when the cell gives the plan’s date in another form', () => {
    for (const cell of ['2023年8月31日前取得阶段性成效，长期坚持', '2023-08-31', 45169])
      expect(row0(cell)).toEqual([`error overdue_not_started ${letter('status')}2`]);
  });

  it('still reports an unreadable deadline cell, and judges overdue against the plan', () => {
    expect(row0('尽快')).toEqual([
      `error deadline_unparseable ${letter('deadline')}2`,
      `error overdue_not_started ${letter('status')}2`,
    ]);
  });

  it('does not report 未启动 before the plan’s deadline whatever earlier date the cell gives', () => {
    const early = validateChecklist(
      patched(0, { status: '未启动', deadline: '2023年7月1日前' }),
      demoContext({ unitId: UNIT, now: '2023-08-31T15:59:59Z' }),
    );
    expect(early.issues.map((i) => i.code)).toEqual(['deadline_differs']);
  });
});

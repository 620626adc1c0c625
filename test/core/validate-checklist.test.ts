import { describe, expect, it } from 'vitest';
import { COLUMNS, columnLetter, type ColumnKey } from '../../core/checklist/columns.ts';
import { SubmissionRow } from '../../core/schemas/submission.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { goodGridRow, toGrid } from '../fixtures/checklist-grid.ts';
import { officeChecklist, OFFICE_NOW, OFFICE_UNIT } from '../fixtures/office-checklist.ts';
import { titledChecklist, TITLED_HEADER_ROW, TITLED_NOW, TITLED_UNIT } from '../fixtures/titled-checklist.ts';
import { villageChecklist, VILLAGE_NOW, VILLAGE_UNIT } from '../fixtures/village-checklist.ts';

/** The template's letter of a column (they move when a column is added), `shift` columns to the right. */
const col = (key: ColumnKey, shift = 0) => columnLetter(COLUMNS.findIndex((c) => c.key === key) + shift);
const summary = (issues: { code: string; severity: string; row: number; column: string }[]) =>
  issues.map((i) => `${i.severity} ${i.code} ${i.column}${i.row}`);

describe('validateChecklist', () => {
  it('reads a messy but valid village sheet into one row per assigned measure', () => {
    const result = validateChecklist(villageChecklist(), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW }));
    expect(result.issues).toEqual([]);
    const ids = result.rows.map((r) => r.data?.measureId);
    expect(ids).toEqual(demoMeasuresFor(VILLAGE_UNIT).map((m) => m.id));
    for (const row of result.rows) expect(SubmissionRow.parse(row.data)).toEqual(row.data);
  });

  it('converts numbers typed as text, full-width and with thousands separators', () => {
    const [first, second, third] = validateChecklist(
      villageChecklist(),
      demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW }),
    ).rows;
    expect(first!.data).toMatchObject({ target: 120, actual: 72, rate: 60 });
    expect(second!.data).toMatchObject({ measureId: '1-2', status: 'phased' });
    expect(third!.data).toMatchObject({ fundsPlanned: 1234, fundsPaid: 1000.5 });
  });

  it('skips the blank row and the signature line, keeping sheet row numbers', () => {
    const rows = validateChecklist(villageChecklist(), demoContext({ unitId: VILLAGE_UNIT, now: VILLAGE_NOW })).rows;
    const sheetRows = rows.map((r) => r.sheetRow);
    expect(sheetRows).not.toContain(7); // the blank row spliced in at grid index 6
    expect(sheetRows.at(-1)).toBe(villageChecklist().length - 2); // the two rows below the table are skipped
  });

  it('finds every fault planted in the office sheet, in row then column order', () => {
    const result = validateChecklist(officeChecklist(), demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW }));
    expect(summary(result.issues)).toEqual([
      'error measure_missing C1',
      `error excel_error_value ${col('actual')}2`,
      `error funds_paid_exceeds_planned ${col('fundsPaid')}3`,
      `error evidence_missing_for_done ${col('evidence')}4`,
      'error measure_not_assigned C5',
      `error status_invalid ${col('status')}5`,
    ]);
    expect(result.issues[0]!.message).toContain('2-3');
    expect(result.issues[4]!.message).toBe('措施4-1的责任单位不包含民政办，不能填报，请删除该行');
  });

  it('nulls the data of rows whose cells cannot be converted and keeps the rest', () => {
    const rows = validateChecklist(officeChecklist(), demoContext({ unitId: OFFICE_UNIT, now: OFFICE_NOW })).rows;
    expect(rows.map((r) => r.data === null)).toEqual([true, false, false, true]);
  });

  it('finds the header below title rows and reads aliased, reordered columns', () => {
    const result = validateChecklist(titledChecklist(), demoContext({ unitId: TITLED_UNIT, now: TITLED_NOW }));
    expect(result.rows.map((r) => r.sheetRow)).toEqual([5, 6, 7, 8].map((n) => n + TITLED_HEADER_ROW - 4));
    expect(result.rows.every((r) => r.data !== null)).toBe(true);
    expect(summary(result.issues)).toEqual([
      'warning progress_without_data H6',
      'error overdue_not_started G7',
      'error rate_inconsistent L8',
    ]);
  });

  it('does not report 未启动 before the deadline has passed', () => {
    const result = validateChecklist(
      titledChecklist(),
      demoContext({ unitId: TITLED_UNIT, now: '2023-10-31T15:59:59Z' }),
    );
    expect(result.issues.map((i) => i.code)).not.toContain('overdue_not_started');
  });

  it('skips the set rules that need a unit when no unitId is given', () => {
    const grid = toGrid([goodGridRow('4-1')]);
    expect(validateChecklist(grid, demoContext({ now: OFFICE_NOW })).issues).toEqual([]);
    expect(
      validateChecklist(grid, demoContext({ unitId: 'o-finance', now: OFFICE_NOW })).issues.filter(
        (i) => i.code === 'measure_missing',
      ),
    ).toHaveLength(3);
  });

  it('reports every required column when no header row can be found', () => {
    const result = validateChecklist([['整改清单'], ['随便写点什么', 1, 2]], demoContext({ now: OFFICE_NOW }));
    expect(result.rows).toEqual([]);
    expect(result.issues.map((i) => i.field)).toEqual([
      'measureId',
      'measure',
      'responsibleUnits',
      'deadline',
      'status',
      'progress',
    ]);
    expect(result.issues.every((i) => i.code === 'required_column_missing' && i.row === 1)).toBe(true);
    expect(result.issues[0]!.message).toContain('未找到表头行');
  });

  it('does not repeat a missing column as an empty cell on every row', () => {
    const grid = toGrid(
      [goodGridRow('4-1'), goodGridRow('4-2', 1)],
      ['measureId', 'measure', 'responsibleUnits', 'deadline', 'status'],
    );
    const result = validateChecklist(grid, demoContext({ now: OFFICE_NOW }));
    expect(summary(result.issues)).toEqual(['error required_column_missing F1']);
    expect(result.rows.map((r) => r.data)).toEqual([null, null]);
  });

  it('locates issues relative to the origin when the grid does not start at A1', () => {
    const grid = toGrid([{ ...goodGridRow('4-1'), target: 'abc' }]);
    const [issue] = validateChecklist(grid, demoContext({ now: OFFICE_NOW, origin: { row: 3, column: 1 } })).issues;
    expect(issue).toMatchObject({ code: 'number_invalid', row: 4, column: col('target', 1) });
  });

  it('reads deadlines from Excel serials and ISO dates', () => {
    const grid = toGrid([
      { ...goodGridRow('4-1'), deadline: 45230, status: '未启动' },
      { ...goodGridRow('4-2', 1), deadline: '2023/10/31', status: '未启动' },
    ]);
    const codes = validateChecklist(grid, demoContext({ now: '2023-11-01T00:00:00Z' })).issues.map(
      (i) => `${i.code}@${i.row}`,
    );
    expect(codes).toEqual(['overdue_not_started@2', 'overdue_not_started@3']);
  });

  it('treats a non-array grid as a sheet without a header', () => {
    const result = validateChecklist(null as unknown as unknown[][], demoContext({}));
    expect(result.issues.every((i) => i.code === 'required_column_missing')).toBe(true);
  });
});

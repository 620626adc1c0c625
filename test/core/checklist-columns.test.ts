import { describe, expect, it } from 'vitest';
import { CHECKLIST_FIELDS, columnsToAsk } from '../../core/checklist/checklist-fields.ts';
import { findHeader } from '../../core/sheet/find-header.ts';
import { matchColumns } from '../../core/sheet/column-match.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { type ColumnKey } from '../../core/checklist/columns.ts';
import { demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { OWN_WORDS, OWN_WORDS_UNIT, ownWordsChecklist } from '../fixtures/own-words-checklist.ts';
import { unitLedger } from '../fixtures/unit-ledger.ts';
import { villageChecklist } from '../fixtures/village-checklist.ts';

const NOW = '2023-09-10T10:00:00+08:00';

const named = (columns: Partial<Record<ColumnKey, number>>, header: unknown[], keys: ColumnKey[]) =>
  Object.fromEntries(keys.map((k) => [k, columns[k] === undefined ? undefined : header[columns[k]]]));

describe('the checklist fields in the column-matching step', () => {
  it('asks for 完成情况 and 整改进展 on a checklist headed 办理状态 and 目前工作推进情况', () => {
    expect(columnsToAsk(findHeader(ownWordsChecklist()))).toEqual(['status', 'progress']);
  });

  it('suggests 办理状态 for 完成情况 and 目前工作推进情况 for 整改进展, the other columns known by name', () => {
    const grid = ownWordsChecklist();
    const m = matchColumns(grid, CHECKLIST_FIELDS)!;
    expect(m.headerRow).toBe(0);
    expect(m.unknownRequired).toEqual(['status', 'progress']);
    expect(m.known).toEqual(expect.arrayContaining(['measureId', 'measure', 'responsibleUnits', 'deadline']));
    expect(named(m.columns, grid[0]!, ['status', 'progress'])).toEqual({
      status: OWN_WORDS.status,
      progress: OWN_WORDS.progress,
    });
  });

  it('reads the checklist with no error once the suggested columns are confirmed', () => {
    const grid = ownWordsChecklist();
    const m = matchColumns(grid, CHECKLIST_FIELDS)!;
    const ctx = demoContext({ unitId: OWN_WORDS_UNIT, now: NOW });
    expect(validateChecklist(grid, ctx).issues.map((i) => i.code)).toContain('required_column_missing');
    const result = validateChecklist(grid, { ...ctx, columns: { headerRow: m.headerRow, columns: m.columns } });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.rows.map((r) => r.data?.measureId)).toEqual(demoMeasuresFor(OWN_WORDS_UNIT).map((m) => m.id));
    // 办理状态 is read as 完成情况 (阶段性成效 → phased), 目前工作推进情况 as 整改进展.
    expect(result.rows[0]!.data).toMatchObject({ status: 'phased', progress: grid[1]![m.columns.progress!] });
  });

  it('still reports a required column the clerk left unchosen as missing', () => {
    const grid = ownWordsChecklist();
    const m = matchColumns(grid, CHECKLIST_FIELDS)!;
    const { progress: _left, ...columns } = m.columns;
    const result = validateChecklist(grid, {
      ...demoContext({ unitId: OWN_WORDS_UNIT, now: NOW }),
      columns: { headerRow: 0, columns },
    });
    expect(result.issues.find((i) => i.code === 'required_column_missing')?.field).toBe('progress');
  });

  it('asks nothing of the template layout, and only for its own columns of a ledger without 措施编号', () => {
    expect(columnsToAsk(findHeader(villageChecklist()))).toEqual([]);
    expect(columnsToAsk(findHeader(unitLedger()))).toEqual([]);
    const renamed = unitLedger().map((row, r) =>
      r === 1 ? row.map((h) => (h === '整改进展' ? '目前工作推进情况' : h)) : row,
    );
    expect(columnsToAsk(findHeader(renamed))).toEqual(['progress']);
  });
});

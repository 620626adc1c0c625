// A measure the unit has 已销号 is not demanded in its checklist: the template marks its row 已销号 (完成情况), and a
// row so marked — or left without 完成情况 and 整改进展 — is neither checked nor sent. Filled in, it is read like any
// row (a long-term measure stays reportable); 已销号 on a measure that is not closed is an error on that cell.
import { describe, expect, it } from 'vitest';
import { CLOSED_ROW_STATUS } from '../../core/closure/index.ts';
import { COLUMNS, columnLetter } from '../../core/checklist/columns.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { goodGridRow, toGrid, type GridRow } from '../fixtures/checklist-grid.ts';
import { demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';

const UNIT = 'v-minliang';
const NOW = '2023-11-10T02:00:00Z';
const CLOSED = '1-2';
const statusColumn = columnLetter(COLUMNS.findIndex((c) => c.key === 'status'));

/** Every measure of the unit correctly filled, the closed one's row replaced by `closedRow`. */
function grid(closedRow: GridRow): unknown[][] {
  return toGrid(demoMeasuresFor(UNIT).map((m, i) => (m.id === CLOSED ? closedRow : goodGridRow(m.id, i))));
}

/** The closed measure's row as the template writes it: the plan's columns, 已销号, nothing else. */
const marked = (): GridRow => {
  const {
    status: _s,
    progress: _p,
    target: _t,
    actual: _a,
    rate: _r,
    fundsPlanned: _f,
    fundsPaid: _g,
    evidence: _e,
    ...plan
  } = goodGridRow(CLOSED);
  return { ...plan, status: CLOSED_ROW_STATUS, note: '已销号，无需填报' };
};

const check = (rows: unknown[][], closed: string[]) =>
  validateChecklist(rows, demoContext({ unitId: UNIT, now: NOW, closedMeasureIds: new Set(closed) }));

describe('a closed measure in the checklist', () => {
  it('neither checks nor sends the row the template marks 已销号', () => {
    const result = check(grid(marked()), [CLOSED]);
    expect(result.issues).toEqual([]);
    expect(result.rows.map((r) => r.data?.measureId)).toEqual(
      demoMeasuresFor(UNIT)
        .map((m) => m.id)
        .filter((id) => id !== CLOSED),
    );
  });

  it('neither checks nor sends its row left without 完成情况 and 整改进展', () => {
    const result = check(grid({ ...marked(), status: '', note: '' }), [CLOSED]);
    expect(result.issues).toEqual([]);
    expect(result.rows.some((r) => r.data?.measureId === CLOSED)).toBe(false);
  });

  it('reads its row like any other once the unit fills it in', () => {
    const result = check(grid(goodGridRow(CLOSED, 1)), [CLOSED]);
    expect(result.issues).toEqual([]);
    expect(result.rows.find((r) => r.data?.measureId === CLOSED)?.data).toMatchObject({ status: 'phased' });
  });

  it('flags 已销号 on a measure that is not closed, in the 完成情况 cell, and still demands its report', () => {
    const result = check(grid(marked()), []);
    const row = result.rows.find((r) => r.data === null);
    expect(row).toBeDefined();
    expect(
      result.issues.filter((i) => i.row === row!.sheetRow && i.severity === 'error').map((i) => i.column),
    ).toContain(statusColumn);
  });
});

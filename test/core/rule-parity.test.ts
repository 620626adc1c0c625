// The pane (validateChecklist on the sheet) and the Worker (checkSubmission on the body) must agree on every error a
// row or set rule gives: a sheet the pane passes must not get a 422, and the other way round. Each case is written
// once and rendered both as a sheet row (with its 整改时限 cell) and as a body row.
import { describe, expect, it } from 'vitest';
import { checkSubmission } from '../../core/rules/check-submission.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { type RuleCode } from '../../core/rules/rule-codes.ts';
import { demoContext, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import type { Submission, SubmissionRow } from '../../core/schemas/submission.ts';
import { goodGridRow, toGrid, type GridRow } from '../fixtures/checklist-grid.ts';
import { goodRow } from '../fixtures/submission-builder.ts';

const UNIT = 'v-minliang';

/** Findings only a sheet can have: they are about cells (or columns) the body does not carry. */
const SHEET_ONLY: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'required_column_missing',
  'duplicate_column',
  'required_cell_empty',
  'unknown_unit',
  'deadline_unparseable',
  'status_invalid',
  'number_invalid',
  'excel_error_value',
]);

interface Variant {
  row?: Partial<SubmissionRow>;
  /** The sheet's 整改时限 cell; the plan's wording when absent. */
  deadline?: unknown;
}

const VARIANTS: Variant[] = [
  {},
  { row: { status: 'not_started' }, deadline: '长期坚持' },
  { row: { status: 'not_started' }, deadline: '2025年12月31日前' },
  { row: { status: 'not_started' }, deadline: '2023年7月1日前' },
  { row: { status: 'not_started' }, deadline: '尽快' },
  { row: { status: 'not_started' } },
  { row: { rate: 0.85, target: 100, actual: 85 } },
  { row: { rate: 0.5, target: undefined, actual: undefined } },
  { row: { rate: 1, target: 100, actual: 1 } },
  { row: { rate: 70, target: 50, actual: 30 } },
  { row: { progress: '9月14日已完成', status: 'done' } },
  { row: { progress: '入户走访一百二十户', status: 'done' } },
  { row: { progress: '有序推进', status: 'ongoing' } },
  { row: { fundsPlanned: 5, fundsPaid: 6 } },
  { row: { status: 'done', evidence: undefined } },
];

const INSTANTS = ['2023-08-01T00:00:00Z', '2023-09-10T04:00:00Z', '2023-11-01T00:00:00Z'];

/** Every variant applied to every one of the unit's measures, row i taking variant (i + shift) mod n. */
function rowsFor(shift: number): { sheet: GridRow[]; body: SubmissionRow[] } {
  const sheet: GridRow[] = [];
  const body: SubmissionRow[] = [];
  demoMeasuresFor(UNIT).forEach((m, i) => {
    const v = VARIANTS[(i + shift) % VARIANTS.length]!;
    const b: SubmissionRow = { ...goodRow(m.id, i), ...(v.row ?? {}) };
    for (const k of Object.keys(b) as (keyof SubmissionRow)[]) if (b[k] === undefined) delete b[k];
    body.push(b);
    const g: GridRow = { ...goodGridRow(m.id, i), status: STATUS_LABELS[b.status].zh, progress: b.progress };
    for (const k of ['target', 'actual', 'rate', 'fundsPlanned', 'fundsPaid', 'evidence', 'note'] as const)
      g[k] = b[k] ?? '';
    if (v.deadline !== undefined) g.deadline = v.deadline;
    sheet.push(g);
  });
  return { sheet, body };
}

describe('pane and Worker rule parity', () => {
  for (const now of INSTANTS) {
    it(`gives the same errors per row on the sheet and on the body at ${now}`, () => {
      let compared = 0;
      for (let shift = 0; shift < VARIANTS.length; shift++) {
        const { sheet, body } = rowsFor(shift);
        const submission: Submission = { period: '2023-09-H1', signer: '李明', rows: body };
        const pane = validateChecklist(toGrid(sheet), demoContext({ unitId: UNIT, now }))
          .issues.filter((i) => i.severity === 'error' && !SHEET_ONLY.has(i.code))
          .map((i) => `${i.row - 2} ${i.code}`);
        const worker = checkSubmission(submission, demoContext({ unitId: UNIT, now }))
          .filter((i) => i.severity === 'error')
          .map((i) => `${i.path.split('.')[1]} ${i.code}`);
        expect(pane.sort()).toEqual(worker.sort());
        compared += worker.length;
      }
      expect(compared).toBeGreaterThan(0); // the variants do trip rules
    });
  }

  it('covers overdue_not_started and percent_as_fraction among the compared errors', () => {
    const seen = new Set<string>();
    for (let shift = 0; shift < VARIANTS.length; shift++) {
      const submission: Submission = { period: '2023-09-H1', signer: '李明', rows: rowsFor(shift).body };
      for (const i of checkSubmission(submission, demoContext({ unitId: UNIT, now: INSTANTS[2] }))) seen.add(i.code);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'overdue_not_started',
        'percent_as_fraction',
        'progress_without_data',
        'rate_inconsistent',
      ]),
    );
  });
});

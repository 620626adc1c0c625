// 载入上期报送, pure part: the checklist rows of a submitted revision, in its row order, so this period starts as an
// update of the last one. The plan's cells (问题, 措施, 牵头负责人, 责任单位, 整改时限) come from the current plan, the
// unit's cells from the revision (numbers as numbers), and measures the revision lacks follow as template rows.
// Text lands in the template's text-formatted ('@') columns, so it goes in as it is (see templateRows).
import { measureCell } from './template-layout.ts';
import { COLUMNS } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { measureById, measuresFor, problemById } from '../../core/plan/plan-lookup.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type SubmissionRow } from '../../core/schemas/submission.ts';

export type CellValue = string | number;

function planCells(plan: Plan, measureId: string): Partial<Record<string, string>> {
  const m = measureById(plan, measureId);
  if (!m) return { measureId };
  return {
    measureId,
    problem: problemById(plan, m.problemId)?.title ?? '',
    measure: measureCell(m),
    lead: m.lead,
    responsibleUnits: m.responsibleUnitsText,
    deadline: m.deadlineText,
  };
}

function rowCells(plan: Plan, seq: number, row: Partial<SubmissionRow> & { measureId: string }): CellValue[] {
  const fromPlan = planCells(plan, row.measureId);
  return COLUMNS.map((c): CellValue => {
    if (c.key === 'seq') return String(seq);
    if (c.key in fromPlan) return fromPlan[c.key] ?? '';
    if (c.key === 'status') return row.status ? STATUS_LABELS[row.status].zh : '';
    const v = (row as Record<string, unknown>)[c.key];
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  });
}

export function previousRows(plan: Plan, unitId: string, rows: readonly SubmissionRow[]): CellValue[][] {
  const out = rows.map((r, i) => rowCells(plan, i + 1, r));
  const reported = new Set(rows.map((r) => r.measureId));
  for (const m of measuresFor(plan, unitId))
    if (!reported.has(m.id)) out.push(rowCells(plan, out.length + 1, { measureId: m.id }));
  return out;
}

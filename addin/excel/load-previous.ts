// 载入上期报送: a new 整改清单 sheet holding a submitted revision's rows (previous-rows.ts), formatted and validated
// exactly like the template.
import type { Plan } from '../../core/schemas/plan.ts';
import type { SubmissionRow } from '../../core/schemas/submission.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import { insertTemplate } from './insert-template.ts';
import { previousRows } from '../sheets/previous-rows.ts';

export function loadPreviousReport(
  plan: Plan,
  unit: Unit,
  rows: readonly SubmissionRow[],
): Promise<{ sheetName: string; rows: number }> {
  return insertTemplate(plan, unit, previousRows(plan, unit.id, rows));
}

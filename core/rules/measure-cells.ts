// The row rules on the cells that name the measure — 措施编号 (a measure of the plan), 整改措施 (its title, ordinals
// such as "一是" ignored) and 整改时限 (the plan's date) — run first by checkRow (row-rules.ts), which goes on with the
// measure they find.
import type { Deadline } from '../deadline/parse-deadline.ts';
import { measureById, measureIdSpan } from '../plan/plan-lookup.ts';
import type { Measure, Plan } from '../schemas/plan.ts';
import { foldSpaces } from '../text/fold.ts';
import { enHeader, hit, quoteValue, zhHeader, type RuleHit } from './rule-codes.ts';

/** The cells of a row that name its measure (RowInput's; the Worker's body has only the id). */
export interface MeasureCells {
  readonly measureId?: string;
  readonly measureText?: string;
  readonly deadline?: Deadline;
}

/** "一是", "（一）", "1." — ordinals the plan puts before a measure's title. */
const ORDINAL = /^(?:[一二三四五六七八九十]+是|\([一二三四五六七八九十\d]+\)|\d+[.、])/;

function deadlineDiffers(date: string | undefined): RuleHit {
  const zh = date
    ? `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日前`
    : '长期坚持';
  return hit(
    'deadline_differs',
    'deadline',
    `${zhHeader('deadline')}与整改方案不一致：方案为${zh}（是否逾期按方案的时限判断）`,
    `${enHeader('deadline')} differs from the plan, which sets ${date ?? 'long-term'} (overdue is judged by the plan's date)`,
  );
}

function measureTextMatches(title: string, text: string): boolean {
  const cell = foldSpaces(text).replace(ORDINAL, '');
  const want = foldSpaces(title);
  return cell.includes(want) || (cell.length >= 4 && want.includes(cell));
}

/** The rules on the cells that name the measure (措施编号, 整改措施, 整改时限 against the plan); returns the plan's measure. */
export function checkMeasureCells(row: MeasureCells, plan: Plan, hits: RuleHit[]): Measure | undefined {
  const id = row.measureId;
  const measure = id === undefined ? undefined : measureById(plan, id);
  if (id !== undefined && !measure) {
    hits.push(
      hit(
        'unknown_measure',
        'measureId',
        `${zhHeader('measureId')}“${quoteValue(id)}”不是整改方案中的措施（应为${measureIdSpan(plan)}）`,
        `${enHeader('measureId')} "${quoteValue(id)}" is not a measure of the plan (expected ${measureIdSpan(plan).replace('至', ' to ')})`,
      ),
    );
  }
  if (measure && row.measureText !== undefined && !measureTextMatches(measure.title, row.measureText)) {
    hits.push(
      hit(
        'measure_text_mismatch',
        'measure',
        `${zhHeader('measure')}与措施${measure.id}“${measure.title}”不一致，请核对措施编号`,
        `${enHeader('measure')} does not match measure ${measure.id} "${measure.title}"; check the measure ID`,
      ),
    );
  }
  if (measure && row.deadline !== undefined && row.deadline.date !== measure.deadline.date)
    hits.push(deadlineDiffers(measure.deadline.date));
  return measure;
}

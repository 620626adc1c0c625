// The row-level rules, written once over a typed row so that the sheet (validateChecklist) and the Worker
// (checkSubmission) apply exactly the same checks: first the cells that name the measure (measure-cells.ts), then
// the row's values here.
import { CST_OFFSET_MS } from '../calendar/half-month.ts';
import type { Measure, Plan } from '../schemas/plan.ts';
import { COLUMNS, type ColumnKey } from '../checklist/columns.ts';
import { checkUnitOfMeasure, UNITS_OF_MEASURE } from '../checklist/units-of-measure.ts';
import type { Deadline } from '../deadline/parse-deadline.ts';
import { STATUS_LABELS } from '../schemas/status.ts';
import type { SubmissionRow } from '../schemas/submission.ts';
import { checkMeasureCells } from './measure-cells.ts';
import { answersZero } from './nothing-new.ts';
import { statesFigure } from './progress-figures.ts';
import { enHeader, hit, quoteValue, zhHeader, type RuleHit } from './rule-codes.ts';

/** A row as both callers can supply it: every field optional because a sheet row may be incomplete. */
export type RowInput = Partial<SubmissionRow> & {
  /**
   * 整改时限 as the sheet's cell says (the Worker's body has none). For a measure of the plan it is only compared
   * with the plan (deadline_differs): overdue_not_started is judged against the plan's date on both sides, so the
   * pane and the Worker cannot disagree. It decides only for a measure the plan does not know.
   */
  readonly deadline?: Deadline;
  /** 整改措施 as written in the sheet (the Worker's body has none). */
  readonly measureText?: string;
};

export interface RowContext {
  readonly plan: Plan;
  readonly nowMs: number;
}

/** ±0.5 percentage points: the rounding users apply when typing a rate by hand. */
export const RATE_TOLERANCE = 0.5;
const AMOUNT_FIELDS = ['target', 'actual', 'fundsPlanned', 'fundsPaid'] as const;

const MAX_LENGTH = new Map(COLUMNS.map((c) => [c.key, c.maxLength]));

/**
 * A rate strictly between 0 and 1 is a percent-formatted cell: typing 85% there stores 0.85. A rate of 0.5 meaning
 * half a percent is no realistic progress figure, so the Worker rejects it too rather than storing 0.85 as 0.85 %.
 */
function percentAsFraction(rate: number): RuleHit {
  const pct = Number((rate * 100).toPrecision(12));
  return hit(
    'percent_as_fraction',
    'rate',
    `${zhHeader('rate')}填写为小数${rate}（单元格可能设为百分比格式，显示为${pct}%）：本列请直接填写0–100的数字，如${pct}`,
    `${enHeader('rate')} is the fraction ${rate} (the cell may be formatted as a percentage, showing ${pct}%): enter a number from 0 to 100, e.g. ${pct}`,
  );
}

/** The first instant after the deadline's calendar day, in CST. */
export function deadlinePassedAt(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d + 1) - CST_OFFSET_MS;
}

/** text_too_long for any column with a maxLength; shared so the sheet's extra text columns use the same check. */
export function checkTextLength(field: ColumnKey, text: string | undefined): RuleHit | undefined {
  const max = MAX_LENGTH.get(field);
  if (text === undefined || max === undefined || text.length <= max) return undefined;
  return hit(
    'text_too_long',
    field,
    `${zhHeader(field)}超过${max}字（当前${text.length}字），请精简`,
    `${enHeader(field)} exceeds ${max} characters (has ${text.length})`,
  );
}

/** unit_of_measure_unknown, a warning: figures are summed only within one unit, so a typo splits a sum in two. */
function unitOfMeasureHit(text: string): RuleHit | undefined {
  const found = checkUnitOfMeasure(text);
  if (found.known) return undefined;
  const shown = quoteValue(text);
  const common = UNITS_OF_MEASURE.slice(0, 8).join('、');
  return found.suggestion
    ? hit(
        'unit_of_measure_unknown',
        'unitOfMeasure',
        `${zhHeader('unitOfMeasure')}“${shown}”不是常用单位，是否应为“${found.suggestion}”？同一措施只有单位相同的数字才会合计`,
        `${enHeader('unitOfMeasure')} "${shown}" is not a common unit; did you mean "${found.suggestion}"? Figures add up only within one unit`,
      )
    : hit(
        'unit_of_measure_unknown',
        'unitOfMeasure',
        `${zhHeader('unitOfMeasure')}“${shown}”不在常用单位中（如${common}），请核对；同一措施只有单位相同的数字才会合计`,
        `${enHeader('unitOfMeasure')} "${shown}" is not a common unit (e.g. ${UNITS_OF_MEASURE.slice(0, 8).join(', ')}); check it. Figures add up only within one unit`,
      );
}

/** Runs the row rules: the cells that name the measure, then the row's values. */
export function checkRow(row: RowInput, ctx: RowContext): RuleHit[] {
  const hits: RuleHit[] = [];
  const measure = checkMeasureCells(row, ctx.plan, hits);
  checkValues(row, measure, ctx, hits);
  return hits;
}

/** The other row rules, given the row's measure as checkMeasureCells returned it. */
function checkValues(row: RowInput, measure: Measure | undefined, ctx: RowContext, hits: RuleHit[]): void {
  const id = row.measureId;
  for (const field of AMOUNT_FIELDS) {
    const v = row[field];
    if (v !== undefined && v < 0) {
      hits.push(
        hit(
          'number_negative',
          field,
          `${zhHeader(field)}不能为负数（填写了${v}）`,
          `${enHeader(field)} cannot be negative (got ${v})`,
        ),
      );
    }
  }
  const rate = row.rate;
  if (rate !== undefined && (rate < 0 || rate > 100)) {
    hits.push(
      hit(
        'percent_out_of_range',
        'rate',
        `${zhHeader('rate')}应在0到100之间（填写了${rate}）`,
        `${enHeader('rate')} must be between 0 and 100 (got ${rate})`,
      ),
    );
  }
  const fraction = rate !== undefined && rate > 0 && rate < 1;
  if (fraction) hits.push(percentAsFraction(rate));
  for (const field of ['progress', 'evidence', 'note', 'unitOfMeasure'] as const) {
    const long = checkTextLength(field, row[field]);
    if (long) hits.push(long);
  }
  if (row.unitOfMeasure) {
    const unit = unitOfMeasureHit(row.unitOfMeasure);
    if (unit) hits.push(unit);
  }

  const status = row.status;
  // The plan's date for a measure of the plan (the Worker knows no other); the sheet's only for an unknown one.
  const date = measure ? measure.deadline.date : row.deadline?.date;
  if (status === 'not_started' && date !== undefined && ctx.nowMs >= deadlinePassedAt(date)) {
    const which = id ?? '';
    hits.push(
      hit(
        'overdue_not_started',
        'status',
        `措施${which}的整改时限${date}已过，${zhHeader('status')}仍为“未启动”`,
        `Measure ${which}: the deadline ${date} has passed but ${enHeader('status')} is still "Not started"`,
      ),
    );
  }

  const progress = row.progress;
  if (
    progress !== undefined &&
    progress.length > 0 &&
    !statesFigure(progress) &&
    !(status !== 'done' && answersZero(row))
  ) {
    const strict = status === 'done' || status === 'phased';
    hits.push(
      strict
        ? hit(
            'progress_without_data',
            'progress',
            `${zhHeader('status')}为“${STATUS_LABELS[status].zh}”，但${zhHeader('progress')}没有具体数据，请写明户数、人数、金额等数字`,
            `${enHeader('status')} is "${STATUS_LABELS[status].en}" but ${enHeader('progress')} gives no figures (households, people, amounts)`,
            'error',
          )
        : hit(
            'progress_without_data',
            'progress',
            `${zhHeader('progress')}没有具体数据，建议写明户数、人数、金额等数字`,
            `${enHeader('progress')} gives no figures; consider adding households, people or amounts`,
            'warning',
          ),
    );
  }

  const { target, actual } = row;
  // A fraction already has its own, clearer finding; "0.85 does not match 85" would only confuse.
  if (rate !== undefined && !fraction && target !== undefined && actual !== undefined && target > 0 && actual >= 0) {
    // A rate is capped at 100 by the schema, so an over-achieved target is consistent with 100.
    const computed = Math.min((actual / target) * 100, 100);
    if (Math.abs(rate - computed) > RATE_TOLERANCE) {
      const shown = Math.round(computed * 100) / 100;
      hits.push(
        hit(
          'rate_inconsistent',
          'rate',
          `${zhHeader('rate')}${rate}与${zhHeader('actual')}÷${zhHeader('target')}×100＝${shown}不符（允许相差±${RATE_TOLERANCE}）`,
          `${enHeader('rate')} ${rate} does not match ${enHeader('actual')} ÷ ${enHeader('target')} × 100 = ${shown} (±${RATE_TOLERANCE} allowed)`,
        ),
      );
    }
  }

  const { fundsPlanned, fundsPaid } = row;
  if (fundsPlanned !== undefined && fundsPaid !== undefined && fundsPaid > fundsPlanned + 1e-9) {
    hits.push(
      hit(
        'funds_paid_exceeds_planned',
        'fundsPaid',
        `${zhHeader('fundsPaid')}${fundsPaid}超过${zhHeader('fundsPlanned')}${fundsPlanned}`,
        `${enHeader('fundsPaid')} ${fundsPaid} exceeds ${enHeader('fundsPlanned')} ${fundsPlanned}`,
      ),
    );
  }

  if (status === 'done' && (row.evidence === undefined || row.evidence.trim() === '')) {
    hits.push(
      hit(
        'evidence_missing_for_done',
        'evidence',
        `${zhHeader('status')}为“已完成”，但未填写${zhHeader('evidence')}（如文件、台账、照片名称）`,
        `${enHeader('status')} is "Done" but ${enHeader('evidence')} is empty (name the documents, ledgers or photos)`,
      ),
    );
  }
}

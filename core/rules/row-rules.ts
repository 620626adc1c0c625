// The row-level rules, written once over a typed row so that the sheet (validateChecklist) and the Worker
// (checkSubmission) apply exactly the same checks.
import { CST_OFFSET_MS } from '../calendar/half-month.ts';
import { measureById } from '../catalog/plan-catalog.ts';
import { columnByKey, type ColumnKey } from '../checklist/columns.ts';
import type { Deadline } from '../deadline/parse-deadline.ts';
import { STATUS_LABELS } from '../schemas/status.ts';
import type { SubmissionRow } from '../schemas/submission.ts';
import { foldName } from '../units/unit-registry.ts';
import { enHeader, hit, quoteValue, zhHeader, type RuleHit } from './rule-codes.ts';

/** A row as both callers can supply it: every field optional because a sheet row may be incomplete. */
export type RowInput = Partial<SubmissionRow> & {
  /** 整改时限: the sheet's cell, or the catalog's for a body that carries none. */
  readonly deadline?: Deadline;
  /** 整改措施 as written in the sheet (the Worker's body has none). */
  readonly measureText?: string;
};

export interface RowContext {
  readonly nowMs: number;
  /** Per-call memo for the text comparison, which is the one costly step and repeats across rows. */
  readonly memo?: Map<string, boolean>;
}

/** ±0.5 percentage points: the rounding users apply when typing a rate by hand. */
export const RATE_TOLERANCE = 0.5;
const AMOUNT_FIELDS = ['target', 'actual', 'fundsPlanned', 'fundsPaid'] as const;
const TEXT_FIELDS = ['progress', 'evidence', 'note'] as const;
const HAS_DIGIT = /[0-9\uff10-\uff19]/;
/** "一是", "（一）", "1." — ordinals the plan puts before a measure's title. */
const ORDINAL = /^(?:[一二三四五六七八九十]+是|\([一二三四五六七八九十\d]+\)|\d+[.、])/;

/** The first instant after the deadline's calendar day, in CST. */
export function deadlinePassedAt(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d + 1) - CST_OFFSET_MS;
}

/** text_too_long for any column with a maxLength; shared so the sheet's extra text columns use the same check. */
export function checkTextLength(field: ColumnKey, text: string | undefined): RuleHit | undefined {
  const max = columnByKey(field).maxLength;
  if (text === undefined || max === undefined || text.length <= max) return undefined;
  return hit(
    'text_too_long',
    field,
    `${zhHeader(field)}超过${max}字（当前${text.length}字），请精简`,
    `${enHeader(field)} exceeds ${max} characters (has ${text.length})`,
  );
}

function measureTextMatches(id: string, title: string, text: string, memo?: Map<string, boolean>): boolean {
  const key = `${id}\u0000${text}`;
  const known = memo?.get(key);
  if (known !== undefined) return known;
  const cell = foldName(text).replace(ORDINAL, '');
  const want = foldName(title);
  const ok = cell.includes(want) || (cell.length >= 4 && want.includes(cell));
  memo?.set(key, ok);
  return ok;
}

export function checkRow(row: RowInput, ctx: RowContext): RuleHit[] {
  const hits: RuleHit[] = [];
  const id = row.measureId;
  const measure = id === undefined ? undefined : measureById(id);
  if (id !== undefined && !measure) {
    hits.push(
      hit(
        'unknown_measure',
        'measureId',
        `${zhHeader('measureId')}“${quoteValue(id)}”不是整改方案中的措施（应为1-1至4-3）`,
        `${enHeader('measureId')} "${quoteValue(id)}" is not a measure of the plan (expected 1-1 to 4-3)`,
      ),
    );
  }
  if (measure && row.measureText !== undefined && !measureTextMatches(measure.id, measure.title, row.measureText, ctx.memo)) {
    hits.push(
      hit(
        'measure_text_mismatch',
        'measure',
        `${zhHeader('measure')}与措施${measure.id}“${measure.title}”不一致，请核对措施编号`,
        `${enHeader('measure')} does not match measure ${measure.id} "${measure.title}"; check the measure ID`,
      ),
    );
  }

  for (const field of AMOUNT_FIELDS) {
    const v = row[field];
    if (v !== undefined && v < 0) {
      hits.push(hit('number_negative', field, `${zhHeader(field)}不能为负数（填写了${v}）`, `${enHeader(field)} cannot be negative (got ${v})`));
    }
  }
  const rate = row.rate;
  if (rate !== undefined && (rate < 0 || rate > 100)) {
    hits.push(
      hit('percent_out_of_range', 'rate', `${zhHeader('rate')}应在0到100之间（填写了${rate}）`, `${enHeader('rate')} must be between 0 and 100 (got ${rate})`),
    );
  }
  for (const field of TEXT_FIELDS) {
    const h = checkTextLength(field, row[field]);
    if (h) hits.push(h);
  }

  const status = row.status;
  const date = row.deadline?.date ?? (row.deadline === undefined ? measure?.deadline.date : undefined);
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
  if (progress !== undefined && progress.trim() !== '' && !HAS_DIGIT.test(progress)) {
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
  if (rate !== undefined && target !== undefined && actual !== undefined && target > 0 && actual >= 0) {
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
  return hits;
}

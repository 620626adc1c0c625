// The validation vocabulary: stable rule codes, their default severity, and the shape of a rule's finding.
// Codes are part of the API (the add-in lists them, the Worker returns them); never rename one.
import { COLUMNS, type ColumnKey } from '../checklist/columns.ts';

export type Severity = 'error' | 'warning';

export const RULE_CODES = [
  'required_column_missing',
  'duplicate_column',
  'required_cell_empty',
  'unknown_measure',
  'measure_text_mismatch',
  'duplicate_measure',
  'measure_missing',
  'measure_not_assigned',
  'unknown_unit',
  'deadline_unparseable',
  'deadline_differs',
  'status_invalid',
  'overdue_not_started',
  'progress_without_data',
  'number_invalid',
  'number_negative',
  'percent_out_of_range',
  'percent_as_fraction',
  'rate_inconsistent',
  'funds_paid_exceeds_planned',
  'evidence_missing_for_done',
  'excel_error_value',
  'text_too_long',
  'unit_of_measure_unknown',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** What each rule checks, for help texts; `progress_without_data` is an error only for 已完成/阶段性成效. */
export const RULE_INFO: Readonly<Record<RuleCode, { severity: Severity; zh: string; en: string }>> = {
  required_column_missing: { severity: 'error', zh: '缺少必填列', en: 'A required column is missing' },
  duplicate_column: { severity: 'error', zh: '列名重复', en: 'A column appears twice' },
  required_cell_empty: { severity: 'error', zh: '必填单元格为空', en: 'A required cell is empty' },
  unknown_measure: { severity: 'error', zh: '措施编号不在整改方案中', en: 'Measure ID is not in the plan' },
  measure_text_mismatch: { severity: 'warning', zh: '整改措施与编号不一致', en: 'Measure text does not match its ID' },
  duplicate_measure: { severity: 'error', zh: '同一措施重复填报', en: 'A measure is reported twice' },
  measure_missing: { severity: 'error', zh: '漏报本单位负责的措施', en: 'A measure assigned to the unit is missing' },
  measure_not_assigned: {
    severity: 'error',
    zh: '本单位不是该措施的责任单位',
    en: 'The unit is not responsible for this measure',
  },
  unknown_unit: { severity: 'error', zh: '责任单位无法识别', en: 'Unknown responsible unit' },
  deadline_unparseable: { severity: 'error', zh: '整改时限无法识别', en: 'Deadline cannot be read' },
  deadline_differs: { severity: 'warning', zh: '整改时限与整改方案不一致', en: 'Deadline differs from the plan' },
  status_invalid: { severity: 'error', zh: '完成情况不是规定选项', en: 'Status is not one of the allowed values' },
  overdue_not_started: { severity: 'error', zh: '已过整改时限仍未启动', en: 'Deadline passed but not started' },
  progress_without_data: { severity: 'error', zh: '整改进展缺少具体数据', en: 'Progress has no figures' },
  number_invalid: { severity: 'error', zh: '不是有效数字', en: 'Not a valid number' },
  number_negative: { severity: 'error', zh: '数值为负数', en: 'Negative number' },
  percent_out_of_range: { severity: 'error', zh: '完成率超出0–100', en: 'Rate outside 0–100' },
  percent_as_fraction: {
    severity: 'error',
    zh: '完成率填成了小数（百分比格式）',
    en: 'Rate entered as a fraction (percent-formatted cell)',
  },
  rate_inconsistent: { severity: 'error', zh: '完成率与完成值、目标值不符', en: 'Rate does not match actual ÷ target' },
  funds_paid_exceeds_planned: {
    severity: 'error',
    zh: '已拨付资金超过计划资金',
    en: 'Funds paid exceed funds planned',
  },
  evidence_missing_for_done: { severity: 'error', zh: '已完成但无佐证材料', en: 'Done without evidence' },
  excel_error_value: { severity: 'error', zh: '单元格为Excel错误值', en: 'Cell holds an Excel error value' },
  text_too_long: { severity: 'error', zh: '文字超长', en: 'Text too long' },
  unit_of_measure_unknown: {
    severity: 'warning',
    zh: '计量单位不是常用单位',
    en: 'Unit of measure is not a common one',
  },
};

/** A rule's finding before it is located in a sheet (row/column) or a body (path). */
export interface RuleHit {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** The column / SubmissionRow field the finding is about. */
  readonly field: ColumnKey;
  readonly message: string;
  readonly messageEn: string;
}

export function hit(
  code: RuleCode,
  field: ColumnKey,
  message: string,
  messageEn: string,
  severity?: Severity,
): RuleHit {
  return { code, severity: severity ?? RULE_INFO[code].severity, field, message, messageEn };
}

// Built once: messages are assembled on hot paths (a 10,000-row sheet can yield thousands of issues).
const ZH_HEADER = Object.fromEntries(COLUMNS.map((c) => [c.key, `“${c.header}”`])) as Record<ColumnKey, string>;
const EN_HEADER = Object.fromEntries(COLUMNS.map((c) => [c.key, `"${c.headerEn}"`])) as Record<ColumnKey, string>;

/** “完成情况” — the column header as users see it, quoted, for messages. */
export function zhHeader(key: ColumnKey): string {
  return ZH_HEADER[key];
}

export function enHeader(key: ColumnKey): string {
  return EN_HEADER[key];
}

/** Shortens user text quoted back in a message so one bad cell cannot flood the issue list. */
export function quoteValue(value: unknown, max = 30): string {
  const text = String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// The checklist (整改清单) columns: one definition used to write the template, find the header and read rows.
import type { RowField } from '../schemas/submission.ts';

export type ColumnKey =
  'seq' | 'problem' | 'measureId' | 'measure' | 'lead' | 'responsibleUnits' | 'deadline' | 'unitOfMeasure' | RowField;

export interface ColumnDef {
  readonly key: ColumnKey;
  /** Header written by the template. */
  readonly header: string;
  readonly headerEn: string;
  /** Other headers accepted when reading a sheet (compared after folding spaces and full-width forms). */
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly kind: 'text' | 'number' | 'percent' | 'status' | 'deadline';
  /** Maximum characters for text cells. */
  readonly maxLength?: number;
  /** Column width in the template, in characters. */
  readonly width: number;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'seq', header: '序号', headerEn: 'No.', aliases: ['编号'], required: false, kind: 'text', width: 6 },
  {
    key: 'problem',
    header: '存在问题',
    headerEn: 'Problem',
    aliases: ['问题', '反馈问题', '存在的问题', '问题表现', '问题描述', '具体问题', '主要问题'],
    required: false,
    kind: 'text',
    maxLength: 500,
    width: 22,
  },
  {
    key: 'measureId',
    header: '措施编号',
    headerEn: 'Measure ID',
    aliases: ['措施序号', '整改措施编号'],
    required: true,
    kind: 'text',
    maxLength: 10,
    width: 10,
  },
  {
    key: 'measure',
    header: '整改措施',
    headerEn: 'Measure',
    aliases: ['措施', '整改举措', '整改任务', '工作措施', '具体措施'],
    required: true,
    kind: 'text',
    maxLength: 5000,
    width: 40,
  },
  {
    key: 'item',
    header: '子项（项目名称）',
    headerEn: 'Item (project)',
    aliases: ['子项', '项目名称', '子项目'],
    required: false,
    kind: 'text',
    maxLength: 100,
    width: 16,
  },
  {
    key: 'lead',
    header: '牵头负责人',
    headerEn: 'Lead',
    aliases: ['牵头领导', '负责人', '责任领导', '分管领导', '责任人', '包保领导'],
    required: false,
    kind: 'text',
    maxLength: 50,
    width: 10,
  },
  {
    key: 'responsibleUnits',
    header: '责任单位',
    headerEn: 'Responsible units',
    aliases: ['责任部门', '牵头单位'],
    required: true,
    kind: 'text',
    maxLength: 500,
    width: 24,
  },
  {
    key: 'deadline',
    header: '整改时限',
    headerEn: 'Deadline',
    aliases: ['完成时限', '整改期限', '时限要求', '完成时间'],
    required: true,
    kind: 'deadline',
    maxLength: 100,
    width: 20,
  },
  {
    key: 'status',
    header: '完成情况',
    headerEn: 'Status',
    aliases: ['整改状态', '完成状态'],
    required: true,
    kind: 'status',
    width: 12,
  },
  {
    key: 'progress',
    header: '整改进展',
    headerEn: 'Progress',
    aliases: ['整改进展情况', '进展情况', '工作进展', '整改情况', '推进情况', '整改落实情况', '目前进展'],
    required: true,
    kind: 'text',
    maxLength: 2000,
    width: 44,
  },
  // Not sent to the Worker: it tells the reader of the sheet what 目标值 and 完成值 count (户, 人, 公里…).
  {
    key: 'unitOfMeasure',
    header: '计量单位',
    headerEn: 'Unit of measure',
    aliases: [],
    required: false,
    kind: 'text',
    maxLength: 20,
    width: 8,
  },
  {
    key: 'target',
    header: '目标值',
    headerEn: 'Target',
    aliases: ['目标数'],
    required: false,
    kind: 'number',
    width: 10,
  },
  {
    key: 'actual',
    header: '完成值',
    headerEn: 'Actual',
    aliases: ['完成数', '实际完成'],
    required: false,
    kind: 'number',
    width: 10,
  },
  {
    key: 'rate',
    header: '完成率(%)',
    headerEn: 'Rate (%)',
    aliases: ['完成率', '完成比例'],
    required: false,
    kind: 'percent',
    width: 10,
  },
  {
    key: 'fundsPlanned',
    header: '计划资金(万元)',
    headerEn: 'Funds planned (10k CNY)',
    aliases: ['计划资金', '计划投资'],
    required: false,
    kind: 'number',
    width: 12,
  },
  {
    key: 'fundsPaid',
    header: '已拨付(万元)',
    headerEn: 'Funds paid (10k CNY)',
    aliases: ['已拨付', '已拨付资金', '拨付资金'],
    required: false,
    kind: 'number',
    width: 12,
  },
  {
    key: 'evidence',
    header: '佐证材料',
    headerEn: 'Evidence',
    aliases: ['佐证资料', '证明材料'],
    required: false,
    kind: 'text',
    maxLength: 500,
    width: 20,
  },
  {
    key: 'note',
    header: '备注',
    headerEn: 'Note',
    aliases: ['说明'],
    required: false,
    kind: 'text',
    maxLength: 500,
    width: 14,
  },
];

export function columnByKey(key: ColumnKey): ColumnDef {
  const col = COLUMNS.find((c) => c.key === key);
  if (!col) throw new Error(`unknown column ${key}`);
  return col;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The sheet name the template uses (its title row names the plan and the unit). */
export const TEMPLATE_SHEET_NAME = '整改清单';

// The columns of a published plan table and the header words real plans use for each: the seed's own layout
// (序号 / 存在问题 / 整改措施 / 牵头领导 / 责任单位 / 整改时限), a county's (序号 / 问题类型 / 问题表现 / 整改目标 /
// 整改任务 / 责任领导 / 牵头单位 / 配合单位 / 完成时限) and the wording in between. 牵头单位 and 配合单位 are both
// responsible: the lead unit comes first in the measure's 责任单位.
import type { FieldSpec } from '../sheet/column-match.ts';

export type PlanColumn =
  | 'seq'
  | 'category'
  | 'problem'
  | 'standard'
  | 'measure'
  | 'lead'
  | 'units'
  | 'coUnits'
  | 'deadline'
  | 'dataHint'
  | 'note';

export const PLAN_FIELDS: readonly FieldSpec<PlanColumn>[] = [
  { key: 'seq', names: ['序号', '编号', '措施编号'], required: false },
  { key: 'category', names: ['问题类型', '问题类别', '问题分类', '类别'], required: false },
  {
    key: 'problem',
    names: ['存在问题', '问题', '反馈问题', '存在的问题', '问题清单', '问题表现', '问题描述', '具体问题', '主要问题'],
    required: true,
  },
  { key: 'standard', names: ['整改目标', '整改标准', '完成标准', '整改要求'], required: false },
  {
    key: 'measure',
    names: ['整改措施', '措施', '整改举措', '整改任务', '工作措施', '具体措施', '整改措施及要求'],
    required: true,
  },
  {
    key: 'lead',
    names: ['牵头领导', '牵头负责人', '责任领导', '负责人', '分管领导', '责任人', '包保领导'],
    required: true,
  },
  { key: 'units', names: ['责任单位', '责任部门', '牵头单位', '牵头部门', '责任主体'], required: true },
  { key: 'coUnits', names: ['配合单位', '配合部门', '协办单位'], required: false },
  {
    key: 'deadline',
    names: ['整改时限', '完成时限', '整改期限', '时限要求', '完成时间', '整改时间'],
    required: true,
  },
  { key: 'dataHint', names: ['应报数据', '报送数据'], required: false },
  { key: 'note', names: ['备注'], required: false },
];

/** The column's name in the pane and in findings. */
export const PLAN_COLUMN_LABEL: Record<PlanColumn, string> = {
  seq: '序号',
  category: '问题类型',
  problem: '存在问题',
  standard: '整改目标',
  measure: '整改措施',
  lead: '牵头领导',
  units: '责任单位',
  coUnits: '配合单位',
  deadline: '整改时限',
  dataHint: '应报数据',
  note: '备注',
};

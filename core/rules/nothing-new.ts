// "Zero is an answer": a 整改进展 saying nothing new happened this period (本期无新增, 暂无新进展, 与上期相同 …)
// together with a figure of 0 (完成值 or 已拨付资金) is a complete report, not progress_without_data.
const NOTHING_NEW = /(本期|本月|本半月|近期)?(无|没有|暂无)(新增|新的?进展|进展|变化)|与上期(相同|一致|持平)|同上期/;

export function saysNothingNew(progress: string): boolean {
  return NOTHING_NEW.test(progress);
}

/** The row answers with zero: nothing new in words and 0 in a figure cell. */
export function answersZero(row: { progress?: string; actual?: number; fundsPaid?: number }): boolean {
  return row.progress !== undefined && saysNothingNew(row.progress) && (row.actual === 0 || row.fundsPaid === 0);
}

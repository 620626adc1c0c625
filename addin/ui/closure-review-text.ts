// 销号核查's own texts: the view's labels (closureReviewText, also the panel's field names in its error lines) and the
// section's title, hint and buttons (CLOSURE_SECTION_TEXT), set once the locale is known.
import { textsIn } from './bilingual.ts';

const TEXT = {
  rate: { zh: '整改完成率', en: 'Closure rate' },
  pairs: { zh: '单位·措施', en: 'unit·measure pairs' },
  measures: { zh: '措施', en: 'measures' },
  waiting: { zh: '待核查的销号申请', en: 'Applications waiting for verification' },
  none: { zh: '暂无待核查的申请', en: 'No application is waiting' },
  standard: { zh: '完成标准', en: 'Completion standard' },
  summary: { zh: '整改情况', en: 'What was done' },
  evidence: { zh: '佐证材料', en: 'Evidence' },
  file: { zh: '文件', en: 'File' },
  opinion: { zh: '核查意见 / 驳回原因', en: 'Opinion / reason' },
  verifiedOn: { zh: '核查日期', en: 'Verified on' },
  extended: { zh: '限期（驳回时填）', en: 'Extended deadline (for a rejection)' },
  close: { zh: '销号', en: 'Close' },
  reject: { zh: '驳回', en: 'Reject' },
  red: { zh: '红色预警（可下发督办单）', en: 'Red warnings (issue a notice)' },
  requirement: { zh: '督办要求', en: 'Requirement' },
  due: { zh: '办结时限', en: 'Due' },
  issue: { zh: '下发督办单', en: 'Issue notice' },
  closed: { zh: '已销号', en: 'Closed' },
  reopenReason: { zh: '重新打开原因', en: 'Reason to reopen' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  appliedOn: { zh: '申请于', en: 'applied' },
  unitFilter: { zh: '单位', en: 'Unit' },
  allUnits: { zh: '全部单位', en: 'All units' },
  attention: { zh: '待核查 {a} · 红色预警 {r} · 督办未回复 {n}', en: '{a} waiting · {r} red · {n} notices open' },
} as const;

export type ClosureReviewTextKey = keyof typeof TEXT;
export const closureReviewText = textsIn(TEXT);

/** The section's own labels (title, buttons, hint), set once the locale is known. */
export const CLOSURE_SECTION_TEXT = {
  'closure-review-title': { zh: '销号核查', en: 'Closure review' },
  'closure-review-hint': {
    zh: '核查单位的销号申请：销号或驳回（驳回须给出限期）；红色预警可下发督办单。销号台账列出全部单位·措施及预警颜色；通报是“汇总”中所选期次的 Word 草稿，可修改后印发。',
    en: 'Verify closure applications: close, or reject with an extended deadline; issue notices for red warnings. The ledger lists every pair with its warning colour; the bulletin is an editable Word draft for the period chosen under Summary.',
  },
  'closure-refresh': { zh: '刷新', en: 'Refresh' },
  'closure-ledger-write': { zh: '生成销号台账', en: 'Write closure ledger' },
  'closure-ledger-download': { zh: '下载销号台账', en: 'Download closure ledger' },
  'bulletin-download': { zh: '下载通报（Word）', en: 'Download bulletin (Word)' },
} as const;

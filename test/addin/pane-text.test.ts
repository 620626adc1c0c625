// Pure pieces of the pane's wording and layout: the connection line, role sections, the validation verdict shared
// by 校验 and 提交, and queued items in 提交记录.
import { describe, expect, it } from 'vitest';
import { translator } from '../../addin/i18n.ts';
import { checkView } from '../../addin/ui/check-view.ts';
import { queuedItemSummary } from '../../addin/ui/history-view.ts';
import { describeMe, labelRemainder } from '../../addin/ui/me-label.ts';
import { SUPERVISOR_SECTIONS, UNIT_SECTIONS, historyVisible, sectionVisibility } from '../../addin/ui/sections.ts';

const zh = translator('zh-CN');
const en = translator('en-US');
const unit = { id: 'o-projects', name: '项目办', kind: 'office' as const };

describe('describeMe', () => {
  it('shows the unit name once, with only what the label adds, never brackets inside brackets', () => {
    const text = describeMe({ role: 'unit', label: '项目办（演示）', unit }, zh);
    expect(text).toBe('填报单位：项目办 · 令牌：演示');
    expect(text.match(/项目办/g)).toHaveLength(1);
  });

  it('drops a label that only repeats the unit name, and keeps one that says something else', () => {
    expect(describeMe({ role: 'unit', label: '项目办', unit }, zh)).toBe('填报单位：项目办');
    expect(describeMe({ role: 'unit', label: '张主任的电脑', unit }, zh)).toBe('填报单位：项目办 · 令牌：张主任的电脑');
    expect(describeMe({ role: 'unit', label: '项目办 demo', unit }, en)).toBe('Unit: 项目办 · token: demo');
  });

  it('names the supervisor without repeating 乡村振兴办 from the label', () => {
    expect(describeMe({ role: 'supervisor', label: '乡村振兴办（演示）', unit: null }, zh)).toBe('乡村振兴办（汇总） · 令牌：演示');
    expect(describeMe({ role: 'admin', label: '演示管理员 (demo admin)', unit: null }, zh)).toBe('管理员 · 令牌：演示管理员 (demo admin)');
  });

  it('strips nested brackets and separators from the remainder', () => {
    expect(labelRemainder('（（演示））', undefined)).toBe('演示');
    expect(labelRemainder('项目办 - 2号机', '项目办')).toBe('2号机');
    expect(labelRemainder('  ', '项目办')).toBe('');
  });
});

describe('sectionVisibility', () => {
  it('shows a unit the signer field and the template, validation, submit and print sections but not 汇总', () => {
    const v = sectionVisibility('unit');
    expect(UNIT_SECTIONS.map((id) => v[id])).toEqual(UNIT_SECTIONS.map(() => true));
    expect(v['summary-section']).toBe(false);
  });

  it('shows the supervisor only 汇总', () => {
    const v = sectionVisibility('supervisor');
    expect(UNIT_SECTIONS.filter((id) => v[id])).toEqual([]);
    expect(SUPERVISOR_SECTIONS.every((id) => v[id])).toBe(true);
  });

  it('hides an empty 提交记录 from the supervisor but keeps one that still holds items', () => {
    expect(historyVisible('unit', 0)).toBe(true);
    expect(historyVisible(undefined, 0)).toBe(true);
    expect(historyVisible('supervisor', 0)).toBe(false);
    expect(historyVisible('supervisor', 2)).toBe(true);
  });

  it('shows the unit sections before /me has answered and neither to an admin token', () => {
    expect(sectionVisibility(undefined)).toEqual(sectionVisibility('unit'));
    expect(Object.values(sectionVisibility('admin')).some(Boolean)).toBe(false);
  });
});

describe('checkView', () => {
  it('blocks submitting while there are errors and says so in both places', () => {
    const v = checkView({ errors: 2, warnings: 1, rows: 7 }, zh);
    expect(v.canSubmit).toBe(false);
    expect(v.validate).toEqual({ text: '2 个错误，1 个警告（7 行）。', kind: 'error' });
    expect(v.submit.kind).toBe('error');
    expect(v.submit.text).toContain('2 个错误');
  });

  it('clears the submit line once the sheet passes, so no stale error stays behind', () => {
    const fixed = checkView({ errors: 0, warnings: 0, rows: 7 }, zh);
    expect(fixed).toEqual({ validate: { text: '校验通过：7 行，无错误。', kind: 'ok' }, submit: { text: '', kind: '' }, canSubmit: true });
    const warningsOnly = checkView({ errors: 0, warnings: 3, rows: 7 }, zh);
    expect(warningsOnly.canSubmit).toBe(true);
    expect(warningsOnly.validate.kind).toBe('ok');
  });
});

describe('queuedItemSummary', () => {
  const item = (n: number) => ({
    submission: { period: '2023-09-H1', signer: '李四', rows: Array.from({ length: n }, () => ({ measureId: '1-1', status: 'ongoing' as const, progress: 'x' })) },
  });

  it('reads "5 行" in Chinese and "5 rows" / "1 row" in English', () => {
    expect(queuedItemSummary(item(5), zh, 'zh-CN')).toMatch(/ · 5 行$/);
    expect(queuedItemSummary(item(5), zh, 'zh-CN')).not.toContain('行数');
    expect(queuedItemSummary(item(5), en, 'en-US')).toMatch(/ · 5 rows$/);
    expect(queuedItemSummary(item(1), en, 'en-US')).toMatch(/ · 1 row$/);
  });
});

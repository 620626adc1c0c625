// Pure pieces of the pane's wording and layout: the connection line, role sections, the validation verdict shared
// by 校验 and 提交, queued items in 提交记录, and error texts in the pane's language only.
import { describe, expect, it } from 'vitest';
import { translator } from '../../addin/i18n.ts';
import { loadLocale } from '../../addin/load-locale.ts';
import { checkView } from '../../addin/ui/check-view.ts';
import { queuedItemNote, queuedItemSummary } from '../../addin/ui/history-view.ts';
import { ApiError } from '../../addin/api/api-error.ts';
import { describeApiError, issueText } from '../../addin/api/error-detail.ts';
import { describeMe, labelRemainder } from '../../addin/ui/me-label.ts';
import { SUPERVISOR_SECTIONS, UNIT_SECTIONS, historyVisible, sectionVisibility } from '../../addin/ui/sections.ts';

// English is a chunk of its own; the pane loads it at start-up when Office speaks English.
await loadLocale('en-US');

const zh = translator('zh-CN');
const en = translator('en-US');
const unit = { id: 'o-projects', name: '项目办', kind: 'office' as const };

describe('describeMe', () => {
  it('shows the unit name once, with only what the label adds, never brackets inside brackets', () => {
    const text = describeMe({ role: 'unit', label: '项目办（演示）', unit }, zh);
    expect(text).toBe('填报单位：项目办（演示）');
    expect(text.match(/项目办/g)).toHaveLength(1);
  });

  it('drops a label that only repeats the unit name or is in Latin letters, and keeps one that says something else', () => {
    expect(describeMe({ role: 'unit', label: '项目办', unit }, zh)).toBe('填报单位：项目办');
    expect(describeMe({ role: 'unit', label: '张主任的电脑', unit }, zh)).toBe('填报单位：项目办（张主任的电脑）');
    expect(describeMe({ role: 'unit', label: '项目办 demo', unit }, en)).toBe('Unit: 项目办');
  });

  it('names the supervisor and the admin by role alone, without their token labels', () => {
    expect(describeMe({ role: 'supervisor', label: '乡村振兴办（演示）', unit: null }, zh)).toBe('乡村振兴办（汇总）');
    expect(describeMe({ role: 'admin', label: '演示管理员 (demo admin)', unit: null }, zh)).toBe('管理员');
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

  it('shows the unit sections before /me has answered and to an admin token only 单位与令牌', () => {
    expect(sectionVisibility(undefined)).toEqual(sectionVisibility('unit'));
    const admin = sectionVisibility('admin');
    expect(
      Object.entries(admin)
        .filter(([, v]) => v)
        .map(([id]) => id),
    ).toEqual(['access-section']);
  });

  it('shows 单位与令牌 to the supervisor and the admin, never to a unit', () => {
    expect(sectionVisibility('supervisor')['access-section']).toBe(true);
    expect(sectionVisibility('unit')['access-section']).toBe(false);
    expect(sectionVisibility(undefined)['access-section']).toBe(false);
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
    expect(fixed).toEqual({
      validate: { text: '校验通过：7 行，无错误。', kind: 'ok' },
      submit: { text: '', kind: '' },
      canSubmit: true,
    });
    const warningsOnly = checkView({ errors: 0, warnings: 3, rows: 7 }, zh);
    expect(warningsOnly.canSubmit).toBe(true);
    expect(warningsOnly.validate.kind).toBe('ok');
  });
});

describe('queuedItemSummary', () => {
  const item = (n: number) => ({
    submission: {
      period: '2023-09-H1',
      signer: '李四',
      rows: Array.from({ length: n }, () => ({ measureId: '1-1', status: 'ongoing' as const, progress: 'x' })),
    },
  });

  it('reads "5 行" in Chinese and "5 rows" / "1 row" in English', () => {
    expect(queuedItemSummary(item(5), zh, 'zh-CN')).toMatch(/ · 5 行$/);
    expect(queuedItemSummary(item(5), zh, 'zh-CN')).not.toContain('行数');
    expect(queuedItemSummary(item(5), en, 'en-US')).toMatch(/ · 5 rows$/);
    expect(queuedItemSummary(item(1), en, 'en-US')).toMatch(/ · 1 row$/);
  });
});

describe('queuedItemNote', () => {
  const item = { unitId: 'v-minliang', unitName: '民良村' };

  it("names the other unit an item belongs to, and says nothing for the connected unit's own item", () => {
    expect(queuedItemNote(item, 'v-banlie', zh)).toBe('属于其他单位（民良村），切换到该单位的令牌后发送');
    expect(queuedItemNote(item, null, zh)).toBe('属于其他单位（民良村），切换到该单位的令牌后发送');
    expect(queuedItemNote(item, 'v-minliang', zh)).toBeUndefined();
  });

  it('marks an item without a recorded unit as never sent, and waits for /me before judging the others', () => {
    expect(queuedItemNote({}, 'v-minliang', zh)).toBe(zh('unknownUnitItem'));
    expect(queuedItemNote(item, undefined, zh)).toBe(zh('waitConnectItem'));
  });
});

describe('error text', () => {
  const http = (
    status: number,
    message: string,
    issues: { path: string; code: string; message: string; messageEn?: string }[] = [],
    messageEn?: string,
  ) => ApiError.fromStatus(status, 'x', message, issues, messageEn);

  it("shows the server's Chinese message in a Chinese pane and its English one in an English pane", () => {
    const e = ApiError.fromBody(401, { code: 'invalid_token', message: '访问令牌无效', messageEn: 'invalid token' });
    expect(describeApiError(e, 'zh-CN')).toBe('访问令牌无效或已撤销，请在“设置”中重新粘贴令牌（访问令牌无效）');
    expect(describeApiError(e, 'en-US')).toBe(
      'The access token is invalid or revoked; paste a new one in Settings (HTTP 401) (invalid token)',
    );
  });

  it("never shows the browser's network wording or an English-only server message in the Chinese pane", () => {
    expect(describeApiError(ApiError.network(new TypeError('Failed to fetch')), 'zh-CN')).toBe(
      '无法连接服务器，请检查网络或服务器地址',
    );
    expect(describeApiError(http(502, 'Bad Gateway'), 'zh-CN')).toBe('服务器暂时出错，请稍后重试');
  });

  it('describes an English schema issue from its path, with the checklist column headers for row fields', () => {
    const e = http(422, '报送内容有误：period、rows.1.progress', [
      { path: 'period', code: 'custom', message: 'period must look like 2023-09-H1 or 2023-09-H2' },
      { path: 'rows.1.progress', code: 'too_small', message: 'progress is required' },
      { path: 'signer', code: 'too_small', message: 'signer (主要负责人) is required' },
      { path: 'Authorization', code: 'invalid', message: 'unknown or malformed bearer token' },
    ]);
    const text = describeApiError(e, 'zh-CN');
    expect(text).toBe(
      '提交的内容未通过校验（报送期次：不符合要求；第2行 整改进展：内容为空或过少；主要负责人：内容为空或过少；访问令牌：格式不正确）',
    );
    expect(issueText({ path: 'rows.0.evidence', code: 'too_big', message: 'x' }, 'zh-CN')).toBe(
      '第1行 佐证材料：内容过长或数值过大',
    );
    expect(
      issueText({ path: 'rows.0.measureId', code: 'invalid_format', message: 'measureId must look like 1-1' }, 'en-US'),
    ).toBe('rows.0.measureId: measureId must look like 1-1');
  });

  it("shows an issue's English message in an English pane, and its Chinese one in a Chinese pane", () => {
    const issue = {
      path: 'Idempotency-Key',
      code: 'returned',
      message: '该报送已被退回，请修改后重新提交。',
      messageEn: 'this report was returned',
    };
    expect(issueText(issue, 'zh-CN')).toBe('该报送已被退回，请修改后重新提交。');
    expect(issueText(issue, 'en-US')).toBe('Idempotency-Key: this report was returned');
  });

  it('never cuts a message at a slash: a Chinese message holding " / " is shown whole', () => {
    const e = http(422, '单位“甲 / 乙”不存在', [], 'no such unit');
    expect(describeApiError(e, 'zh-CN')).toBe('提交的内容未通过校验（单位“甲 / 乙”不存在）');
    expect(describeApiError(e, 'en-US')).toBe('The submission did not pass validation (HTTP 422) (no such unit)');
  });

  it("keeps a rule issue's own Chinese message", () => {
    expect(
      issueText(
        {
          path: 'rows.2.progress',
          code: 'done_without_figures',
          message: '完成情况为“已完成”但整改进展未写明完成数量',
        },
        'zh-CN',
      ),
    ).toBe('完成情况为“已完成”但整改进展未写明完成数量');
  });
});

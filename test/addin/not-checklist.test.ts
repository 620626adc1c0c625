// When the active sheet is no checklist, one sentence says which sheet to switch to (not six 未找到表头行 findings).
import { describe, expect, it } from 'vitest';
import { notChecklistMessage } from '../../addin/check-sheet.ts';

describe('notChecklistMessage', () => {
  it('names the one checklist sheet to switch to', () => {
    expect(notChecklistMessage('汇总-按单位', ['汇总-按单位', '整改清单', '填报下拉选项'])).toBe(
      '当前工作表“汇总-按单位”不是整改清单：请切换到工作表“整改清单”后再校验。',
    );
  });

  it('lists several checklist sheets', () => {
    expect(notChecklistMessage('Sheet1', ['Sheet1', '整改清单', '整改清单(2)'])).toBe(
      '当前工作表“Sheet1”不是整改清单：请切换到要报送的整改清单（“整改清单”、“整改清单(2)”）后再校验。',
    );
  });

  it('points to 插入模板 when the workbook has no checklist', () => {
    expect(notChecklistMessage('Sheet1', ['Sheet1'])).toContain('请先点“插入模板”或“载入上期报送”');
  });
});

import { describe, expect, it } from 'vitest';
import { pickLocale, translator } from '../../addin/i18n.ts';
import { loadLocale, missingEnglish } from '../../addin/load-locale.ts';

// English is a chunk of its own; the pane loads it at start-up when Office speaks English.
await loadLocale('en-US');

describe('i18n', () => {
  it('uses Chinese for Chinese and unknown display languages and English for others', () => {
    expect(['zh-CN', 'zh-TW', 'ZH-cn', '', undefined, null].map(pickLocale)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
    ]);
    expect(['en-US', 'en-GB', 'fr-FR'].map(pickLocale)).toEqual(['en-US', 'en-US', 'en-US']);
  });

  it('fills named parameters and leaves unknown ones visible', () => {
    expect(translator('zh-CN')('validSummary', { errors: 2, warnings: 1, rows: 13 })).toBe(
      '2 个错误，1 个警告（13 行）。',
    );
    expect(translator('en-US')('validSummary', { errors: 2, warnings: 1, rows: 13 })).toBe(
      '2 errors, 1 warnings (13 rows).',
    );
    expect(translator('zh-CN')('connected', {})).toBe('已连接 · {label}');
  });

  it('has an English text for every Chinese key', async () => {
    expect(await missingEnglish()).toEqual([]);
  });
});

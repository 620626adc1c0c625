// What the pane says about a failed request, in the pane's language only. The Worker sends every message in both
// languages (`message` Chinese, `messageEn` English); its issue messages are Chinese for rule findings but English
// for schema (zod) and auth findings ("period must look like 2023-09-H1"), and a network error carries the
// browser's "Failed to fetch". A Chinese pane shows only Chinese: the server's Chinese message, an issue's own
// message when it is Chinese, or else a description built from the issue's path ("第2行 整改进展：内容为空或过少").
// The raw details are for the console (the caller logs them), not for the clerk.
import { COLUMNS } from '../../core/checklist/columns.ts';
import { type ApiIssue } from '../../core/schemas/api.ts';
import type { Locale } from '../i18n.ts';
import type { ApiError } from './api-error.ts';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export function hasChinese(text: string): boolean {
  return HAN.test(text);
}

/** A text in the pane's language: the English one in an English pane, else the Chinese one if it is Chinese. */
function inLocale(zh: string | undefined, en: string | undefined, locale: Locale): string {
  if (locale === 'en-US') return (en ?? zh ?? '').trim();
  const text = (zh ?? '').trim();
  return hasChinese(text) ? text : '';
}

const FIELDS: Record<string, string> = {
  period: '报送期次',
  signer: '主要负责人',
  rows: '整改清单',
  reason: '退回原因',
  unitId: '填报单位',
  from: '起始期次',
  to: '截止期次',
  Authorization: '访问令牌',
  'Idempotency-Key': '提交键',
  'Content-Type': '提交内容的格式',
  '(body)': '提交内容',
  code: '连接码',
};

const COLUMN_HEADERS = new Map<string, string>(COLUMNS.map((c) => [c.key, c.header]));

/** "rows.1.progress" → "第2行 整改进展"; "period" → "报送期次"; unknown paths are quoted as they are. */
export function fieldName(path: string): string {
  const row = /^rows[.[](\d+)\]?(?:\.(.+))?$/.exec(path);
  if (row) {
    const n = Number(row[1]) + 1;
    const field = row[2] ? (COLUMN_HEADERS.get(row[2]) ?? `“${row[2]}”`) : '';
    return field ? `第${n}行 ${field}` : `第${n}行`;
  }
  return FIELDS[path] ?? `“${path}”`;
}

const PROBLEMS: Record<string, string> = {
  required: '必须填写',
  too_small: '内容为空或过少',
  too_big: '内容过长或数值过大',
  invalid_type: '缺失或类型不正确',
  invalid_format: '格式不正确',
  invalid_string: '格式不正确',
  invalid: '格式不正确',
  invalid_value: '不是允许的取值',
  invalid_enum_value: '不是允许的取值',
  unrecognized_keys: '不是可识别的字段',
  revoked: '已被撤销',
  conflict: '与已提交的内容冲突',
  invalid_range: '范围不正确',
};

/**
 * A Chinese sentence rather than an English one that mentions a Chinese word ("signer (主要负责人) is required"):
 * it has Chinese, and its first letter is not a Latin one.
 */
function isChineseSentence(text: string): boolean {
  return hasChinese(text) && !/^[^A-Za-z\u3400-\u9fff\uf900-\ufaff]*[A-Za-z]/.test(text);
}

/** One issue in the pane's language: its own message if that is Chinese (zh) / its English half (en). */
export function issueText(issue: Pick<ApiIssue, 'path' | 'code' | 'message' | 'messageEn'>, locale: Locale): string {
  if (locale === 'en-US') return `${issue.path}: ${inLocale(issue.message, issue.messageEn, 'en-US')}`;
  const own = inLocale(issue.message, undefined, 'zh-CN');
  if (own && isChineseSentence(own)) return own;
  return `${fieldName(issue.path)}：${PROBLEMS[issue.code] ?? '不符合要求'}`;
}

/** The detail in brackets after the general message: issues, else the server's message (HTTP answers only). */
export function errorDetail(
  err: Pick<ApiError, 'kind' | 'issues' | 'serverMessage' | 'serverMessageEn'>,
  locale: Locale,
): string {
  if (err.issues.length) return err.issues.map((i) => issueText(i, locale)).join(locale === 'en-US' ? '; ' : '；');
  // A network error's detail is the browser's own wording ("Failed to fetch"); a bad response's is a parser's.
  if (err.kind !== 'http') return '';
  return inLocale(err.serverMessage, err.serverMessageEn, locale);
}

/** The whole line: "提交的内容未通过校验（HTTP 422）（第1行 整改进展：内容为空或过少）". */
export function describeApiError(err: ApiError, locale: Locale): string {
  const base = locale === 'en-US' ? err.messageEn : err.message;
  const detail = errorDetail(err, locale);
  if (!detail) return base;
  return locale === 'en-US' ? `${base} (${detail})` : `${base}（${detail}）`;
}

// One validation result → what the 校验 section and the 提交 area show. Both read the latest result from here, so
// neither keeps a stale list after the sheet was fixed (or a stale "ready" after it broke again).
import type { Translate } from '../i18n.ts';

export interface CheckCounts {
  errors: number;
  warnings: number;
  /** Rows read (data rows and blank ones the rules looked at). */
  rows: number;
}

export interface StatusLine {
  text: string;
  kind: 'ok' | 'error' | '';
}

export interface CheckView {
  validate: StatusLine;
  /** The submit area's line: why it is blocked, or empty when the sheet may be submitted. */
  submit: StatusLine;
  canSubmit: boolean;
}

export function checkView(c: CheckCounts, t: Translate): CheckView {
  const validate: StatusLine =
    c.errors || c.warnings
      ? {
          text: t('validSummary', { errors: c.errors, warnings: c.warnings, rows: c.rows }),
          kind: c.errors ? 'error' : 'ok',
        }
      : { text: t('validOk', { rows: c.rows }), kind: 'ok' };
  return c.errors
    ? { validate, submit: { text: t('submitBlocked', { errors: c.errors }), kind: 'error' }, canSubmit: false }
    : { validate, submit: { text: '', kind: '' }, canSubmit: true };
}

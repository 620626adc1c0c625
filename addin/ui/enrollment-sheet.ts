// 令牌发放单: the A4 sheet the office prints and hands out — each unit with its contact, 连接码 and expiry, and how to
// use the code (in the pane's 设置, or the page link with ?code=). Rendered into the print-only area.
import { formatEnrollmentCode, type IssuedEnrollmentCode, type UnitAccess } from '../../core/index.ts';
import type { Translate } from '../i18n.ts';
import { cstMinute } from './access-view.ts';
import { h } from './dom.ts';

export interface EnrollmentSheetData {
  codes: readonly IssuedEnrollmentCode[];
  units: readonly UnitAccess[];
  /** The page units open without Excel (the server's address). */
  pageUrl: string;
  issuedAt: string;
}

export function renderEnrollmentSheet(d: EnrollmentSheetData, t: Translate): HTMLElement {
  const byId = new Map(d.units.map((u) => [u.unitId, u]));
  const rows = d.codes.map((c, i) => {
    const u = byId.get(c.unitId);
    return h(
      'tr',
      {},
      h('td', {}, String(i + 1)),
      h('td', {}, u?.name ?? c.unitId),
      h('td', {}, u?.contactName ?? ''),
      h('td', {}, u?.contactPhone ?? ''),
      h('td', { class: 'code' }, formatEnrollmentCode(c.code)),
      h('td', {}, cstMinute(c.expiresAt)),
    );
  });
  const headers = ['序号', t('unit'), t('contact'), t('phone'), t('enrollCode'), t('expiresAt')];
  return h(
    'article',
    { class: 'print-sheet enrollment-sheet' },
    h('h1', {}, t('enrollSheetTitle')),
    h('p', { class: 'print-meta' }, h('span', {}, t('enrollSheetIssued', { at: cstMinute(d.issuedAt) })), h('span', {}, d.pageUrl)),
    h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, rows)),
    h('p', { class: 'enroll-how' }, t('enrollSheetHow', { url: d.pageUrl })),
  );
}

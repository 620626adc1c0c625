// 单位与令牌: one line per unit — name, contact, token state and the last 连接码 — with 发放 / 重新发放 / 撤销 buttons.
import type { UnitAccess } from '../../core/enrollment/enrollment-code.ts';
import type { Translate } from '../i18n.ts';
import { h } from './dom.ts';

export interface AccessActions {
  issue(unit: UnitAccess): void;
  reissue(unit: UnitAccess): void;
  revoke(unit: UnitAccess): void;
}

/** "2024-03-08 10:00" in Beijing time. */
export const cstMinute = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function accessStateText(u: UnitAccess, t: Translate): string {
  const parts = [u.activeTokens ? t('accessConnected', { n: u.activeTokens }) : t('accessNotConnected')];
  if (!u.active) parts.unshift(t('accessInactive'));
  const c = u.lastCode;
  if (c?.state === 'pending') parts.push(t('accessCodePending', { expires: cstMinute(c.expiresAt) }));
  else if (c?.state === 'used') parts.push(t('accessCodeUsed', { at: cstMinute(c.usedAt!) }));
  else if (c?.state === 'expired') parts.push(t('accessCodeExpired'));
  else if (c?.state === 'revoked') parts.push(t('accessCodeRevoked'));
  return parts.join(' · ');
}

export function renderAccessList(units: UnitAccess[], t: Translate, act: AccessActions): HTMLElement {
  return h(
    'ul',
    { class: 'access-list' },
    units.map((u) =>
      h(
        'li',
        { class: u.activeTokens ? 'access connected' : 'access', 'data-unit': u.unitId },
        h(
          'div',
          { class: 'access-name' },
          h('strong', {}, u.name),
          u.contactName ? ` ${u.contactName}` : '',
          u.contactPhone ? ` ${u.contactPhone}` : '',
        ),
        h('div', { class: 'access-state muted small' }, accessStateText(u, t)),
        u.active &&
          h(
            'div',
            { class: 'access-buttons' },
            h('button', { type: 'button', class: 'access-issue', onclick: () => act.issue(u) }, t('accessIssue')),
            u.activeTokens > 0 &&
              h(
                'button',
                { type: 'button', class: 'access-reissue', onclick: () => act.reissue(u) },
                t('accessReissue'),
              ),
            (u.activeTokens > 0 || u.lastCode?.state === 'pending') &&
              h('button', { type: 'button', class: 'access-revoke', onclick: () => act.revoke(u) }, t('accessRevoke')),
          ),
      ),
    ),
  );
}

// The "已连接 · …" line: who the token belongs to, plus its label in brackets only where the label adds something
// (no "令牌：…", which read like a code). Demo and
// admin-issued labels usually repeat the unit name ("项目办（演示）"); showing both verbatim read
// "项目办（项目办（演示））".
import type { Me } from '../../core/schemas/api.ts';
import type { Translate } from '../i18n.ts';

const SUPERVISOR_NAME = '乡村振兴办';

/** The label without a leading owner name and without the brackets wrapped around what remains. */
export function labelRemainder(label: string, owner: string | undefined): string {
  let rest = label.trim();
  if (owner && rest.startsWith(owner)) rest = rest.slice(owner.length).trim();
  for (;;) {
    const m = /^[（(](.*)[）)]$/.exec(rest);
    if (!m) break;
    rest = m[1]!.trim();
  }
  return rest.replace(/^[·:：\-–—\s]+/, '').trim();
}

export function describeMe(me: Pick<Me, 'role' | 'label' | 'unit'>, t: Translate): string {
  const who = me.unit
    ? t('unitLabel', { unit: me.unit.name })
    : t(me.role === 'supervisor' ? 'supervisorLabel' : 'adminLabel');
  const owner = me.unit?.name ?? (me.role === 'supervisor' ? SUPERVISOR_NAME : undefined);
  const rest = labelRemainder(me.label, owner);
  // Only a unit's token label, and only in words: a role needs no label, and Latin text reads like a code.
  const useful = !!me.unit && !!rest && rest !== who && !/[A-Za-z]/.test(rest);
  return useful ? `${who}${t('tokenLabel', { label: rest })}` : who;
}

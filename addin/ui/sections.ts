// Which pane sections a role sees. Units fill in, check, submit and print (and sign: the 主要负责人 field; 填报人 and
// 联系电话 for the 报送单); the
// supervisor (乡村振兴办) summarises and publishes plans. Before /me answers, the unit sections show (a unit is by far the common
// case).
import type { Role } from '../../core/schemas/api.ts';

export const UNIT_SECTIONS = [
  'signer-field',
  'preparer-field',
  'template-section',
  'validate-section',
  'submit-section',
  'print-section',
  'file-section',
] as const;
export const SUPERVISOR_SECTIONS = [
  'summary-section',
  'closure-review-section',
  'evidence-browser-section',
  'plan-section',
] as const;
/** 单位与令牌: onboarding units is for the office and the administrator alike. */
export const ACCESS_SECTIONS = ['access-section'] as const;
export type SectionId =
  (typeof UNIT_SECTIONS)[number] | (typeof SUPERVISOR_SECTIONS)[number] | (typeof ACCESS_SECTIONS)[number];

export function sectionVisibility(role: Role | undefined): Record<SectionId, boolean> {
  const unit = role === undefined || role === 'unit';
  const supervisor = role === 'supervisor';
  const out = {} as Record<SectionId, boolean>;
  for (const id of UNIT_SECTIONS) out[id] = unit;
  for (const id of SUPERVISOR_SECTIONS) out[id] = supervisor;
  for (const id of ACCESS_SECTIONS) out[id] = supervisor || role === 'admin';
  return out;
}

/**
 * 提交记录 belongs to units too, but stays visible to any role while it holds something: queued items left by a
 * unit token on this computer must not disappear from view just because a supervisor token was pasted.
 */
export function historyVisible(role: Role | undefined, entries: number): boolean {
  return role === undefined || role === 'unit' || entries > 0;
}

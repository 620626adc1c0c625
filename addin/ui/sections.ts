// Which pane sections a role sees. Units fill in, check, submit and print; the supervisor (乡村振兴办) only
// summarises. Before /me answers, the unit sections show (a unit is by far the common case).
import type { Role } from '../../core/index.ts';

export const UNIT_SECTIONS = ['template-section', 'validate-section', 'submit-section', 'print-section'] as const;
export const SUPERVISOR_SECTIONS = ['summary-section'] as const;
export type SectionId = (typeof UNIT_SECTIONS)[number] | (typeof SUPERVISOR_SECTIONS)[number];

export function sectionVisibility(role: Role | undefined): Record<SectionId, boolean> {
  const unit = role === undefined || role === 'unit';
  const supervisor = role === 'supervisor';
  const out = {} as Record<SectionId, boolean>;
  for (const id of UNIT_SECTIONS) out[id] = unit;
  for (const id of SUPERVISOR_SECTIONS) out[id] = supervisor;
  return out;
}

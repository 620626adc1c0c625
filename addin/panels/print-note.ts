// The note after a status line when the sheets will not print as set up: the host has no print setup from add-ins,
// or it accepted "one page wide" and did not apply it (read back after the sync; office-js issue 1860).
import type { Translate } from '../i18n.ts';
import type { WrittenSheets } from '../excel/write-summary.ts';

export function printNote(t: Translate, written: Pick<WrittenSheets, 'printSetup' | 'fitIgnored'>): string {
  if (!written.printSetup) return ` ${t('printSetupSkipped')}`;
  if (written.fitIgnored.length) return ` ${t('printFitIgnored', { sheets: written.fitIgnored.join('、') })}`;
  return '';
}

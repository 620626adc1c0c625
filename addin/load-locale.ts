// Loads a locale's texts before the pane speaks it: Chinese is built into i18n.ts, English is a chunk of its own
// (i18n-en.ts). Only this module imports both, so the two dictionaries never import each other.
import { MESSAGE_KEYS, useEnglish, type Locale, type MessageKey } from './i18n.ts';

export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en-US') useEnglish((await import('./i18n-en.ts')).EN);
}

/** Keys that have no English text (the fallback shows Chinese); empty when the dictionaries match. */
export async function missingEnglish(): Promise<MessageKey[]> {
  const { EN } = await import('./i18n-en.ts');
  return MESSAGE_KEYS.filter((k) => !EN[k]);
}

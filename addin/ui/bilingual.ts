// The views keep their own short texts next to their DOM as {zh, en} pairs (core's labels have the same shape): one
// way to take the pane's language side of such a pair and fill its {name} placeholders.
import type { Bilingual } from '../../core/schemas/api.ts';
import type { Locale } from '../i18n.ts';

export const inLocale = (text: Bilingual, locale: Locale): string => (locale === 'en-US' ? text.en : text.zh);

export type TextParams = Record<string, string | number>;

/** A reader of one view's table: `texts[key]` in the pane's language, each {name} filled ('' when not given). */
export function textsIn<K extends string>(texts: Readonly<Record<K, Bilingual>>) {
  return (key: K, locale: Locale, params: TextParams = {}): string =>
    inLocale(texts[key], locale).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

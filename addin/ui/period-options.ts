// Which periods a unit may report for: the open one (default) and a few before it (late or corrected reports).
import { periodLabel, previousPeriod, type Locale } from '../../core/index.ts';

export function periodChoices(openPeriod: string, previous = 3): string[] {
  const out = [openPeriod];
  for (let i = 0; i < previous; i++) out.push(previousPeriod(out[out.length - 1]!));
  return out;
}

export function periodOptions(openPeriod: string, locale: Locale, previous = 3): { value: string; label: string }[] {
  return periodChoices(openPeriod, previous).map((p) => ({ value: p, label: periodLabel(p, locale) }));
}

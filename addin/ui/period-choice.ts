// Which periods the 提交 step offers, which one it preselects, and what sending to each will do, in words. The
// server's answer (GET /reports/status) decides: the open period by default, or a returned one (已退回) while there
// is one; older missing periods are offered as 未报, to be filed on purpose (补报), never preselected. Without the
// server's answer (offline, not connected yet) the open period and the few before it are offered, plainly.
import { periodLabel } from '../../core/calendar/period-label.ts';
import { type FiledTimeliness } from '../../core/schemas/submission.ts';
import { type PeriodState, type UnitStatus } from '../../core/reports/unit-status.ts';
import type { Locale, Translate } from '../i18n.ts';

/** open: the period being reported now; returned: sent back, to be filed again; missing: never filed (补报);
 * filed: already filed (a new revision corrects it); unknown: the server's state is not known. */
export type ChoiceKind = 'open' | 'returned' | 'missing' | 'filed' | 'unknown';

export interface PeriodChoice {
  period: string;
  kind: ChoiceKind;
  /** The current revision on the server, when one was filed. */
  report?: { revision: number; timeliness: FiledTimeliness };
}

export interface PeriodChoices {
  /** Newest first. */
  choices: PeriodChoice[];
  /** The period preselected. */
  preselected: string;
}

/** How many filed periods before the open one stay on offer for a correction. */
const FILED_SHOWN = 3;

function kindOf(p: PeriodState, openPeriod: string): ChoiceKind {
  if (p.period === openPeriod) return 'open';
  if (p.state === 'returned') return 'returned';
  if (p.state === 'missing') return 'missing';
  return 'filed';
}

/** `fallback`: the periods to offer when the server's state is unknown, newest (the open one) first. */
export function periodChoicesOf(status: UnitStatus | undefined, fallback: readonly string[]): PeriodChoices {
  if (!status) {
    const open = fallback[0] ?? '';
    return {
      choices: fallback.map((period) => ({ period, kind: period === open ? 'open' : 'unknown' })),
      preselected: open,
    };
  }
  const choices: PeriodChoice[] = [];
  let filedShown = 0;
  for (const p of status.periods) {
    const kind = kindOf(p, status.openPeriod);
    if (kind === 'filed' && filedShown++ >= FILED_SHOWN) continue;
    const choice: PeriodChoice = { period: p.period, kind };
    if (p.report) choice.report = { revision: p.report.revision, timeliness: p.report.timeliness };
    choices.push(choice);
  }
  return { choices, preselected: status.defaultPeriod };
}

/** The option's text: "2026年11月下半月（已退回）". */
export function choiceLabel(c: PeriodChoice, t: Translate, locale: Locale): string {
  const name = periodLabel(c.period, { locale, form: 'name' });
  if (c.kind === 'unknown') return name;
  return `${name}（${t(`choice_${c.kind}`)}）`;
}

/** What 确认提交 will do, in words: "将报送 2026年12月上半月（按时）", "补报 2026年11月下半月，将记为逾期". */
export function choiceOutcome(c: PeriodChoice, t: Translate, locale: Locale): string {
  const period = periodLabel(c.period, { locale, form: 'name' });
  // A new revision keeps the first revision's timeliness: resubmitting cannot repair lateness.
  if (c.report)
    return t(c.kind === 'returned' ? 'willRefileReturned' : 'willRefile', {
      period,
      revision: c.report.revision + 1,
      timeliness: t(c.report.timeliness),
    });
  if (c.kind === 'open') return t('willFile', { period, timeliness: t('on_time') });
  if (c.kind === 'missing') return t('willFileLate', { period });
  return t('willFileUnknown', { period });
}

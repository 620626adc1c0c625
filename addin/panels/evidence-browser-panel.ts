// 佐证材料查阅 (supervisors): choose a unit, a measure and a period (each may be 全部), list the files the Worker holds
// (GET /evidence), and open one through its 10-minute link — the pane's one way of opening a file (evidence-link.ts).
// A cell of 整改进展汇总表 opens the page here, filtered to one unit's files for a measure and period (`?evidence-list=`).
import { periodLabel } from '../../core/calendar/period-label.ts';
import type { EvidenceListQuery } from '../../core/schemas/evidence.ts';
import { EvidenceClient } from '../api/evidence-client.ts';
import { savedConnection } from '../queue/storage.ts';
import { renderEvidenceFiles } from '../ui/evidence-browser-view.ts';
import { h } from '../ui/dom.ts';
import { evidenceListOf } from '../sheets/evidence-links.ts';
import { openEvidenceFile, sayAboutLink } from './evidence-link.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface EvidenceBrowserPanel {
  /** After connecting or choosing another plan: the choices refilled, the chosen (or linked) files listed. */
  refresh(): Promise<void>;
  wire(): void;
}

export function createEvidenceBrowserPanel(ctx: PaneContext): EvidenceBrowserPanel {
  const status = (text: string, kind: 'ok' | 'error' | '' = '') => ctx.setStatus('evidence-browser-status', text, kind);
  const select = (id: string) => $<HTMLSelectElement>(id);

  /** Refills a select: 全部 first, then the options; the earlier choice kept when it is still offered. */
  function fill(id: string, all: string, options: { value: string; label: string }[]): void {
    const el = select(id);
    const chosen = el.value;
    el.replaceChildren(
      h('option', { value: '' }, all),
      ...options.map((o) => h('option', { value: o.value }, o.label)),
    );
    if (options.some((o) => o.value === chosen)) el.value = chosen;
  }

  function fillChoices(): void {
    const plan = ctx.plan();
    fill(
      'evidence-browser-unit',
      ctx.t('evidenceBrowserAllUnits'),
      (ctx.me?.units ?? []).map((u) => ({ value: u.id, label: u.name })),
    );
    fill(
      'evidence-browser-measure',
      ctx.t('evidenceBrowserAllMeasures'),
      (plan?.measures ?? []).map((m) => ({ value: m.id, label: `${m.id} ${m.title}` })),
    );
    // The periods the 汇总 section offers (the plan's, up to the open one).
    const periods = [...select('summary-period').options].map((o) => ({ value: o.value, label: o.text }));
    fill('evidence-browser-period', ctx.t('evidenceBrowserAllPeriods'), periods);
  }

  /** The filter the selects show (全部 left out). */
  const chosen = (): EvidenceListQuery => ({
    plan: ctx.plan()?.id,
    unit: select('evidence-browser-unit').value || undefined,
    measure: select('evidence-browser-measure').value || undefined,
    period: select('evidence-browser-period').value || undefined,
  });

  async function list(q: EvidenceListQuery = chosen()): Promise<void> {
    const names = new Map((ctx.me?.units ?? []).map((u) => [u.id, u.name]));
    const files = await new EvidenceClient(savedConnection(ctx.storage)).files(q);
    $('evidence-browser-list').replaceChildren(
      renderEvidenceFiles(
        files,
        (id) => names.get(id) ?? id,
        ctx.t,
        (f) => openEvidenceFile(ctx, f.id, (err) => status(ctx.errorText(err), 'error')),
      ),
    );
  }

  /** Shows the selects at a link's filter, adding a period the 汇总 section does not offer (a closed plan's). */
  function choose(q: Required<EvidenceListQuery>): void {
    const period = select('evidence-browser-period');
    if (![...period.options].some((o) => o.value === q.period))
      period.append(h('option', { value: q.period }, periodLabel(q.period, { locale: ctx.locale })));
    select('evidence-browser-unit').value = q.unit;
    select('evidence-browser-measure').value = q.measure;
    period.value = q.period;
  }

  /**
   * Opened from a cell of 整改进展汇总表 (`?evidence-list=`): that unit's files for that measure and period, listed
   * at once and scrolled to; the address loses the link's parameters so a reload lists as usual.
   */
  async function fromLink(): Promise<boolean> {
    const url = new URL(location.href);
    const q = evidenceListOf(url.searchParams);
    if (!q || q === 'bad') return false;
    for (const p of ['evidence-list', 'plan', 'measure', 'period']) url.searchParams.delete(p);
    // office.js replaces history.replaceState on the instance; the prototype's method still works.
    History.prototype.replaceState.call(history, null, '', url.toString());
    sayAboutLink('');
    choose(q);
    await list(q);
    const unit = ctx.me?.units.find((u) => u.id === q.unit)?.name ?? q.unit;
    status(
      ctx.t('evidenceListShown', {
        unit,
        measure: q.measure,
        period: periodLabel(q.period, { locale: ctx.locale, form: 'name' }),
      }),
      'ok',
    );
    $('evidence-browser-section').scrollIntoView({ block: 'start' });
    return true;
  }

  function wire(): void {
    $('evidence-browser-run').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'evidence-browser-status', async () => {
        status('');
        await list();
      }),
    );
  }

  async function refresh(): Promise<void> {
    fillChoices();
    try {
      if (!(await fromLink())) await list();
    } catch (err) {
      status(ctx.errorText(err), 'error');
    }
  }

  return { refresh, wire };
}

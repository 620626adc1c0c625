// The unit's standing on the server, asked after connecting and after each delivered submission: 退回 banners at
// the top of the pane, the server's list in 提交记录, and the period select defaulting to the period owed (until the
// user picks another one, which holds until another period becomes owed).
import type { UnitStatus } from '../../core/index.ts';
import { ApiClient } from '../api/client.ts';
import { h } from '../ui/dom.ts';
import { periodChoiceLabel, renderServerState, returnedBanners } from '../ui/unit-status-view.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface UnitStatusPanel {
  refresh(): Promise<void>;
  /** The last answer, undefined when not connected as a unit or the server could not be asked. */
  current(): UnitStatus | undefined;
  wire(): void;
}

export function createUnitStatusPanel(ctx: PaneContext): UnitStatusPanel {
  let status: UnitStatus | undefined;
  let chosenByUser = false;
  /** The owed period last put into the select: a newly owed one (a 退回) takes over again from the user's choice. */
  let lastOwed: string | undefined;

  function applyPeriodDefault(): void {
    const select = $<HTMLSelectElement>('period');
    const owed = status?.owed ?? undefined;
    if (owed !== lastOwed) chosenByUser = false;
    lastOwed = owed;
    if (!status || !owed) return;
    let option = [...select.options].find((o) => o.value === owed);
    if (!option) {
      // Owed further back than the select offers (up to the late window): add it, in date order (newest first).
      option = h('option', { value: owed }, owed);
      const after = [...select.options].find((o) => o.value < owed);
      select.insertBefore(option, after ?? null);
    }
    option.textContent = periodChoiceLabel(owed, status, ctx.t, ctx.locale) ?? option.textContent;
    if (!chosenByUser) select.value = owed;
  }

  function render(error?: string): void {
    $('returned-banners').replaceChildren(...(status ? returnedBanners(status, ctx.t, ctx.locale) : []));
    const box = $('server-state');
    if (error) box.replaceChildren(h('p', { class: 'muted small' }, error));
    else box.replaceChildren(...(status ? [renderServerState(status, ctx.t, ctx.locale)] : []));
  }

  async function refresh(): Promise<void> {
    const session = ctx.session;
    const plan = ctx.plan();
    if (!session?.me.unit || !plan) {
      status = undefined;
      render();
      return;
    }
    let answer: typeof status;
    try {
      answer = await new ApiClient({ baseUrl: session.server, token: session.token }).unitStatus(plan.id);
    } catch (err) {
      if (ctx.plan()?.id !== plan.id) return;
      status = undefined;
      render(ctx.t('serverStateFailed', { message: ctx.errorText(err) }));
      return;
    }
    // The user may have chosen another plan while this answer was on its way: a later refresh covers that plan.
    if (ctx.plan()?.id !== plan.id) return;
    status = answer;
    render();
    applyPeriodDefault();
  }

  function wire(): void {
    $('period').addEventListener('change', () => {
      chosenByUser = true;
    });
  }

  return { refresh, current: () => status, wire };
}

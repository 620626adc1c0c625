// The unit's standing on the server, asked after connecting and after each delivered submission: 退回 banners at
// the top of the pane and the server's list in 提交记录. The 提交 and 打印报送单 steps listen for each new answer
// (their period choices come from it).
import type { UnitStatus } from '../../core/reports/unit-status.ts';
import { ApiClient } from '../api/client.ts';
import { h } from '../ui/dom.ts';
import { renderServerState, returnedBanners } from '../ui/unit-status-view.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface UnitStatusPanel {
  refresh(): Promise<void>;
  /** The last answer, undefined when not connected as a unit or the server could not be asked. */
  current(): UnitStatus | undefined;
  /** Called after each answer (undefined when it could not be had). */
  listen(fn: (status: UnitStatus | undefined) => void): void;
}

export function createUnitStatusPanel(ctx: PaneContext): UnitStatusPanel {
  let status: UnitStatus | undefined;
  const listeners: ((status: UnitStatus | undefined) => void)[] = [];

  function render(error?: string): void {
    $('returned-banners').replaceChildren(...(status ? returnedBanners(status, ctx.t, ctx.locale) : []));
    const box = $('server-state');
    if (error) box.replaceChildren(h('p', { class: 'muted small' }, error));
    else box.replaceChildren(...(status ? [renderServerState(status, ctx.t, ctx.locale)] : []));
  }

  async function refresh(): Promise<void> {
    const session = ctx.session;
    const plan = ctx.plan();
    if (!session?.me.unit || !plan) return settle(undefined);
    let answer: typeof status;
    try {
      answer = await new ApiClient({ baseUrl: session.server, token: session.token }).unitStatus(plan.id);
    } catch (err) {
      if (ctx.plan()?.id !== plan.id) return;
      return settle(undefined, ctx.t('serverStateFailed', { message: ctx.errorText(err) }));
    }
    // The user may have chosen another plan while this answer was on its way: a later refresh covers that plan.
    if (ctx.plan()?.id !== plan.id) return;
    settle(answer);
  }

  function settle(answer: UnitStatus | undefined, error?: string): void {
    status = answer;
    render(error);
    for (const fn of listeners) fn(status);
  }

  return { refresh, current: () => status, listen: (fn) => void listeners.push(fn) };
}

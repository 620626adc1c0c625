// 单位与令牌 (supervisor, admin): lists units with contacts and token state; issues a 连接码 per unit or for every unit
// not yet connected at once (the server renders those onto a 令牌发放单 opened in the system browser, where printing
// works on every host — the codes appear only there); reissues (revoking the old tokens) and revokes, one click each.
import type { IssuedEnrollmentCode, UnitAccess } from '../../core/enrollment/enrollment-code.ts';
import { prepareBrowserWindow } from '../open-browser.ts';
import { cstMinute, renderAccessList } from '../ui/access-view.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface AccessPanel {
  wire(): void;
}

export function createAccessPanel(ctx: PaneContext): AccessPanel {
  let units: UnitAccess[] = [];

  async function load(): Promise<void> {
    units = await ctx.client().unitAccess();
    $('access-units').replaceChildren(
      renderAccessList(units, ctx.t, {
        issue: (u) => void run(() => issueOne(u, false)),
        reissue: (u) => void run(() => issueOne(u, true)),
        revoke: (u) => void run(() => revoke(u)),
      }),
    );
  }

  /** Runs a list action with the section's buttons disabled, errors in its status line. */
  async function run(fn: () => Promise<void>): Promise<void> {
    const buttons = [...$('access-section').querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try {
      await fn();
    } catch (err) {
      ctx.setStatus('access-status', ctx.errorText(err), 'error');
    } finally {
      for (const b of $('access-section').querySelectorAll('button')) b.disabled = false;
    }
  }

  function showCode(text: string, code: IssuedEnrollmentCode): void {
    ctx.setStatus('access-status', text, 'ok');
    $('access-code').textContent = code.code;
    $('access-code').hidden = false;
  }

  async function issueOne(u: UnitAccess, replace: boolean): Promise<void> {
    const [code] = await ctx.client().issueEnrollmentCodes([u.unitId], replace);
    const params = { unit: u.name, code: code!.code, expires: cstMinute(code!.expiresAt) };
    showCode(ctx.t(replace ? 'accessReissued' : 'accessCodeIssued', params), code!);
    await load();
  }

  async function revoke(u: UnitAccess): Promise<void> {
    await ctx.client().revokeUnitAccess(u.unitId);
    $('access-code').hidden = true;
    ctx.setStatus('access-status', ctx.t('accessRevoked', { unit: u.name }), 'ok');
    await load();
  }

  async function issueAll(): Promise<void> {
    // Opened at the click: a browser blocks a tab opened after the request (Office opens its own window instead).
    const tab = prepareBrowserWindow();
    try {
      if (!units.length) await load();
      const pending = units.filter((u) => u.active && u.activeTokens === 0);
      if (!pending.length) {
        tab.cancel();
        ctx.setStatus('access-status', ctx.t('accessNoneToIssue'), 'ok');
        return;
      }
      const sheet = await ctx.client().enrollmentSheet(pending.map((u) => u.unitId));
      tab.open(sheet.url);
      ctx.setStatus('access-status', ctx.t('accessCodesIssued', { n: sheet.count }), 'ok');
    } catch (err) {
      tab.cancel();
      throw err;
    }
    await load();
  }

  function wire(): void {
    $('access-load').addEventListener('click', () => void run(load));
    $('access-issue-all').addEventListener('click', () => void run(issueAll));
    // The section is shown by connecting as supervisor or admin (设置): load the list then, whoever connected it.
    new MutationObserver(() => {
      if (!$('access-section').hidden) void run(load);
    }).observe($('access-section'), { attributes: true, attributeFilter: ['hidden'] });
  }

  return { wire };
}

// 连接码 in 设置: the clerk types the code (or opens the page link `…/?code=XXXX-XXXX`) and the pane exchanges it once
// for the unit's token, saved exactly like a pasted token; then it connects as usual. The code is taken out of the
// address bar at once, so a reload or a shared screenshot does not carry it.
import { ApiClient } from '../api/client.ts';
import { STORAGE_KEYS } from '../queue/storage.ts';
import { $, input, type PaneContext } from './pane-context.ts';

export interface EnrollPanel {
  wire(): void;
  /** When the page was opened with ?code=…: exchanges it before the first connection. */
  fromLink(): Promise<void>;
}

export function createEnrollPanel(ctx: PaneContext, reconnect: () => Promise<void>): EnrollPanel {
  /** `connect: false` when the caller connects right after (page start), so the slow network is asked once. */
  async function enroll(code: string, connect = true): Promise<void> {
    const server = input('server-url').value.trim() || (ctx.storage.getItem(STORAGE_KEYS.server) ?? '');
    const result = await new ApiClient({ baseUrl: server }).enroll(code);
    ctx.storage.setItem(STORAGE_KEYS.token, result.token);
    input('token').value = result.token;
    input('enroll-code').value = '';
    if (connect) await reconnect();
    ctx.setStatus('enroll-status', ctx.t('enrolled', { unit: result.unitName }), 'ok');
  }

  function wire(): void {
    // Enter in the code box means "connect with this code", not the form's 保存并连接.
    input('enroll-code').addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      $('enroll-run').click();
    });
    $('enroll-run').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'enroll-status', async () => {
        const code = input('enroll-code').value.trim();
        if (!code) {
          ctx.setStatus('enroll-status', ctx.t('enrollNeedCode'), 'error');
          input('enroll-code').focus();
          return;
        }
        await enroll(code);
      }),
    );
  }

  async function fromLink(): Promise<void> {
    const url = new URL(location.href);
    const code = url.searchParams.get('code');
    if (!code) return;
    url.searchParams.delete('code');
    // office.js sets history.replaceState to null on the instance (its own routing workaround); the prototype's
    // method still works.
    History.prototype.replaceState.call(history, null, '', url.toString());
    input('enroll-code').value = code;
    try {
      await enroll(code, false);
    } catch (err) {
      ctx.setStatus('enroll-status', ctx.errorText(err), 'error');
    }
  }

  return { wire, fromLink };
}

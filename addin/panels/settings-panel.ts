// 设置 and the connection: saving server/token/signer, asking /me (or its offline cache), and what a connection
// decides for the rest of the pane — which sections show for the role, the open period, and the periods 汇总 offers.
import { calendarFor } from '../../core/calendar/schedule.ts';
import { halfMonthOf } from '../../core/calendar/half-month.ts';
import { type Me } from '../../core/schemas/api.ts';
import { ApiClient } from '../api/client.ts';
import { MeCache, fetchMe } from '../api/me-cache.ts';
import { readDocSettings, writeDocSettings, type DocSettings } from '../excel/index.ts';
import { STORAGE_KEYS } from '../queue/storage.ts';
import { h } from '../ui/dom.ts';
import { describeMe } from '../ui/me-label.ts';
import { periodOptions } from '../ui/period-options.ts';
import { historyVisible, sectionVisibility } from '../ui/sections.ts';
import { $, input, type PaneContext } from './pane-context.ts';
import { PaneNotice } from '../pane-notice.ts';

/** 主要负责人, 填报人 and 联系电话: kept with the workbook, like the unit. */
const LOCAL_FIELDS = { signer: 'signer', preparer: 'preparer', preparerPhone: 'preparer-phone' } as const;

/** What the settings form holds for the fields kept with the workbook. */
export function localSettings(): Pick<DocSettings, keyof typeof LOCAL_FIELDS> {
  const value = (k: keyof typeof LOCAL_FIELDS) => input(LOCAL_FIELDS[k]).value.trim();
  return { signer: value('signer'), preparer: value('preparer'), preparerPhone: value('preparerPhone') };
}

export interface SettingsPanel {
  /** Fills 主要负责人, 填报人 and 联系电话 from the workbook where the form is still empty. */
  showLocal(): void;
  /** Startup and the `online` event: (re)connect, then send this unit's queued items. */
  reconnectAndFlush(): Promise<void>;
  wire(): void;
}

/** Period ids sort as text ("2023-09-H1" < "2023-09-H2" < "2023-10-H1"). */
const later = (a: string, b: string) => (a > b ? a : b);

export function createSettingsPanel(
  ctx: PaneContext,
  after: {
    /** 提交记录 (the connection decides which queued items are sendable). */
    renderHistory(): void;
    /** Asks the server for this unit's standing. */
    refreshServerState(): Promise<void>;
    /** Sends what waits for the connected unit. */
    flush(): Promise<void>;
    /** Connected (or another plan chosen): the role's sections show what they show at once (汇总's table). */
    connected(): void;
  },
  /** Runs before the role's sections show (e.g. loads the office's sections for a supervisor). */
  beforeRole: (role: Me['role']) => Promise<void> = async () => undefined,
): SettingsPanel {
  const { storage, queue } = ctx;
  const meCache = new MeCache(storage);

  /** Fills a period select, keeping the user's choice when it is still offered (a reconnect must not reset it). */
  function fillPeriods(select: HTMLSelectElement, open: string): void {
    const chosen = select.value;
    const options = periodOptions(open, ctx.locale, ctx.plan());
    select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
    if (options.some((o) => o.value === chosen)) select.value = chosen;
  }

  function fillAllPeriods(open: string): void {
    ctx.openPeriod = open;
    fillPeriods($<HTMLSelectElement>('summary-period'), open);
  }

  function applyRole(role: Me['role'] | undefined): void {
    for (const [id, visible] of Object.entries(sectionVisibility(role))) $(id).hidden = !visible;
    $('history-section').hidden = !historyVisible(role, queue.list().length + queue.receipts.list().length);
  }

  async function connect(): Promise<void> {
    // Forget the previous connection first: a failed /me for a new token must not leave the old unit connected.
    ctx.me = undefined;
    ctx.session = undefined;
    const token = storage.getItem(STORAGE_KEYS.token) ?? '';
    const server = storage.getItem(STORAGE_KEYS.server) ?? '';
    if (!token) {
      ctx.setStatus('me-status', ctx.t('needToken'));
      fillAllPeriods(halfMonthOf(new Date()));
      return;
    }
    let answer;
    try {
      answer = await fetchMe(new ApiClient({ baseUrl: server, token }), meCache, server, token);
    } catch (err) {
      // Still offer the current period, so the select is never empty.
      fillAllPeriods(halfMonthOf(new Date()));
      throw err;
    }
    const me = answer.me;
    ctx.me = me;
    ctx.session = { server, token, me };
    // The role's sections are wired and shown (a supervisor's come as a chunk of their own) before the pane says
    // it is connected, so nothing the user then clicks is still loading.
    await beforeRole(me.role);
    applyRole(me.role);
    const label = describeMe(me, ctx.t);
    if (answer.offline) ctx.setStatus('me-status', ctx.t('offlineCached', { label }));
    else ctx.setStatus('me-status', ctx.t('connected', { label }), 'ok');
    fillPlans(me);
    fillAllPeriods(openPeriodOf(me, answer.offline));
    after.connected();
    await writeDocSettings({ unitId: me.unit?.id, ...localSettings() });
  }

  /** The plan select shows only when there is a choice; the choice is remembered on this computer. */
  function fillPlans(me: Me): void {
    const select = $<HTMLSelectElement>('plan');
    select.replaceChildren(
      ...me.plans.map((p) => h('option', { value: p.id }, p.docNumber ? `${p.title}（${p.docNumber}）` : p.title)),
    );
    const plan = ctx.plan();
    if (plan) select.value = plan.id;
    $('plan-field').hidden = me.plans.length < 2;
    if (!me.plans.length) ctx.setStatus('me-status', ctx.t('noPlan'), 'error');
  }

  /** The server's open period for the chosen plan; offline, the cached one may be from an earlier visit, so the
   * later of it and the PC clock's. */
  function openPeriodOf(me: Me, offline: boolean): string {
    const plan = ctx.plan();
    const clock = plan ? calendarFor(plan.schedule).periodOf(new Date()) : halfMonthOf(new Date());
    const server = (plan && me.openPeriods[plan.id]) ?? me.openPeriod;
    return offline ? later(server, clock) : server;
  }

  async function reconnectAndFlush(): Promise<void> {
    try {
      await connect();
    } catch (err) {
      ctx.setStatus('me-status', ctx.errorText(err), 'error');
    }
    after.renderHistory();
    await after.refreshServerState();
    // Without a token every queued item would fail with 401 and stop retrying; wait for the user instead.
    if (storage.getItem(STORAGE_KEYS.token)) await after.flush();
  }

  function wire(): void {
    $('plan').addEventListener('change', () => {
      storage.setItem(STORAGE_KEYS.plan, $<HTMLSelectElement>('plan').value);
      if (ctx.me) fillAllPeriods(openPeriodOf(ctx.me, false));
      after.connected();
      void after.refreshServerState();
    });
    $('settings-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      void ctx.action($<HTMLButtonElement>('save-settings'), 'me-status', async () => {
        const server = input('server-url').value.trim();
        if (server) storage.setItem(STORAGE_KEYS.server, server);
        else storage.removeItem(STORAGE_KEYS.server);
        const token = input('token').value.trim();
        // A header cannot carry Chinese: fetch would fail before reaching the server and read as "无法连接服务器".
        if (token && !/^[\x21-\x7e]+$/.test(token)) {
          input('token').focus();
          throw new PaneNotice(ctx.t('tokenMalformed'));
        }
        if (token) storage.setItem(STORAGE_KEYS.token, token);
        else storage.removeItem(STORAGE_KEYS.token);
        // Also on this computer: without Excel there is no workbook to remember them.
        const local = localSettings();
        for (const key of Object.keys(LOCAL_FIELDS) as (keyof typeof LOCAL_FIELDS)[])
          if (local[key]) storage.setItem(STORAGE_KEYS[key], local[key]);
        await writeDocSettings({ unitId: ctx.unitId(), ...local });
        await connect();
        after.renderHistory();
        await after.refreshServerState();
        await after.flush();
      });
    });
  }

  function showLocal(): void {
    const saved = readDocSettings();
    for (const [key, id] of Object.entries(LOCAL_FIELDS) as [keyof typeof LOCAL_FIELDS, string][]) {
      // The workbook's own first; without Excel, what this computer last saved.
      if (!input(id).value) input(id).value = saved[key] ?? storage.getItem(STORAGE_KEYS[key]) ?? '';
    }
  }

  return { showLocal, reconnectAndFlush, wire };
}

// Task pane entry: wires DOM events to the excel/, api/, queue/ and ui/ modules. Errors are caught here (the UI
// boundary) and shown in Chinese. Works outside Office too: then only settings and history are usable.
import { cstDate, periodOf, unitById, type Me, type ReportHeader } from '../core/index.ts';
import { ApiClient } from './api/client.ts';
import { ApiError } from './api/api-error.ts';
import { describeApiError } from './api/error-detail.ts';
import { MeCache, fetchMe } from './api/me-cache.ts';
import { checkActiveSheet, toSubmission, type SheetCheck } from './check-sheet.ts';
import {
  displayLanguage,
  excelApiReady,
  hasExcel,
  insertTemplate,
  readDocSettings,
  selectCell,
  writeDocSettings,
  writeSummarySheets,
} from './excel/index.ts';
import { pickLocale, translator, type MessageKey } from './i18n.ts';
import { STORAGE_KEYS, browserStorage } from './queue/storage.ts';
import { SubmissionQueue, type SendOutcome } from './queue/submission-queue.ts';
import { checkView } from './ui/check-view.ts';
import { h } from './ui/dom.ts';
import { renderHistory } from './ui/history-view.ts';
import { renderIssues } from './ui/issues-view.ts';
import { describeMe } from './ui/me-label.ts';
import { periodOptions } from './ui/period-options.ts';
import { renderPrintSheet } from './ui/print-view.ts';
import { renderReceipt } from './ui/receipt-view.ts';
import { historyVisible, sectionVisibility } from './ui/sections.ts';
import { renderSummaryUnits } from './ui/summary-view.ts';

const storage = browserStorage();
let locale = pickLocale('');
let t = translator(locale);
let me: Me | undefined;
/** The server + token `me` was answered for: queued items are only ever sent with it, as `me.unit`. */
let session: { server: string; token: string; me: Me } | undefined;
let lastCheck: SheetCheck | undefined;
/** Whether #submit-status currently shows a validation verdict (replaced by the next one) or a sending outcome. */
let submitStatusFromCheck = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);

function client(): ApiClient {
  return new ApiClient({ baseUrl: storage.getItem(STORAGE_KEYS.server) ?? '', token: storage.getItem(STORAGE_KEYS.token) ?? '' });
}

const meCache = new MeCache(storage);

/** The connected unit: the only unit whose queued items this pane sends. */
function connectedUnitId(): string | undefined {
  return session?.me.unit?.id;
}

const queue = new SubmissionQueue({
  storage,
  post: (s, key, itemUnitId) => {
    const current = session;
    // The token changed since the item was picked (settings saved mid-flush): keep it for its own unit's token.
    if (!current?.me.unit || current.me.unit.id !== itemUnitId) {
      return Promise.reject(new ApiError('network', 0, 'unit_changed', '连接的单位已变更，将在连接所属单位后发送', 'The connected unit changed; it is sent once its own unit is connected'));
    }
    return new ApiClient({ baseUrl: current.server, token: current.token }).postReport(s, key);
  },
});

function setStatus(id: string, text: string, kind: 'ok' | 'error' | '' = ''): void {
  const el = $(id);
  el.textContent = text;
  el.className = `status ${kind}`;
}

function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    // The clerk reads the pane's language only; the raw server wording goes to the console for whoever debugs.
    console.warn('[rectify] request failed', { status: err.status, code: err.code, serverMessage: err.serverMessage, issues: err.issues });
    return describeApiError(err, locale);
  }
  return t('unknownError', { message: err instanceof Error ? err.message : String(err) });
}

/** Runs a user action: disables the button, shows errors in the section's status line. */
async function action(button: HTMLButtonElement, statusId: string, fn: () => Promise<void>): Promise<void> {
  button.disabled = true;
  try {
    await fn();
  } catch (err) {
    console.error(err);
    setStatus(statusId, errorText(err), 'error');
  } finally {
    button.disabled = false;
  }
}

function applyStaticText(): void {
  document.documentElement.lang = locale;
  document.title = t('appTitle');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
}

function unitId(): string | undefined {
  return me?.unit?.id ?? readDocSettings().unitId;
}

/** Fills a period select, keeping the user's choice when it is still offered (a reconnect must not reset it). */
function fillPeriods(select: HTMLSelectElement, open: string): void {
  const chosen = select.value;
  const options = periodOptions(open, locale);
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (options.some((o) => o.value === chosen)) select.value = chosen;
}

function fillAllPeriods(open: string): void {
  fillPeriods($<HTMLSelectElement>('period'), open);
  fillPeriods($<HTMLSelectElement>('summary-period'), open);
}

/** Period ids sort as text ("2023-09-H1" < "2023-09-H2" < "2023-10-H1"). */
const later = (a: string, b: string) => (a > b ? a : b);

async function connect(): Promise<void> {
  // Forget the previous connection first: a failed /me for a new token must not leave the old unit connected.
  me = undefined;
  session = undefined;
  const token = storage.getItem(STORAGE_KEYS.token) ?? '';
  const server = storage.getItem(STORAGE_KEYS.server) ?? '';
  if (!token) {
    setStatus('me-status', t('needToken'));
    fillAllPeriods(periodOf(new Date()));
    return;
  }
  let answer;
  try {
    answer = await fetchMe(new ApiClient({ baseUrl: server, token }), meCache, server, token);
  } catch (err) {
    // Still offer the current period, so the select is never empty.
    fillAllPeriods(periodOf(new Date()));
    throw err;
  }
  me = answer.me;
  session = { server, token, me };
  const label = describeMe(me, t);
  if (answer.offline) setStatus('me-status', t('offlineCached', { label }));
  else setStatus('me-status', t('connected', { label }), 'ok');
  // Offline, the cached open period may be from an earlier visit; the clock knows the current one.
  fillAllPeriods(answer.offline ? later(me.openPeriod, periodOf(new Date())) : me.openPeriod);
  applyRole(me.role);
  await writeDocSettings({ unitId: me.unit?.id, signer: input('signer').value.trim() });
}

/** Startup and the `online` event: (re)connect, then send this unit's queued items. */
async function reconnectAndFlush(): Promise<void> {
  try {
    await connect();
  } catch (err) {
    setStatus('me-status', errorText(err), 'error');
  }
  renderHistoryList();
  // Without a token every queued item would fail with 401 and stop retrying; wait for the user instead.
  if (storage.getItem(STORAGE_KEYS.token)) afterFlush(await queue.flush({ force: true, unitId: connectedUnitId() }));
}

/** Why a unit action cannot start: no token, a token whose unit is not confirmed yet, or a token without a unit. */
function notConnectedText(): string {
  if (me) return t('needUnit');
  return t(storage.getItem(STORAGE_KEYS.token) ? 'needConnect' : 'needToken');
}

function applyRole(role: Me['role'] | undefined): void {
  for (const [id, visible] of Object.entries(sectionVisibility(role))) $(id).hidden = !visible;
  $('history-section').hidden = !historyVisible(role, queue.list().length + queue.receipts.list().length);
}

function setSubmitStatus(text: string, kind: 'ok' | 'error' | '' = '', fromCheck = false): void {
  setStatus('submit-status', text, kind);
  submitStatusFromCheck = fromCheck;
}

function renderHistoryList(): void {
  $('history').replaceChildren(
    renderHistory(
      queue.list(),
      queue.receipts.list(),
      t,
      locale,
      {
        retry: (key) => void queue.retry(key, connectedUnitId()).then((o) => o && showOutcome(o)).finally(renderHistoryList),
        discard: (key) => {
          queue.discard(key);
          renderHistoryList();
        },
      },
      session ? (session.me.unit?.id ?? null) : undefined,
    ),
  );
}

function scheduleRetry(): void {
  if (retryTimer) clearTimeout(retryTimer);
  const due = queue.nextDueIn(connectedUnitId());
  if (due === undefined) return;
  retryTimer = setTimeout(() => void queue.flush({ unitId: connectedUnitId() }).then(afterFlush), due);
}

function afterFlush(outcomes: SendOutcome[]): void {
  for (const o of outcomes) if (o.status === 'delivered') showOutcome(o);
  renderHistoryList();
  scheduleRetry();
}

function showOutcome(o: SendOutcome): void {
  if (o.status === 'discarded') return;
  $('receipt').replaceChildren();
  if (o.status === 'delivered') {
    setSubmitStatus('');
    $('receipt').append(renderReceipt(o.entry, t, locale));
  } else if (o.status === 'queued') {
    const secs = Math.round(Math.max(0, o.nextAttemptAt - Date.now()) / 1000);
    const joiner = locale === 'en-US' ? ' ' : '';
    setSubmitStatus(`${t('queued', { when: `${secs} s` })}${joiner}${locale === 'en-US' ? o.error.messageEn : o.error.message}`, 'error');
  } else {
    console.warn('[rectify] submission rejected', o.error);
    setSubmitStatus(t('failed', { message: locale === 'en-US' ? o.error.messageEn : o.error.message }), 'error');
  }
}

/** Validates the active sheet and shows the result everywhere it matters (校验 list + status, 提交 area). */
async function runCheck(): Promise<SheetCheck> {
  $('validate-progress').hidden = false;
  try {
    lastCheck = await checkActiveSheet({ unitId: unitId(), now: new Date() });
  } finally {
    $('validate-progress').hidden = true;
  }
  showCheck(lastCheck);
  return lastCheck;
}

function showCheck(c: SheetCheck): void {
  const view = checkView({ errors: c.errors, warnings: c.warnings, rows: c.rows.length }, t);
  setStatus('validate-status', view.validate.text, view.validate.kind);
  const sheet = c.sheetName;
  $('issues').replaceChildren(
    renderIssues(c.issues, t, locale, (issue) => {
      if (issue.column) void selectCell(sheet, `${issue.column}${issue.row}`).catch((e) => setStatus('validate-status', errorText(e), 'error'));
    }),
  );
  if (!view.canSubmit) {
    // The confirmation would send a sheet that no longer passes: close it.
    $('submit-panel').hidden = true;
    setSubmitStatus(view.submit.text, view.submit.kind, true);
  } else {
    if (submitStatusFromCheck) setSubmitStatus('');
    $('confirm-rows').textContent = String(c.dataRows.length);
  }
}

function wire(): void {
  $('settings-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void action($<HTMLButtonElement>('save-settings'), 'me-status', async () => {
      const server = input('server-url').value.trim();
      if (server) storage.setItem(STORAGE_KEYS.server, server);
      else storage.removeItem(STORAGE_KEYS.server);
      const token = input('token').value.trim();
      if (token) storage.setItem(STORAGE_KEYS.token, token);
      else storage.removeItem(STORAGE_KEYS.token);
      await writeDocSettings({ unitId: unitId(), signer: input('signer').value.trim() });
      await connect();
      renderHistoryList();
      afterFlush(await queue.flush({ force: true, unitId: connectedUnitId() }));
    });
  });

  $('insert-template').addEventListener('click', (ev) =>
    action(ev.currentTarget as HTMLButtonElement, 'template-status', async () => {
      const id = unitId();
      if (!id) throw new Error(notConnectedText());
      const r = await insertTemplate(id);
      setStatus('template-status', t('templateDone', { sheet: r.sheetName, rows: r.rows }), 'ok');
    }),
  );

  $('validate').addEventListener('click', (ev) =>
    action(ev.currentTarget as HTMLButtonElement, 'validate-status', async () => {
      await runCheck();
    }),
  );

  $('prepare-submit').addEventListener('click', (ev) =>
    action(ev.currentTarget as HTMLButtonElement, 'submit-status', async () => {
      $('submit-panel').hidden = true;
      $('receipt').replaceChildren();
      if (!me?.unit) throw new Error(notConnectedText());
      const signer = input('signer').value.trim();
      if (!signer) throw new Error(t('needSigner'));
      const c = await runCheck();
      if (c.errors) return;
      $('confirm-unit').textContent = me.unit.name;
      $('confirm-signer').textContent = signer;
      $('submit-panel').hidden = false;
    }),
  );

  $('cancel-send').addEventListener('click', () => {
    $('submit-panel').hidden = true;
  });

  $('confirm-send').addEventListener('click', (ev) =>
    action(ev.currentTarget as HTMLButtonElement, 'submit-status', async () => {
      if (!lastCheck || !me?.unit) return;
      const submission = toSubmission(lastCheck, $<HTMLSelectElement>('period').value, input('signer').value.trim());
      setSubmitStatus(t('sending'));
      const outcome = await queue.submit(submission, { unitName: me.unit.name, unitId: me.unit.id });
      $('submit-panel').hidden = true;
      showOutcome(outcome);
      renderHistoryList();
      scheduleRetry();
    }),
  );

  $('print').addEventListener('click', (ev) =>
    action(ev.currentTarget as HTMLButtonElement, 'print-status', async () => {
      const c = await runCheck();
      if (c.errors) throw new Error(t('submitBlocked', { errors: c.errors }));
      const id = unitId();
      const period = $<HTMLSelectElement>('period').value || me?.openPeriod || periodOf(new Date());
      const data = { unitName: (id && unitById(id)?.name) || me?.label || '', period, signer: input('signer').value.trim(), rows: c.dataRows, date: cstDate(new Date()) };
      $('print-area').replaceChildren(renderPrintSheet(data, t, locale));
      window.print();
    }),
  );

  $('write-summary').addEventListener('click', (ev) =>
    action(ev.currentTarget as HTMLButtonElement, 'summary-status', async () => {
      const period = $<HTMLSelectElement>('summary-period').value || undefined;
      const api = client();
      const [summary, matrix, reports, details] = await Promise.all([
        api.summary(period), api.matrix(undefined, period), api.listReports(period), api.details(period),
      ]);
      renderUnits(summary, reports);
      if (!hasExcel()) throw new Error(t('noExcel'));
      const names = await writeSummarySheets(summary, matrix, details);
      setStatus('summary-status', t('summaryDone', { sheets: names.join('、') }), 'ok');
    }),
  );

  // Back online: ask /me again (a pane opened offline may not know its unit yet), then send what waits.
  window.addEventListener('online', () => void reconnectAndFlush());
}

function renderUnits(summary: Awaited<ReturnType<ApiClient['summary']>>, reports: ReportHeader[]): void {
  $('summary-units').replaceChildren(
    renderSummaryUnits(summary, reports, t, (report) => {
      const reason = input('return-reason').value.trim();
      if (!reason) {
        setStatus('summary-status', `${t('returnReason')}？`, 'error');
        input('return-reason').focus();
        return;
      }
      void client()
        .returnReport(report.reportId, reason)
        .then(() => setStatus('summary-status', t('returnDone', { unit: report.unitName }), 'ok'))
        .catch((e) => setStatus('summary-status', errorText(e), 'error'));
    }),
  );
}

/** Office.onReady when office.js loaded; resolves at once (or after a short wait) in a plain browser. */
function officeReady(): Promise<void> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return Promise.resolve();
  return Promise.race([Office.onReady().then(() => undefined), new Promise<void>((r) => setTimeout(r, 3000))]);
}

async function main(): Promise<void> {
  await officeReady();
  locale = pickLocale(displayLanguage());
  t = translator(locale);
  applyStaticText();
  if (!hasExcel()) {
    document.body.classList.add('no-excel');
    $('host-banner').textContent = t('noExcel');
    $('host-banner').hidden = false;
  } else if (!excelApiReady()) {
    $('host-banner').textContent = t('oldExcel');
    $('host-banner').hidden = false;
  }
  input('server-url').value = storage.getItem(STORAGE_KEYS.server) ?? '';
  input('token').value = storage.getItem(STORAGE_KEYS.token) ?? '';
  input('signer').value = readDocSettings().signer ?? '';
  wire();
  renderHistoryList();
  await reconnectAndFlush();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void main());
else void main();

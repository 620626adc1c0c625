// Task pane entry: applies the locale and host banner, then composes the pane's sections (addin/panels/), which wire
// DOM events to the excel/, api/, queue/ and ui/ modules. Errors are caught at each section's action (the UI
// boundary) and shown in Chinese. Works outside Office too: then only settings and history are usable.
import { displayLanguage, excelApiReady, hasExcel, readDocSettings } from './excel/index.ts';
import { pickLocale, translator, type MessageKey } from './i18n.ts';
import { createCheckPanel } from './panels/check-panel.ts';
import { $, createPaneContext, input } from './panels/pane-context.ts';
import { createPlanImportPanel } from './panels/plan-import-panel.ts';
import { createSettingsPanel } from './panels/settings-panel.ts';
import { createSubmitPanel } from './panels/submit-panel.ts';
import { createSupervisorPanel } from './panels/supervisor-panel.ts';
import { STORAGE_KEYS } from './queue/storage.ts';

const ctx = createPaneContext();
// Each verdict also updates the 提交 area; `submit` exists before any check can run (checks start from events).
const check = createCheckPanel(ctx, (view, c) => submit.showVerdict(view, c));
const submit = createSubmitPanel(ctx, check);
const supervisor = createSupervisorPanel(ctx);
const settings = createSettingsPanel(ctx, submit);
const planImport = createPlanImportPanel(ctx, () => settings.reconnectAndFlush());

function applyStaticText(): void {
  document.documentElement.lang = ctx.locale;
  document.title = ctx.t('appTitle');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = ctx.t(el.dataset.i18n as MessageKey);
}

function wire(): void {
  settings.wire();
  check.wire();
  submit.wire();
  supervisor.wire();
  planImport.wire();
  // Back online: ask /me again (a pane opened offline may not know its unit yet), then send what waits.
  window.addEventListener('online', () => void settings.reconnectAndFlush());
}

/** Office.onReady when office.js loaded; resolves at once (or after a short wait) in a plain browser. */
function officeReady(): Promise<void> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return Promise.resolve();
  return Promise.race([Office.onReady().then(() => undefined), new Promise<void>((r) => setTimeout(r, 3000))]);
}

async function main(): Promise<void> {
  await officeReady();
  ctx.locale = pickLocale(displayLanguage());
  ctx.t = translator(ctx.locale);
  applyStaticText();
  if (!hasExcel()) {
    document.body.classList.add('no-excel');
    $('host-banner').textContent = ctx.t('noExcel');
    $('host-banner').hidden = false;
  } else if (!excelApiReady()) {
    $('host-banner').textContent = ctx.t('oldExcel');
    $('host-banner').hidden = false;
  }
  input('server-url').value = ctx.storage.getItem(STORAGE_KEYS.server) ?? '';
  input('token').value = ctx.storage.getItem(STORAGE_KEYS.token) ?? '';
  input('signer').value = readDocSettings().signer ?? '';
  wire();
  submit.renderHistoryList();
  await settings.reconnectAndFlush();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void main());
else void main();

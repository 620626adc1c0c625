// Task pane entry: shows the pane at once, decides whether it runs inside Office (office-loading.ts; a plain browser
// never waits for office.js), then applies the locale and the host banner and composes the pane's sections
// (addin/panels/), which wire DOM events to the excel/, api/, queue/ and ui/ modules. Errors are caught at each
// section's action (the UI boundary) and shown in Chinese. Inside Office whose office.js does not arrive in time the
// pane works as the browser page does, offers that page's address, and switches to Excel when Office comes after all.
import {
  displayLanguage,
  excelApiReady,
  excelWorkbook,
  getDocSetting,
  hasExcel,
  updateDocSettings,
} from './excel/index.ts';
import { pickLocale, translator, type MessageKey } from './i18n.ts';
import { loadLocale } from './load-locale.ts';
import { officeArrival, officeHostSignal, withinTime, type OfficeOutcome } from './office-loading.ts';
import { createCheckPanel } from './panels/check-panel.ts';
import { createEnrollPanel } from './panels/enroll-panel.ts';
import { createFilePanel } from './panels/file-panel.ts';
import { wireLoadPrevious } from './panels/load-previous-panel.ts';
import { $, createPaneContext, input, type PaneContext } from './panels/pane-context.ts';
import { createSettingsPanel } from './panels/settings-panel.ts';
import { createHistoryPanel } from './panels/history-panel.ts';
import type { OfficePanels } from './panels/office-panels.ts';
import { createPrintPanel } from './panels/print-panel.ts';
import { createSubmitPanel } from './panels/submit-panel.ts';
import { createUnitStatusPanel } from './panels/unit-status-panel.ts';
import { PENDING_SETTING, lostReports, marksOf, type PendingMark } from './queue/pending-marker.ts';
import { STORAGE_KEYS, browserStorage, officePartitionKey } from './queue/storage.ts';

function banner(text: string): void {
  $('host-banner').textContent = text;
  $('host-banner').hidden = !text;
}

function applyStaticText(ctx: PaneContext): void {
  document.documentElement.lang = ctx.locale;
  document.title = ctx.t('appTitle');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = ctx.t(el.dataset.i18n as MessageKey);
}

/** The address to open in a browser when Excel cannot run the add-in: this very page. */
const pageUrl = () => `${location.origin}/`;

/** Mirrors the queue's keys into the workbook (saved only when they change) and says which ones were lost here. */
function watchQueue(ctx: PaneContext): { lost(): PendingMark[]; record(): void } {
  return {
    lost: () => {
      const marks = getDocSetting<PendingMark[]>(PENDING_SETTING) ?? [];
      const queued = new Set(ctx.queue.list().map((q) => q.key));
      const delivered = new Set(ctx.queue.receipts.list().map((r) => r.idempotencyKey));
      return lostReports(marks, queued, delivered);
    },
    record: () => void updateDocSettings({ [PENDING_SETTING]: hasExcel() ? marksOf(ctx.queue.list()) : undefined }),
  };
}

/** The banner for where the pane runs; empty when Excel is there and new enough. */
function hostBannerText(ctx: PaneContext, office: OfficeOutcome | 'waiting' | 'browser'): string {
  if (office === 'browser') return ctx.t('webNoExcel');
  if (office === 'failed') return ctx.t('officeFailed', { url: pageUrl() });
  if (office === 'waiting') return ctx.t('officeWaiting', { url: pageUrl() });
  if (!hasExcel()) return ctx.t('noExcel', { url: pageUrl() });
  if (!excelApiReady()) return ctx.t('oldExcel', { url: pageUrl() });
  return '';
}

async function main(): Promise<void> {
  const inOffice = officeHostSignal();
  document.body.classList.toggle('in-office', inOffice);
  document.body.classList.toggle('phone', /Android|iPhone|iPad|iPod|Mobile|HarmonyOS/i.test(navigator.userAgent));
  const arrival = inOffice ? officeArrival() : undefined;
  if (arrival) banner(translator('zh-CN')('officeLoading'));
  const office = arrival ? await withinTime(arrival) : 'browser';
  // Storage keys start with Office's partition key, known only once Office is ready.
  const partitionKey = officePartitionKey();
  let onQueueWrite = (): void => undefined;
  const storage = browserStorage(partitionKey, (key) => key === STORAGE_KEYS.queue && onQueueWrite());
  const ctx = createPaneContext(storage);
  // Without Excel the page works on an uploaded file (addin/files/, loaded on first use).
  const files = createFilePanel(
    ctx,
    () => {
      // Another file or sheet: the previous verdict no longer describes what 提交 would send.
      submit.reset();
      ctx.setStatus('validate-status', '');
      $('issues').replaceChildren();
    },
    () => {
      // A file just read is checked at once (when the plan is known): the clerk sees its problems without a second step.
      if (ctx.plan())
        void ctx.action($<HTMLButtonElement>('validate'), 'validate-status', async () => void (await check.run()));
    },
  );
  const check = createCheckPanel(ctx, () => (hasExcel() ? excelWorkbook() : files.workbook()));
  const serverState = createUnitStatusPanel(ctx);
  const history = createHistoryPanel(ctx, (o) => {
    submit.sent(o);
    // A delivered report changes the unit's standing (a 退回 cleared, a period filed).
    if (o.status === 'delivered') void serverState.refresh();
  });
  const submit = createSubmitPanel(ctx, check, history.afterSend);
  const print = createPrintPanel(ctx, serverState);
  // 督办与销号 (a unit's 督办单 and 销号) is a chunk of its own, loaded once a unit is connected.
  let closureUnit: Promise<{ refresh(): Promise<void> }> | undefined;
  check.listen(submit.checked);
  serverState.listen(submit.statusChanged);
  serverState.listen(print.statusChanged);
  // 佐证材料 is a chunk of its own too (photo downscaling, the upload client): the pane shows before it arrives.
  const evidence = import('./panels/evidence-panel.ts').then(async (m) =>
    m.createEvidencePanel(ctx, check, await ctx.evidence(), submit.period),
  );
  check.listen((c) => void evidence.then((e) => e.showRows(c)));
  // The office's sections come as a chunk of their own, wired before they are first shown.
  let officePanels: Promise<OfficePanels> | undefined;
  const beforeRole = async (role: string): Promise<void> => {
    if (role === 'unit') return;
    officePanels ??= import('./panels/office-panels.ts').then((m) =>
      m.wireOfficePanels(ctx, () => settings.reconnectAndFlush()),
    );
    await officePanels;
  };
  const settings = createSettingsPanel(
    ctx,
    {
      renderHistory: history.render,
      refreshServerState: serverState.refresh,
      flush: () => history.flush(true),
      connected: () => {
        void officePanels?.then((o) => o.connected());
        if (ctx.me?.role === 'unit')
          closureUnit ??= import('./panels/closure-unit-panel.ts').then((m) => m.createClosureUnitPanel(ctx));
        $('closure-unit-section').hidden = ctx.me?.role !== 'unit';
        void closureUnit?.then((c) => c.refresh());
        // Signed in just now on a sheet's 佐证材料 link: open the file it names.
        void evidence.then((e) => e.fromLink());
      },
    },
    beforeRole,
  );
  const enroll = createEnrollPanel(ctx, () => settings.reconnectAndFlush());

  ctx.locale = pickLocale(displayLanguage());
  await loadLocale(ctx.locale);
  ctx.t = translator(ctx.locale);
  applyStaticText(ctx);
  const inExcel = hasExcel();
  document.body.classList.toggle('no-excel', !inExcel);
  document.body.classList.remove('office-pending');
  banner(hostBannerText(ctx, office));
  if (!inExcel) $('validate').textContent = ctx.t('validateUpload');
  input('server-url').value = storage.getItem(STORAGE_KEYS.server) ?? '';
  input('token').value = storage.getItem(STORAGE_KEYS.token) ?? '';
  settings.showLocal();

  const queueWatch = watchQueue(ctx);
  const lost = inExcel ? queueWatch.lost() : [];
  if (lost.length) {
    const note = $('queue-lost');
    note.textContent = ctx.t('reportsLost', {
      count: lost.length,
      periods: [...new Set(lost.map((m) => m.period))].join('、'),
    });
    note.hidden = false;
  }
  settings.wire();
  check.wire();
  files.wire();
  submit.wire();
  print.wire();
  enroll.wire();
  wireLoadPrevious(ctx);
  void evidence.then((e) => e.wire());
  // Back online: ask /me again (a pane opened offline may not know its unit yet), then send what waits.
  window.addEventListener(
    'online',
    () => void settings.reconnectAndFlush().then(() => evidence.then((e) => e.flush())),
  );
  history.render();
  if (inExcel) {
    // Shown once: the workbook forgets lost keys now, and remembers the queue from here on.
    queueWatch.record();
    onQueueWrite = queueWatch.record;
  }
  if (office === 'waiting') {
    // Office came after all: where its storage is partitioned the queue lives under other keys, so start afresh;
    // otherwise switch this pane to Excel as it is.
    void arrival!.then((late) => {
      if (late !== 'ready') return banner(ctx.t('officeFailed', { url: pageUrl() }));
      if (officePartitionKey() !== partitionKey) return location.reload();
      document.body.classList.toggle('no-excel', !hasExcel());
      banner(hostBannerText(ctx, late));
      if (hasExcel()) $('validate').textContent = ctx.t('validateRun');
      settings.showLocal();
      if (hasExcel()) {
        queueWatch.record();
        onQueueWrite = queueWatch.record;
      }
    });
  }
  await enroll.fromLink();
  await settings.reconnectAndFlush();
  const evidencePanel = await evidence;
  await evidencePanel.fromLink();
  void evidencePanel.flush();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void main());
else void main();

// The state the pane sections share, in one explicit object instead of module globals: who we are connected as,
// the pane's language, storage, the offline queue, and the status/error helpers every section uses. Fields are
// read at call time (never destructured), because startup sets the locale and connecting sets `me` later.
import { halfMonthOf } from '../../core/calendar/half-month.ts';
import { type Me } from '../../core/schemas/api.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { type Unit } from '../../core/schemas/unit.ts';
import { ApiClient } from '../api/client.ts';
import { ApiError } from '../api/api-error.ts';
import { PaneNotice } from '../pane-notice.ts';
import { describeApiError } from '../api/error-detail.ts';
import { readDocSettings } from '../excel/index.ts';
import { pickLocale, translator, type Locale, type Translate } from '../i18n.ts';
import {
  STORAGE_KEYS,
  browserStorage,
  officePartitionKey,
  savedConnection,
  type KeyValueStorage,
} from '../queue/storage.ts';
import { SubmissionQueue, uuid } from '../queue/submission-queue.ts';
import type { EvidenceOutbox } from '../evidence/evidence-outbox.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';

export type StatusKind = 'ok' | 'error' | '';

export interface PaneContext {
  readonly storage: KeyValueStorage;
  readonly queue: SubmissionQueue;
  /** 佐证材料 waiting for upload, and those uploaded, on this computer (sent before the report naming them); loaded on first use. */
  evidence(): Promise<EvidenceOutbox>;
  locale: Locale;
  t: Translate;
  me: Me | undefined;
  /** The period being reported now for the chosen plan (the server's, set on connecting; the PC clock's before). */
  openPeriod: string;
  /** The connected unit's measures already 已销号 (from /closures): the check demands no row for them. */
  closedMeasureIds: ReadonlySet<string>;
  /** The server + token `me` was answered for: queued items are only ever sent with it, as `me.unit`. */
  session: { server: string; token: string; me: Me } | undefined;
  /** A client for the server and token currently saved in settings. */
  client(): ApiClient;
  /** The connected unit: the only unit whose queued items this pane sends. */
  connectedUnitId(): string | undefined;
  /** The unit to work for: the connected one, else the one this workbook was last used with. */
  unitId(): string | undefined;
  /** The plan worked on: the one chosen in 设置 when several are active, else the only one (from /me). */
  plan(): Plan | undefined;
  /** The township's units (from /me), for resolving 责任单位 in the sheet. */
  units(): Unit[];
  /** Why a unit action cannot start: no token, a token whose unit is not confirmed yet, or a token without a unit. */
  notConnectedText(): string;
  setStatus(id: string, text: string, kind?: StatusKind): void;
  errorText(err: unknown): string;
  /** Runs a user action: disables the button, shows errors in the section's status line. */
  action(button: HTMLButtonElement, statusId: string, fn: () => Promise<void>): Promise<void>;
}

/** A status line shows `text`, coloured by kind. */
export function showStatus(el: HTMLElement, text: string, kind: StatusKind = ''): void {
  el.textContent = text;
  el.className = `status ${kind}`;
}

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
export const input = (id: string) => $<HTMLInputElement>(id);

/**
 * `storage` is created by the caller once Office is ready (its keys depend on Office's partition key); so is the
 * evidence store, on first use (IndexedDB named with the partition key unless `evidenceStore` is given).
 */
export function createPaneContext(
  storage: KeyValueStorage = browserStorage(),
  evidenceStore?: () => EvidenceStore,
): PaneContext {
  const locale = pickLocale('');
  /** The session to send a unit's items with, or a retryable refusal while connected as another unit (or not at all). */
  const sessionOf = (unitId: string | undefined) => {
    const current = ctx.session;
    // The token changed since the item was picked (settings saved mid-flush): keep it for its own unit's token.
    if (!current?.me.unit || current.me.unit.id !== unitId) {
      throw new ApiError(
        'network',
        0,
        'unit_changed',
        '连接的单位已变更，将在连接所属单位后发送',
        'The connected unit changed; it is sent once its own unit is connected',
      );
    }
    return current;
  };
  let outbox: Promise<EvidenceOutbox> | undefined;
  const ctx: PaneContext = {
    storage,
    queue: new SubmissionQueue({
      storage,
      post: async (s, key, itemUnitId) => {
        const current = sessionOf(itemUnitId);
        // The report's files first: it names them by the ids their uploads answer.
        const withFiles = await (await ctx.evidence()).resolve(s, itemUnitId!);
        return new ApiClient({ baseUrl: current.server, token: current.token }).postReport(withFiles, key);
      },
    }),
    evidence: () => (outbox ??= createOutbox(sessionOf, evidenceStore)),
    locale,
    t: translator(locale),
    me: undefined,
    openPeriod: halfMonthOf(new Date()),
    closedMeasureIds: new Set(),
    session: undefined,
    client: () => new ApiClient(savedConnection(storage)),
    connectedUnitId: () => ctx.session?.me.unit?.id,
    unitId: () => ctx.me?.unit?.id ?? readDocSettings().unitId,
    plan: () => {
      const plans = ctx.me?.plans ?? [];
      return plans.find((p) => p.id === storage.getItem(STORAGE_KEYS.plan)) ?? plans[0];
    },
    units: () => ctx.me?.units ?? [],
    notConnectedText: () => {
      if (ctx.me) return ctx.t('needUnit');
      return ctx.t(storage.getItem(STORAGE_KEYS.token) ? 'needConnect' : 'needToken');
    },
    setStatus: (id, text, kind = '') => showStatus($(id), text, kind),
    errorText: (err) => {
      if (err instanceof ApiError) {
        // The clerk reads the pane's language only; the raw server wording goes to the console for whoever debugs.
        console.warn('[rectify] request failed', {
          status: err.status,
          code: err.code,
          serverMessage: err.serverMessage,
          issues: err.issues,
        });
        return describeApiError(err, ctx.locale);
      }
      if (err instanceof PaneNotice) return err.message;
      return ctx.t('unknownError', { message: err instanceof Error ? err.message : String(err) });
    },
    action: async (button, statusId, fn) => {
      button.disabled = true;
      try {
        await fn();
      } catch (err) {
        console.error(err);
        ctx.setStatus(statusId, ctx.errorText(err), 'error');
      } finally {
        button.disabled = false;
      }
    },
  };
  return ctx;
}

/** The outbox and its upload client are a chunk of their own: a pane that never attaches a file never loads them. */
async function createOutbox(
  sessionOf: (unitId: string | undefined) => { server: string; token: string },
  store?: () => EvidenceStore,
): Promise<EvidenceOutbox> {
  const [{ EvidenceOutbox }, { browserEvidenceStore }, { uploadEvidence, deleteEvidence }, { xhrTransport }] =
    await Promise.all([
      import('../evidence/evidence-outbox.ts'),
      import('../evidence/evidence-store.ts'),
      import('../evidence/upload-client.ts'),
      import('../evidence/transport.ts'),
    ]);
  return new EvidenceOutbox({
    store: store?.() ?? browserEvidenceStore(officePartitionKey()),
    newId: uuid,
    upload: (unitId) => (blob, target, o) => {
      const current = sessionOf(unitId);
      return uploadEvidence(blob, target, {
        ...o,
        baseUrl: current.server,
        token: current.token,
        transport: xhrTransport,
      });
    },
    deleteFile: (unitId) => async (fileId) => {
      const current = sessionOf(unitId);
      await deleteEvidence(fileId, { baseUrl: current.server, token: current.token, transport: xhrTransport });
    },
  });
}

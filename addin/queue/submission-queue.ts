// Offline queue for submissions. A submission is written to storage together with its Idempotency-Key BEFORE the
// first attempt, and leaves storage only when the server acknowledges it (201, or a replay of the same key).
// Network failures, timeouts, 408, 429 and 5xx keep it queued with exponential backoff (and it is retried when the
// pane loads again); any other 4xx marks it failed with the server's error and it is not retried on its own.
// Because every retry reuses the key, the server stores the report exactly once however often we resend.
// Every confirmed 提交 is a new submission under a new key, even when its content equals a delivered report: after a
// supervisor 退回 the unchanged resubmission must become a new revision, not a replay of the returned one.
// Identical content still waiting in the queue is sent instead of queued twice.
// The server files a report under the unit of the token that sends it, so an item is only ever sent while the pane
// is connected as the unit it was queued for (`unitId`); items of another unit, or without a recorded unit (queued
// by an older version), wait in 提交记录 until the user connects with that unit's token or deletes them.
// One class: storage, retry and the unit rule decide together whether an item is sent, so they are read together.
import type { Submission } from '../../core/schemas/submission.ts';
import { ApiError } from '../api/api-error.ts';
import { describeApiError } from '../api/error-detail.ts';
import type { PostResult } from '../api/client.ts';
import { contentHash } from './content-hash.ts';
import { ReceiptLog, type ReceiptEntry } from './receipt-log.ts';
import { STORAGE_KEYS, readJson, type KeyValueStorage } from './storage.ts';

export interface QueueError {
  status: number;
  code: string;
  message: string;
  messageEn: string;
  issues: { path: string; code: string; message: string }[];
}

export interface QueueItem {
  key: string;
  submission: Submission;
  unitName?: string;
  unitId?: string;
  contentHash?: string;
  enqueuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: 'pending' | 'failed';
  lastError?: QueueError;
}

export type SendOutcome =
  | { key: string; status: 'delivered'; entry: ReceiptEntry }
  | { key: string; status: 'queued'; error: QueueError; nextAttemptAt: number }
  | { key: string; status: 'failed'; error: QueueError }
  /** The user deleted the item while its attempt was in flight; nothing is kept. */
  | { key: string; status: 'discarded' };

export interface QueueDeps {
  storage: KeyValueStorage;
  /**
   * Sends one submission; normally ApiClient.postReport bound to the current server and token. `unitId` is the
   * item's own unit: the pane refuses to send it under another unit's token.
   */
  post: (submission: Submission, idempotencyKey: string, unitId: string | undefined) => Promise<PostResult>;
  now?: () => number;
  newKey?: () => string;
  /** First retry delay; doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class SubmissionQueue {
  readonly receipts: ReceiptLog;
  private readonly inFlight = new Set<string>();
  private readonly now: () => number;
  private readonly newKey: () => string;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly deps: QueueDeps) {
    this.receipts = new ReceiptLog(deps.storage);
    this.now = deps.now ?? Date.now;
    this.newKey = deps.newKey ?? uuid;
    this.baseDelayMs = deps.baseDelayMs ?? 5_000;
    this.maxDelayMs = deps.maxDelayMs ?? 10 * 60_000;
  }

  /** Items read fresh from storage each time, so two panes (or a reload) see the same queue. */
  list(): QueueItem[] {
    return readJson<QueueItem[]>(this.deps.storage, STORAGE_KEYS.queue, []);
  }

  /** Whether the item may be sent while connected as `unitId`: only under the token of the unit it was queued for. */
  static sendableAs(item: Pick<QueueItem, 'unitId'>, unitId: string | undefined): boolean {
    return !!unitId && item.unitId === unitId;
  }

  /** Stores the submission under a new key, then tries to send it at once (as the unit it belongs to). */
  async submit(submission: Submission, meta: { unitName?: string; unitId: string }): Promise<SendOutcome> {
    const hash = contentHash(submission);
    const waiting = this.list().find(
      (i) => i.state === 'pending' && i.contentHash === hash && i.unitId === meta.unitId,
    );
    if (waiting) return this.send(waiting);
    const item: QueueItem = {
      key: this.newKey(),
      submission,
      unitName: meta.unitName,
      unitId: meta.unitId,
      contentHash: hash,
      enqueuedAt: this.now(),
      attempts: 0,
      nextAttemptAt: this.now(),
      state: 'pending',
    };
    this.save([...this.list(), item]);
    return this.send(item);
  }

  /**
   * Sends every pending item of the connected unit (`unitId`, from /me) that is due (all of them with force, e.g. on
   * pane load). Other units' items and items without a unit are never sent: the token would file them wrongly.
   */
  async flush(options: { unitId: string | undefined; force?: boolean }): Promise<SendOutcome[]> {
    const due = this.list().filter(
      (i) =>
        i.state === 'pending' &&
        SubmissionQueue.sendableAs(i, options.unitId) &&
        (options.force || i.nextAttemptAt <= this.now()),
    );
    const out: SendOutcome[] = [];
    for (const item of due) {
      if (this.inFlight.has(item.key)) continue;
      out.push(await this.send(item));
    }
    return out;
  }

  /** Milliseconds until the earliest pending retry of the connected unit, or undefined when none of its items waits. */
  nextDueIn(unitId: string | undefined): number | undefined {
    const pending = this.list().filter((i) => i.state === 'pending' && SubmissionQueue.sendableAs(i, unitId));
    if (!pending.length) return undefined;
    return Math.max(0, Math.min(...pending.map((i) => i.nextAttemptAt)) - this.now());
  }

  /** Puts a failed item back in line (after the user fixed the token, say) and sends it, if it is the unit's own. */
  async retry(key: string, unitId: string | undefined): Promise<SendOutcome | undefined> {
    const item = this.list().find((i) => i.key === key);
    if (!item || !SubmissionQueue.sendableAs(item, unitId) || this.inFlight.has(key)) return undefined;
    item.state = 'pending';
    item.nextAttemptAt = this.now();
    this.update(item);
    return this.send(item);
  }

  discard(key: string): void {
    this.save(this.list().filter((i) => i.key !== key));
  }

  backoff(attempts: number): number {
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  }

  private async send(item: QueueItem): Promise<SendOutcome> {
    this.inFlight.add(item.key);
    try {
      const result = await this.deps.post(item.submission, item.key, item.unitId);
      const entry: ReceiptEntry = {
        receipt: result.receipt,
        unitName: item.unitName,
        signer: item.submission.signer,
        ...(item.submission.preparer ? { preparer: item.submission.preparer } : {}),
        ...(item.submission.preparerPhone ? { preparerPhone: item.submission.preparerPhone } : {}),
        rowCount: item.submission.rows.length,
        idempotencyKey: item.key,
        replayed: result.replayed,
        deliveredAt: this.now(),
      };
      this.receipts.add(entry);
      this.save(this.list().filter((i) => i.key !== item.key));
      return { key: item.key, status: 'delivered', entry };
    } catch (err) {
      const apiError = err instanceof ApiError ? err : ApiError.network(err);
      const error = toQueueError(apiError);
      // Deleted (删除) while this attempt was in flight: the user discarded it, so do not write it back.
      const current = this.list().find((i) => i.key === item.key);
      if (!current) return { key: item.key, status: 'discarded' };
      current.attempts += 1;
      current.lastError = error;
      if (apiError.retryable) {
        current.state = 'pending';
        current.nextAttemptAt = this.now() + this.backoff(current.attempts);
        this.update(current);
        return { key: item.key, status: 'queued', error, nextAttemptAt: current.nextAttemptAt };
      }
      current.state = 'failed';
      this.update(current);
      return { key: item.key, status: 'failed', error };
    } finally {
      this.inFlight.delete(item.key);
    }
  }

  private update(item: QueueItem): void {
    const all = this.list();
    const i = all.findIndex((x) => x.key === item.key);
    if (i >= 0) all[i] = item;
    else all.push(item);
    this.save(all);
  }

  private save(items: QueueItem[]): void {
    if (items.length) this.deps.storage.setItem(STORAGE_KEYS.queue, JSON.stringify(items));
    else this.deps.storage.removeItem(STORAGE_KEYS.queue);
  }
}

function toQueueError(e: ApiError): QueueError {
  return {
    status: e.status,
    code: e.code,
    // One text per language, each built from the server's message in that language (message / messageEn).
    message: describeApiError(e, 'zh-CN'),
    messageEn: describeApiError(e, 'en-US'),
    issues: e.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })),
  };
}

/** RFC 4122 v4; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

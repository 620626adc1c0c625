// Attached evidence files, from the moment they are chosen until the Worker holds them: kept in the EvidenceStore
// first (so a file chosen offline survives a closed pane), then uploaded, one at a time. A report names its rows'
// files by `pending:<localId>` while they wait; `resolve` (called by the submission queue just before it posts)
// uploads what is still waiting and swaps in the server's ids, or throws an ApiError naming the file that is
// missing: retryable while it merely waits for the network (the report stays queued), final when it was refused.
// One class: a file's way from chosen to stored (or refused) is one state kept in one store, read in one place.
import type { Submission, SubmissionRow } from '../../core/schemas/submission.ts';
import type { EvidenceFile, EvidenceTarget } from '../../core/schemas/evidence.ts';
import { ApiError } from '../api/api-error.ts';
import { describeApiError } from '../api/error-detail.ts';
import type { EvidenceStore, StoredEvidence } from './evidence-store.ts';
import type { UploadOptions } from './upload-client.ts';

export type Upload = (
  blob: Blob,
  target: EvidenceTarget,
  o: Pick<UploadOptions, 'onProgress' | 'uploadId' | 'onUploadId'>,
) => Promise<EvidenceFile>;

export interface OutboxDeps {
  store: EvidenceStore;
  /** Uploads as `unitId` (the pane binds its session); rejects when connected as another unit or not at all. */
  upload: (unitId: string) => Upload;
  /** Deletes an uploaded file on the server as `unitId` (already gone counts as done; 409 while a report uses it). */
  deleteFile: (unitId: string) => (fileId: string) => Promise<void>;
  newId: () => string;
  now?: () => number;
}

export const PENDING_PREFIX = 'pending:';

const sameRow = (
  t: EvidenceTarget,
  plan: string | undefined,
  period: string,
  measure: string,
  item: string | undefined,
) =>
  (!plan || t.plan === plan) &&
  t.period === period &&
  t.measure === measure &&
  (t.item || undefined) === (item || undefined);

export class EvidenceOutbox {
  /** Bytes sent per file while its upload runs. */
  readonly progress = new Map<string, { sent: number; total: number }>();
  private readonly running = new Map<string, Promise<StoredEvidence>>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Called on every change (added, progress, uploaded, failed, removed), for the view to redraw. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  list(): Promise<StoredEvidence[]> {
    return this.deps.store.all();
  }

  /** Stores the file first, then tries to upload it (the returned record says how that went; it stays stored). */
  async add(blob: Blob, target: EvidenceTarget, meta: { unitId: string; thumbnail?: string }): Promise<StoredEvidence> {
    const record: StoredEvidence = {
      localId: this.deps.newId(),
      unitId: meta.unitId,
      target,
      size: blob.size,
      mime: blob.type,
      blob,
      thumbnail: meta.thumbnail,
      addedAt: (this.deps.now ?? Date.now)(),
    };
    await this.deps.store.put(record);
    this.changed();
    return this.send(record.localId, meta.unitId).catch(() => record);
  }

  /**
   * 删除: an uploaded file is deleted on the server first (the record stays when that fails: offline, or a report
   * refers to it); one waiting is only forgotten. The server keeps one copy of the same bytes, so a file still
   * attached to another row here is only forgotten for this one.
   */
  async remove(localId: string): Promise<void> {
    const all = await this.list();
    const record = all.find((r) => r.localId === localId);
    const fileId = record?.file?.id;
    if (record && fileId && !all.some((r) => r.localId !== localId && r.file?.id === fileId))
      await this.deps.deleteFile(record.unitId)(fileId);
    await this.deps.store.delete(localId);
    this.changed();
  }

  /** Uploads every waiting file of the connected unit, oldest first; failures stay recorded, none is thrown. */
  async flush(unitId: string | undefined): Promise<void> {
    if (!unitId) return;
    for (const r of await this.list()) {
      if (r.unitId === unitId && !r.file && !r.error) await this.send(r.localId, unitId).catch(() => undefined);
    }
  }

  /**
   * Uploads one waiting file (or joins the upload already running) and records the outcome: the server's file, or
   * a refusal. Rejects with the ApiError when it could not finish (offline: the file keeps waiting).
   */
  send(localId: string, unitId: string): Promise<StoredEvidence> {
    const running = this.running.get(localId);
    if (running) return running;
    const p = this.sendNow(localId, unitId).finally(() => {
      this.running.delete(localId);
      this.progress.delete(localId);
      this.changed();
    });
    this.running.set(localId, p);
    return p;
  }

  /** The report with each row's attached files: the server's id when uploaded, else `pending:<localId>`. */
  async withEvidence(submission: Submission, unitId: string): Promise<Submission> {
    const mine = (await this.list()).filter((r) => r.unitId === unitId && !r.error);
    const rows = submission.rows.map((row): SubmissionRow => {
      const ids = mine
        .filter((r) => sameRow(r.target, submission.planId, submission.period, row.measureId, row.item))
        .map((r) => r.file?.id ?? PENDING_PREFIX + r.localId);
      return ids.length ? { ...row, evidenceIds: ids } : row;
    });
    return { ...submission, rows };
  }

  /** Every `pending:` id uploaded (in row order) and replaced by the server's id; throws naming the missing file. */
  async resolve(submission: Submission, unitId: string): Promise<Submission> {
    const rows: SubmissionRow[] = [];
    for (const row of submission.rows) {
      if (!row.evidenceIds?.some((id) => id.startsWith(PENDING_PREFIX))) {
        rows.push(row);
        continue;
      }
      const ids: string[] = [];
      for (const id of row.evidenceIds)
        ids.push(id.startsWith(PENDING_PREFIX) ? await this.uploadedId(id.slice(PENDING_PREFIX.length), unitId) : id);
      rows.push({ ...row, evidenceIds: ids });
    }
    return { ...submission, rows };
  }

  private async uploadedId(localId: string, unitId: string): Promise<string> {
    const record = (await this.list()).find((r) => r.localId === localId);
    if (!record)
      throw new ApiError(
        'http',
        422,
        'evidence_missing',
        '报送所附的一份佐证材料已从本机删除：请重新添加后再提交',
        'A file attached to this report was removed from this computer: attach it again and resubmit',
      );
    const name = record.target.name;
    if (record.file) return record.file.id;
    if (record.error) throw refused(name, record.error);
    try {
      const done = await this.send(localId, unitId);
      if (done.file) return done.file.id;
      throw refused(name, done.error!);
    } catch (err) {
      if (err instanceof ApiError && !err.retryable) throw err;
      throw new ApiError(
        'network',
        0,
        'evidence_pending',
        `佐证材料“${name}”尚未上传，报送将在它上传后自动发送`,
        `The evidence file “${name}” is not uploaded yet; the report is sent once it is`,
        [],
        err instanceof Error ? err.message : String(err),
      );
    }
  }

  private async sendNow(localId: string, unitId: string): Promise<StoredEvidence> {
    const record = (await this.list()).find((r) => r.localId === localId);
    if (!record) throw new Error(`evidence ${localId} not found`);
    if (record.file || record.error) return record;
    if (!record.blob) throw new Error(`evidence ${localId} has no bytes`);
    if (record.unitId !== unitId)
      throw new ApiError(
        'network',
        0,
        'unit_changed',
        '连接的单位已变更，将在连接所属单位后上传',
        'The connected unit changed; it is uploaded once its own unit is connected',
      );
    const save = async (change: Partial<StoredEvidence>) => {
      Object.assign(record, change);
      // Removed meanwhile (删除 during the upload): do not write it back.
      if ((await this.list()).some((r) => r.localId === localId)) await this.deps.store.put(record);
    };
    try {
      const file = await this.deps.upload(unitId)(record.blob, record.target, {
        uploadId: record.uploadId,
        onUploadId: (uploadId) => void save({ uploadId }),
        onProgress: (sent, total) => {
          this.progress.set(localId, { sent, total });
          this.changed();
        },
      });
      await save({ file, blob: undefined, uploadId: undefined });
      return record;
    } catch (err) {
      if (err instanceof ApiError && !err.retryable) {
        await save({
          error: { code: err.code, message: describeApiError(err, 'zh-CN'), messageEn: describeApiError(err, 'en-US') },
          blob: undefined,
        });
        return record;
      }
      throw err;
    }
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}

function refused(name: string, error: NonNullable<StoredEvidence['error']>): ApiError {
  return new ApiError(
    'http',
    422,
    'evidence_refused',
    `佐证材料“${name}”未被服务器接收（${error.message}）：请删除或更换后重新提交`,
    `The evidence file “${name}” was refused (${error.messageEn}): remove or replace it and submit again`,
  );
}

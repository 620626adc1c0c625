// 提交记录: receipts of delivered submissions, newest first, kept in storage so they survive closing the pane.
import type { Receipt } from '../../core/schemas/submission.ts';
import { STORAGE_KEYS, readJson, type KeyValueStorage } from './storage.ts';

export interface ReceiptEntry {
  receipt: Receipt;
  unitName?: string;
  signer: string;
  /** 填报人 and 联系电话 as submitted (absent when left out, and in entries stored before they were kept). */
  preparer?: string;
  preparerPhone?: string;
  rowCount: number;
  idempotencyKey: string;
  /** The server answered with a stored receipt (Idempotent-Replayed): a retry of ours whose first reply was lost. */
  replayed: boolean;
  /** Client clock (ms) when the server's acknowledgement arrived. */
  deliveredAt: number;
}

export const RECEIPT_LOG_LIMIT = 100;

export class ReceiptLog {
  constructor(private readonly storage: KeyValueStorage) {}

  list(): ReceiptEntry[] {
    return readJson<ReceiptEntry[]>(this.storage, STORAGE_KEYS.receipts, []);
  }

  /** Adds an entry unless one with the same report id is already there (a replay of a delivered key). */
  add(entry: ReceiptEntry): void {
    const all = this.list();
    if (all.some((e) => e.receipt.reportId === entry.receipt.reportId)) return;
    all.unshift(entry);
    this.storage.setItem(STORAGE_KEYS.receipts, JSON.stringify(all.slice(0, RECEIPT_LOG_LIMIT)));
  }

  clear(): void {
    this.storage.removeItem(STORAGE_KEYS.receipts);
  }
}

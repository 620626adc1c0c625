// Concurrency: every unit submits 20 revisions of one period all at once over loopback. Each must be stored exactly
// once, none may fail with a 5xx, and each unit's revisions must be numbered 1..20 with no gap and no duplicate.
import { describe, expect, it } from 'vitest';
import { Receipt } from '../../core/schemas/submission.ts';
import { FULL, UNIT_IDS, retries, submit, unitHistory, validSubmission } from './client.ts';

const PER_UNIT = FULL ? 50 : 20;
const PERIOD = '2024-02-H1';

describe('concurrent submissions', () => {
  it(`stores ${UNIT_IDS.length} units × ${PER_UNIT} simultaneous submissions exactly once each, revisions 1..${PER_UNIT} per unit`, async () => {
    const jobs = UNIT_IDS.flatMap((unitId) =>
      Array.from({ length: PER_UNIT }, (_, n) => ({ unitId, signer: `签字人${n}`, key: crypto.randomUUID() })),
    );
    const replies = await Promise.all(
      jobs.map(async (job) => {
        const res = await submit(job.unitId, validSubmission(job.unitId, PERIOD, job.signer), job.key);
        const text = await res.text();
        return { ...job, status: res.status, text };
      }),
    );
    if (retries.serviceUnavailable || retries.network) console.log('concurrency: retried', JSON.stringify(retries));
    const failed = replies.filter((r) => r.status !== 201);
    expect(
      failed.map((r) => `${r.unitId} ${r.status} ${r.text.slice(0, 200)}`).slice(0, 5),
      `${failed.length} of ${jobs.length} failed`,
    ).toEqual([]);

    const receipts = replies.map((r) => ({ ...r, receipt: Receipt.parse(JSON.parse(r.text)) }));
    expect(new Set(receipts.map((r) => r.receipt.reportId)).size).toBe(jobs.length);
    for (const unitId of UNIT_IDS) {
      const mine = receipts.filter((r) => r.unitId === unitId);
      expect(mine.map((r) => r.receipt.revision).sort((a, b) => a - b)).toEqual(
        Array.from({ length: PER_UNIT }, (_, i) => i + 1),
      );
      // What is stored matches what was answered: same ids, same revision numbers, each signer once.
      const stored = await unitHistory(unitId, PERIOD);
      expect(stored).toHaveLength(PER_UNIT);
      expect(new Map(stored.map((s) => [s.reportId, s.revision]))).toEqual(
        new Map(mine.map((r) => [r.receipt.reportId, r.receipt.revision])),
      );
      expect(new Set(stored.map((s) => s.signer)).size).toBe(PER_UNIT);
    }
  });
});

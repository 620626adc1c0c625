// Replay: one submission sent again and again with its Idempotency-Key is stored once; every replay gets the stored
// receipt back byte for byte, marked Idempotent-Replayed.
import { describe, expect, it } from 'vitest';
import { Receipt } from '../../core/schemas/submission.ts';
import { FULL, pool, submit, unitHistory, validSubmission } from './client.ts';

const UNIT = 'v-menglai';
const REPLAYS = FULL ? 5_000 : 1_000;

describe('idempotent replay', () => {
  it(`stores one revision for the same submission sent ${REPLAYS.toLocaleString('en-US')} times and replays the receipt each time`, async () => {
    const period = '2024-01-H1';
    const body = validSubmission(UNIT, period);
    const key = crypto.randomUUID();
    const first = await submit(UNIT, body, key);
    const firstText = await first.text();
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const receipt = Receipt.parse(JSON.parse(firstText));
    expect(receipt.revision).toBe(1);

    const replies = await pool(REPLAYS, 16, async () => {
      const res = await submit(UNIT, body, key);
      return { status: res.status, replayed: res.headers.get('Idempotent-Replayed'), text: await res.text() };
    });
    const odd = replies.filter((r) => r.status !== 201 || r.replayed !== 'true' || r.text !== firstText);
    expect(odd.slice(0, 3)).toEqual([]);
    expect(replies).toHaveLength(REPLAYS);
    expect(await unitHistory(UNIT, period)).toEqual([
      expect.objectContaining({ reportId: receipt.reportId, revision: 1 }),
    ]);
  });

  it('stores one revision when the same key races 50 times at once', async () => {
    const period = '2024-01-H2';
    const body = validSubmission(UNIT, period);
    const key = crypto.randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const res = await submit(UNIT, body, key);
        return {
          status: res.status,
          replayed: res.headers.get('Idempotent-Replayed') === 'true',
          text: await res.text(),
        };
      }),
    );
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    // Exactly one request stored it; all others were answered from that stored receipt.
    expect(replies.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(await unitHistory(UNIT, period)).toHaveLength(1);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../addin/api/client.ts';
import { SubmissionQueue } from '../../addin/queue/submission-queue.ts';
import { MemoryStorage, STORAGE_KEYS } from '../../addin/queue/storage.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { PERIOD, TOKENS, TOKEN_UNITS, UNITS, startApiServer, submissionFor, type ApiServer } from './api-server.ts';

// The real Worker answers (test/addin/api-server.ts): its own idempotency, validation and receipts.
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
}, 180_000);
afterAll(() => server.close());
beforeEach(async () => {
  server.requests.length = 0;
  await server.mark();
});

const MINLIANG = UNITS.unit;
const BANLIE = UNITS.otherUnit;
/** Queue meta of the unit the default token belongs to. */
const own = { unitId: MINLIANG.id, unitName: MINLIANG.name };
const submission = submissionFor(MINLIANG.id);
const storedCount = async () => (await server.storedSinceMark()).length;

function setup(
  storage = new MemoryStorage(),
  token: string = TOKENS.unit,
  connected: string | undefined = TOKEN_UNITS[token]?.id ?? MINLIANG.id,
) {
  let now = 1_000_000;
  const api = new ApiClient({ baseUrl: server.url, token, timeoutMs: 2_000 });
  const queue = new SubmissionQueue({
    storage,
    post: (s, k) => api.postReport(s, k),
    now: () => now,
    baseDelayMs: 1_000,
    maxDelayMs: 8_000,
  });
  return {
    queue,
    storage,
    advance: (ms: number) => (now += ms),
    now: () => now,
    /** flush() as the pane calls it: as the unit its token is connected to. */
    flush: (force = false) => queue.flush({ unitId: connected, force }),
  };
}

const posts = () => server.requests.filter((r) => r.method === 'POST');

describe('SubmissionQueue', () => {
  it('stores the submission with its key before sending and removes it once the server answers 201', async () => {
    const { queue, storage } = setup();
    let storedBeforeSend: string | null = null;
    server.route('/api/v1/reports', (req, body, res) => {
      storedBeforeSend = storage.getItem(STORAGE_KEYS.queue);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          reportId: 'r-x',
          planId: DEMO_PLAN_ID,
          unitId: 'v-minliang',
          period: PERIOD,
          revision: 1,
          receivedAt: '2023-09-14T08:00:00.000Z',
          deadline: '2023-09-14T16:00:00.000Z',
          timeliness: 'on_time',
          warnings: 0,
        }),
      );
    });
    const out = await queue.submit(submission, own);
    server.route('/api/v1/reports', undefined);
    expect(out.status).toBe('delivered');
    expect(JSON.parse(storedBeforeSend!)).toEqual([expect.objectContaining({ key: out.key, submission })]);
    expect(queue.list()).toEqual([]);
    expect(queue.receipts.list()[0]).toMatchObject({
      receipt: { reportId: 'r-x' },
      unitName: '民良村',
      rowCount: submission.rows.length,
    });
  });

  it('keeps a submission queued on 5xx and network failure, retrying with doubling backoff and the same key', async () => {
    const { queue, advance, flush } = setup();
    server.failNext({ status: 502 }, 'drop');
    const first = await queue.submit(submission, own);
    expect(first).toMatchObject({ status: 'queued', nextAttemptAt: 1_000_000 + 1_000 });
    expect(await flush()).toEqual([]); // not due yet
    advance(1_000);
    const second = await flush();
    expect(second[0]).toMatchObject({ status: 'queued', nextAttemptAt: 1_001_000 + 2_000 });
    expect(queue.nextDueIn(MINLIANG.id)).toBe(2_000);
    advance(2_000);
    const third = await flush();
    expect(third[0]!.status).toBe('delivered');
    expect(new Set(posts().map((r) => r.headers['idempotency-key']))).toEqual(new Set([first.key]));
    expect(posts()).toHaveLength(3);
    expect(await storedCount()).toBe(1);
  });

  it('delivers exactly once when an acknowledgement was lost and the retry is answered as a replay', async () => {
    const { queue, flush } = setup();
    // The server stores the report but its answer is lost on the way back.
    server.failNext('ack-lost');
    const first = await queue.submit(submission, own);
    expect(first.status).toBe('queued');
    expect(await storedCount()).toBe(1);
    const replay = await flush(true);
    const again = await flush(true);
    expect(replay[0]).toMatchObject({ status: 'delivered', entry: { replayed: true } });
    expect(again).toEqual([]);
    expect(await storedCount()).toBe(1);
    expect(posts().map((r) => r.headers['idempotency-key'])).toEqual([first.key, first.key]);
    expect(queue.receipts.list()).toHaveLength(1);
  });

  it('answers a replay of a delivered key with the original receipt and no second report', async () => {
    const { queue } = setup();
    const out = await queue.submit(submission, own);
    const api = new ApiClient({ baseUrl: server.url, token: TOKENS.unit });
    const replay = await api.postReport(submission, out.key);
    expect(replay.replayed).toBe(true);
    if (out.status !== 'delivered') expect.fail(`expected delivered, got ${out.status}`);
    expect(replay.receipt).toEqual(out.entry.receipt);
    expect(await storedCount()).toBe(1);
  });

  it('survives a reload: a new queue over the same storage sends what the old one left', async () => {
    const storage = new MemoryStorage();
    const before = setup(storage);
    server.failNext({ status: 503 });
    const queued = await before.queue.submit(submission, own);
    expect(queued.status).toBe('queued');
    const after = setup(storage);
    expect(after.queue.list().map((i) => i.key)).toEqual([queued.key]);
    const sent = await after.flush(true);
    expect(sent[0]).toMatchObject({ status: 'delivered', key: queued.key });
    expect(after.queue.list()).toEqual([]);
  });

  it('marks a 4xx rejection failed with the server error and does not retry it', async () => {
    const { queue, advance, flush } = setup();
    const out = await queue.submit({ ...submission, rows: [] }, own);
    expect(out).toMatchObject({ status: 'failed', error: { status: 422, code: 'invalid_submission' } });
    expect(out.status === 'failed' && out.error.issues[0]!.path).toBe('rows');
    // The pane shows Chinese only: the English issue message becomes a description of the field.
    expect(out.status === 'failed' && out.error.message).toBe('提交的内容未通过校验（整改清单：内容为空或过少）');
    expect(out.status === 'failed' && out.error.messageEn).toContain('at least one row is required');
    advance(60 * 60_000);
    expect(await flush(true)).toEqual([]);
    expect(queue.list()[0]).toMatchObject({ state: 'failed', attempts: 1 });
    expect(posts()).toHaveLength(1);
  });

  it('retries 408 and 429 like server errors, and lets the user retry a failed item after fixing the token', async () => {
    const storage = new MemoryStorage();
    const bad = setup(storage, 'revoked');
    server.failNext({ status: 429 });
    expect((await bad.queue.submit(submission, own)).status).toBe('queued');
    bad.advance(1_000);
    const [rejected] = await bad.flush();
    expect(rejected).toMatchObject({ status: 'failed', error: { status: 401 } });
    expect(rejected!.status === 'failed' && rejected!.error.message).toBe(
      '访问令牌无效或已撤销，请在“设置”中重新粘贴令牌（访问令牌：格式不正确）',
    );
    const good = setup(storage, TOKENS.unit);
    const retried = await good.queue.retry(rejected!.key, MINLIANG.id);
    expect(retried).toMatchObject({ status: 'delivered' });
  });

  it('sends identical content submitted again after delivery as a new submission under a new key (a new revision)', async () => {
    const { queue } = setup();
    const first = await queue.submit(submission, own);
    // e.g. the supervisor returned (退回) the report and the clerk resubmits it unchanged.
    const again = await queue.submit(structuredClone(submission), own);
    expect(again.key).not.toBe(first.key);
    expect(again).toMatchObject({ status: 'delivered', entry: { replayed: false } });
    const revisions = [first, again].map((o) => (o.status === 'delivered' ? o.entry.receipt.revision : NaN));
    expect(revisions[1]).toBe(revisions[0]! + 1);
    expect(await storedCount()).toBe(2);
    expect(queue.receipts.list()).toHaveLength(2);
    expect(Object.keys(again.status === 'delivered' ? again.entry : {})).not.toContain('repeat');
  });

  it('treats a replay that answers its own retry after a lost reply as an ordinary receipt', async () => {
    const { queue, flush } = setup();
    server.failNext('ack-lost');
    const first = await queue.submit(submission, own);
    const [delivered] = await flush(true);
    expect(delivered).toMatchObject({ status: 'delivered', key: first.key, entry: { replayed: true } });
    expect(await storedCount()).toBe(1);
  });

  it('does not queue identical content twice while the first copy is still waiting', async () => {
    const { queue } = setup();
    server.failNext({ status: 503 }, { status: 503 });
    const first = await queue.submit(submission, own);
    const second = await queue.submit(structuredClone(submission), own);
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    expect(second.key).toBe(first.key);
    expect(queue.list()).toHaveLength(1);
    expect(queue.list()[0]!.attempts).toBe(2);
  });

  it("never sends a unit's queued report under another unit's token, and sends it once that unit is connected again", async () => {
    const storage = new MemoryStorage();
    // Village 民良村 reports while offline: the item waits in storage.
    const a = setup(storage, TOKENS.unit);
    server.failNext('drop');
    const queued = await a.queue.submit(submission, own);
    expect(queued.status).toBe('queued');
    // The clerk pastes 班列村's token; the pane connects as 班列村 and forces a flush.
    const b = setup(storage, TOKENS.otherUnit);
    const before = posts().length;
    expect(await b.flush(true)).toEqual([]);
    expect(b.queue.nextDueIn(BANLIE.id)).toBeUndefined();
    expect(await b.queue.retry(queued.key, BANLIE.id)).toBeUndefined();
    expect(posts()).toHaveLength(before);
    expect(b.queue.list().map((i) => [i.key, i.unitId, i.unitName])).toEqual([
      [queued.key, MINLIANG.id, MINLIANG.name],
    ]);
    // Back on 民良村's token it goes out, filed under 民良村.
    const again = setup(storage, TOKENS.unit);
    const [sent] = await again.flush(true);
    expect(sent).toMatchObject({ status: 'delivered', key: queued.key, entry: { receipt: { unitId: MINLIANG.id } } });
    expect(posts().at(-1)!.headers.authorization).toBe(`Bearer ${TOKENS.unit}`);
    expect((await server.storedSinceMark()).map((r) => r.unitId)).toEqual([MINLIANG.id]);
  });

  it('never sends an item that recorded no unit (queued by an older pane), whatever unit is connected', async () => {
    const storage = new MemoryStorage();
    const legacy = { key: 'legacy-key', submission, enqueuedAt: 1, attempts: 1, nextAttemptAt: 1, state: 'pending' };
    storage.setItem(STORAGE_KEYS.queue, JSON.stringify([legacy]));
    for (const token of [TOKENS.unit, TOKENS.otherUnit]) {
      const { queue, flush } = setup(storage, token);
      expect(await flush(true)).toEqual([]);
      expect(await queue.retry('legacy-key', TOKEN_UNITS[token]!.id)).toBeUndefined();
      expect(queue.nextDueIn(TOKEN_UNITS[token]!.id)).toBeUndefined();
    }
    // Not connected at all (supervisor, or /me not answered): nothing is sent either.
    expect(await setup(storage, TOKENS.unit, undefined).flush(true)).toEqual([]);
    expect(posts()).toEqual([]);
  });

  it('does not bring back an item deleted while its attempt was in flight when that attempt fails', async () => {
    const { queue } = setup();
    server.route('/api/v1/reports', (_req, _body, res) => {
      setTimeout(() => {
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'unavailable', message: '服务器繁忙', messageEn: 'busy' } }));
      }, 150);
    });
    try {
      const sending = queue.submit(submission, own);
      await expect.poll(() => posts().length).toBe(1);
      const [item] = queue.list();
      queue.discard(item!.key);
      const outcome = await sending;
      expect(outcome).toEqual({ key: item!.key, status: 'discarded' });
      expect(queue.list()).toEqual([]);
    } finally {
      server.route('/api/v1/reports', undefined);
    }
  });

  it('caps the backoff delay', () => {
    const { queue } = setup();
    expect([1, 2, 3, 4, 5, 10].map((n) => queue.backoff(n))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });
});

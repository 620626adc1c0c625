import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../addin/api/client.ts';
import { SubmissionQueue } from '../../addin/queue/submission-queue.ts';
import { MemoryStorage, STORAGE_KEYS } from '../../addin/queue/storage.ts';
import { TOKENS, startApiServer, type ApiServer } from './api-server.ts';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.stored.clear();
});

const submission = { period: '2023-09-H1', signer: '李四', rows: [{ measureId: '1-1', status: 'ongoing' as const, progress: '入户走访 120 户' }] };

function setup(storage = new MemoryStorage(), token: string = TOKENS.unit) {
  let now = 1_000_000;
  const api = new ApiClient({ baseUrl: server.url, token, timeoutMs: 2_000 });
  const queue = new SubmissionQueue({ storage, post: (s, k) => api.postReport(s, k), now: () => now, baseDelayMs: 1_000, maxDelayMs: 8_000 });
  return { queue, storage, advance: (ms: number) => (now += ms), now: () => now };
}

const posts = () => server.requests.filter((r) => r.method === 'POST');

describe('SubmissionQueue', () => {
  it('stores the submission with its key before sending and removes it once the server answers 201', async () => {
    const { queue, storage } = setup();
    let storedBeforeSend: string | null = null;
    server.route('/api/v1/reports', (req, body, res) => {
      storedBeforeSend = storage.getItem(STORAGE_KEYS.queue);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ reportId: 'r-x', unitId: 'v-minliang', period: '2023-09-H1', revision: 1, receivedAt: '2023-09-14T08:00:00.000Z', deadline: '2023-09-14T16:00:00.000Z', timeliness: 'on_time', warnings: 0 }));
    });
    const out = await queue.submit(submission, { unitName: '民良村' });
    server.route('/api/v1/reports', undefined);
    expect(out.status).toBe('delivered');
    expect(JSON.parse(storedBeforeSend!)).toEqual([expect.objectContaining({ key: out.key, submission })]);
    expect(queue.list()).toEqual([]);
    expect(queue.receipts.list()[0]).toMatchObject({ receipt: { reportId: 'r-x' }, unitName: '民良村', rowCount: 1 });
  });

  it('keeps a submission queued on 5xx and network failure, retrying with doubling backoff and the same key', async () => {
    const { queue, advance } = setup();
    server.failNext({ status: 502 }, 'drop');
    const first = await queue.submit(submission);
    expect(first).toMatchObject({ status: 'queued', nextAttemptAt: 1_000_000 + 1_000 });
    expect(await queue.flush()).toEqual([]); // not due yet
    advance(1_000);
    const second = await queue.flush();
    expect(second[0]).toMatchObject({ status: 'queued', nextAttemptAt: 1_001_000 + 2_000 });
    expect(queue.nextDueIn()).toBe(2_000);
    advance(2_000);
    const third = await queue.flush();
    expect(third[0]!.status).toBe('delivered');
    expect(new Set(posts().map((r) => r.headers['idempotency-key']))).toEqual(new Set([first.key]));
    expect(posts()).toHaveLength(3);
    expect(server.stored.size).toBe(1);
  });

  it('delivers exactly once when an acknowledgement was lost and the retry is answered as a replay', async () => {
    const { queue } = setup();
    // The server stores the report but its answer is lost on the way back.
    server.failNext('ack-lost');
    const first = await queue.submit(submission);
    expect(first.status).toBe('queued');
    expect(server.stored.size).toBe(1);
    const replay = await queue.flush({ force: true });
    const again = await queue.flush({ force: true });
    expect(replay[0]).toMatchObject({ status: 'delivered', entry: { replayed: true } });
    expect(again).toEqual([]);
    expect(server.stored.size).toBe(1);
    expect(posts().map((r) => r.headers['idempotency-key'])).toEqual([first.key, first.key]);
    expect(queue.receipts.list()).toHaveLength(1);
  });

  it('answers a replay of a delivered key with the original receipt and no second report', async () => {
    const { queue } = setup();
    const out = await queue.submit(submission);
    const api = new ApiClient({ baseUrl: server.url, token: TOKENS.unit });
    const replay = await api.postReport(submission, out.key);
    expect(replay.replayed).toBe(true);
    expect(out.status === 'delivered' && replay.receipt).toEqual(out.status === 'delivered' && out.entry.receipt);
    expect(server.stored.size).toBe(1);
  });

  it('survives a reload: a new queue over the same storage sends what the old one left', async () => {
    const storage = new MemoryStorage();
    const before = setup(storage);
    server.failNext({ status: 503 });
    const queued = await before.queue.submit(submission);
    expect(queued.status).toBe('queued');
    const after = setup(storage);
    expect(after.queue.list().map((i) => i.key)).toEqual([queued.key]);
    const sent = await after.queue.flush({ force: true });
    expect(sent[0]).toMatchObject({ status: 'delivered', key: queued.key });
    expect(after.queue.list()).toEqual([]);
  });

  it('marks a 4xx rejection failed with the server error and does not retry it', async () => {
    const { queue, advance } = setup();
    const out = await queue.submit({ ...submission, rows: [] });
    expect(out).toMatchObject({ status: 'failed', error: { status: 422, code: 'validation_failed' } });
    expect(out.status === 'failed' && out.error.issues[0]!.path).toBe('rows');
    advance(60 * 60_000);
    expect(await queue.flush({ force: true })).toEqual([]);
    expect(queue.list()[0]).toMatchObject({ state: 'failed', attempts: 1 });
    expect(posts()).toHaveLength(1);
  });

  it('retries 408 and 429 like server errors, and lets the user retry a failed item after fixing the token', async () => {
    const storage = new MemoryStorage();
    const bad = setup(storage, 'revoked');
    server.failNext({ status: 429 });
    expect((await bad.queue.submit(submission)).status).toBe('queued');
    bad.advance(1_000);
    const [rejected] = await bad.queue.flush();
    expect(rejected).toMatchObject({ status: 'failed', error: { status: 401 } });
    const good = setup(storage, TOKENS.unit);
    const retried = await good.queue.retry(rejected!.key);
    expect(retried).toMatchObject({ status: 'delivered' });
  });

  it('treats a replay that answers its own retry after a lost reply as an ordinary receipt, not a repeat', async () => {
    const { queue } = setup();
    server.failNext('ack-lost');
    await queue.submit(submission, { unitId: 'v-minliang' });
    const [delivered] = await queue.flush({ force: true });
    expect(delivered).toMatchObject({ status: 'delivered', entry: { replayed: true, repeat: false } });
  });

  it('answers a repeat of the same content with the original receipt under the original key, and no new report', async () => {
    const { queue } = setup();
    const first = await queue.submit(submission, { unitId: 'v-minliang' });
    const again = await queue.submit(structuredClone(submission), { unitId: 'v-minliang' });
    expect(again.key).toBe(first.key);
    expect(again).toMatchObject({ status: 'delivered', entry: { replayed: true, repeat: true } });
    expect(first.status === 'delivered' && again.status === 'delivered' && again.entry.receipt).toEqual(first.status === 'delivered' && first.entry.receipt);
    expect(server.stored.size).toBe(1);
    expect(queue.receipts.list()).toHaveLength(1);
  });

  it('sends changed content, or content that differs from the latest report of that period, under a new key', async () => {
    const { queue } = setup();
    const changed = { ...submission, rows: [{ ...submission.rows[0]!, progress: '入户走访 150 户' }] };
    const a = await queue.submit(submission, { unitId: 'v-minliang' });
    const b = await queue.submit(changed, { unitId: 'v-minliang' });
    // Back to the first content: the current report is b, so this must become a new revision, not a replay of a.
    const c = await queue.submit(structuredClone(submission), { unitId: 'v-minliang' });
    const otherPeriod = await queue.submit({ ...changed, period: '2023-08-H2' }, { unitId: 'v-minliang' });
    expect(new Set([a.key, b.key, c.key, otherPeriod.key]).size).toBe(4);
    expect([b, c, otherPeriod].map((o) => o.status === 'delivered' && o.entry.repeat)).toEqual([false, false, false]);
    expect(server.stored.size).toBe(4);
  });

  it('does not queue identical content twice while the first copy is still waiting', async () => {
    const { queue } = setup();
    server.failNext({ status: 503 }, { status: 503 });
    const first = await queue.submit(submission, { unitId: 'v-minliang' });
    const second = await queue.submit(structuredClone(submission), { unitId: 'v-minliang' });
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    expect(second.key).toBe(first.key);
    expect(queue.list()).toHaveLength(1);
    expect(queue.list()[0]!.attempts).toBe(2);
  });

  it('caps the backoff delay', () => {
    const { queue } = setup();
    expect([1, 2, 3, 4, 5, 10].map((n) => queue.backoff(n))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });
});

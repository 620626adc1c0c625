import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, fileNameOf } from '../../addin/api/client.ts';
import { ApiError } from '../../addin/api/api-error.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { TOKENS, UNITS, startApiServer, submissionFor, type ApiServer } from './api-server.ts';

// The real Worker answers (test/addin/api-server.ts).
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
}, 180_000);
afterAll(() => server.close());

const submission = submissionFor(UNITS.unit.id);

describe('ApiClient', () => {
  it('sends the Bearer token and parses /me with the core schema', async () => {
    const me = await new ApiClient({ baseUrl: server.url, token: TOKENS.unit }).me();
    expect(me.unit?.name).toBe('民良村');
    expect(me.plans.map((p) => p.id)).toEqual([DEMO_PLAN_ID]);
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKENS.unit}`);
  });

  it('posts a submission with its Idempotency-Key and reports a replay of the same key', async () => {
    const api = new ApiClient({ baseUrl: `${server.url}/`, token: TOKENS.unit });
    const key = crypto.randomUUID();
    const first = await api.postReport(submission, key);
    const again = await api.postReport(submission, key);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ receipt: first.receipt, replayed: true });
    expect(server.requests.at(-1)!.headers['idempotency-key']).toBe(key);
  });

  it('maps an {error} body to an ApiError with a Chinese message, the server code and the issues', async () => {
    const api = new ApiClient({ baseUrl: server.url, token: TOKENS.unit });
    const err = await api.postReport({ ...submission, rows: [] }, crypto.randomUUID()).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'invalid_submission',
      retryable: false,
      serverMessage: '报送内容有误：rows',
      serverMessageEn: 'invalid submission: rows',
    });
    expect(err.message).toContain('未通过校验');
    expect(err.issues).toEqual([
      { path: 'rows', code: 'too_small', message: 'at least one row is required', severity: 'error' },
    ]);
  });

  it('explains a rejected token in Chinese and does not mark it retryable', async () => {
    const err = await new ApiClient({ baseUrl: server.url, token: 'wrong' }).me().catch((e) => e);
    expect(err).toMatchObject({ status: 401, code: 'invalid_token', retryable: false });
    expect(err.message).toContain('令牌');
  });

  it('saves /export.csv under the Chinese name the server gives in filename*', async () => {
    const got = await new ApiClient({ baseUrl: server.url, token: TOKENS.supervisor }).exportCsv('2023-09-H1');
    expect(got.filename).toBe('整改进展汇总-2023年9月上半月.csv');
    expect(await got.blob.text()).toContain('填报单位');
    expect(fileNameOf('attachment; filename="a.csv"')).toBe('a.csv');
    expect(fileNameOf(`attachment; filename="a.csv"; filename*=UTF-8''%E4%B8%8D%ZZ`)).toBe('a.csv');
  });

  it('treats 5xx, 429 and dropped connections as retryable', async () => {
    const api = new ApiClient({ baseUrl: server.url, token: TOKENS.unit });
    server.failNext(
      { status: 503, body: { error: { code: 'unavailable', message: 'busy' } } },
      { status: 429 },
      'drop',
    );
    const errors = [await api.me().catch((e) => e), await api.me().catch((e) => e), await api.me().catch((e) => e)];
    expect(errors.map((e) => [e.kind, e.status, e.retryable])).toEqual([
      ['http', 503, true],
      ['http', 429, true],
      ['network', 0, true],
    ]);
    expect(errors[2].message).toContain('无法连接服务器');
  });

  it('gives up after the timeout with a timeout error', async () => {
    server.failNext({ delayMs: 500 });
    const err = await new ApiClient({ baseUrl: server.url, token: TOKENS.unit, timeoutMs: 100 }).me().catch((e) => e);
    expect(err).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('rejects a 200 answer that does not match the schema instead of trusting it', async () => {
    server.route('/api/v1/summary', (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>not the api</title>');
    });
    const err = await new ApiClient({ baseUrl: server.url, token: TOKENS.supervisor })
      .summary('2023-09-H1')
      .catch((e) => e);
    expect(err).toMatchObject({ kind: 'bad_response', status: 200 });
    expect(server.requests.at(-1)!.path).toBe('/api/v1/summary?period=2023-09-H1');
  });
});

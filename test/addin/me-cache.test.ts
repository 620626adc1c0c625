// /me for a pane opened offline: the last answer for this server + token stands in when the server cannot be
// reached, never for another token, and a rejected token forgets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../addin/api/client.ts';
import { MeCache, fetchMe, meCacheId } from '../../addin/api/me-cache.ts';
import { MemoryStorage, STORAGE_KEYS } from '../../addin/queue/storage.ts';
import { TOKENS, startApiServer, type ApiServer } from './api-server.ts';

// The real Worker answers (test/addin/api-server.ts).
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
}, 180_000);
afterAll(() => server.close());

const connect = (cache: MeCache, token: string) =>
  fetchMe(new ApiClient({ baseUrl: server.url, token, timeoutMs: 2_000 }), cache, server.url, token);

describe('fetchMe', () => {
  it('falls back to the last answer for the same server and token when /me cannot be reached', async () => {
    const cache = new MeCache(new MemoryStorage());
    const online = await connect(cache, TOKENS.unit);
    expect(online).toMatchObject({ offline: false, me: { unit: { id: 'v-minliang' } } });
    server.failNext('drop');
    const offline = await connect(cache, TOKENS.unit);
    expect(offline).toMatchObject({ offline: true, me: online.me });
    server.failNext({ status: 502 });
    expect((await connect(cache, TOKENS.unit)).offline).toBe(true);
  });

  it("does not lend one token's cached unit to another token, nor to another server", async () => {
    const storage = new MemoryStorage();
    const cache = new MeCache(storage);
    await connect(cache, TOKENS.unit);
    server.failNext('drop');
    await expect(connect(cache, TOKENS.otherUnit)).rejects.toMatchObject({ kind: 'network' });
    expect(cache.get(`${server.url}/other`, TOKENS.unit)).toBeUndefined();
    expect(meCacheId(server.url, TOKENS.unit)).toBe(meCacheId(`${server.url}/`, ` ${TOKENS.unit} `));
  });

  it('keeps the token itself out of the cache', async () => {
    const storage = new MemoryStorage();
    await connect(new MeCache(storage), TOKENS.unit);
    const raw = storage.getItem(STORAGE_KEYS.me)!;
    expect(raw).toContain('v-minliang');
    expect(raw).not.toContain(TOKENS.unit);
  });

  it('forgets the cached answer when the server says the token is invalid, and reports the 401', async () => {
    const storage = new MemoryStorage();
    const cache = new MeCache(storage);
    await connect(cache, TOKENS.unit);
    server.failNext({
      status: 401,
      body: { error: { code: 'token_revoked', message: '访问令牌已被撤销', messageEn: 'token revoked' } },
    });
    await expect(connect(cache, TOKENS.unit)).rejects.toMatchObject({ status: 401, retryable: false });
    expect(cache.get(server.url, TOKENS.unit)).toBeUndefined();
    server.failNext('drop');
    await expect(connect(cache, TOKENS.unit)).rejects.toMatchObject({ kind: 'network' });
  });
});

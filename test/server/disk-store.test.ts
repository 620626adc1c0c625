// The disk EvidenceStore keeps R2's promises (worker/storage/evidence-store.ts) on a real folder: exactly `size`
// bytes or nothing, readers never see a partial file, listing pages with a cursor, multipart parts assembled in
// order, and nothing left in its temporary folder after a failure.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskStore } from '../../server/disk-store.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-disk-store-'));
const store = diskStore(dir);
beforeAll(() => store.ready());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
      c.close();
    },
  });
const failing = () =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('half'));
      c.error(new Error('client hung up'));
    },
  });
const text = async (key: string) => {
  const o = await store.get(key);
  return o && { size: o.size, text: await new Response(o.body).text() };
};
const leftovers = () => readdirSync(path.join(dir, 'tmp'));

describe('diskStore', () => {
  it('stores a body of exactly the declared size and gives it back', async () => {
    await store.put('evidence/a', streamOf('hello ', 'world'), 11);
    expect(await text('evidence/a')).toEqual({ size: 11, text: 'hello world' });
  });

  it('stores nothing for a body shorter or longer than declared, or one that errors, and keeps no temporary file', async () => {
    await expect(store.put('evidence/short', streamOf('abc'), 4)).rejects.toThrow(/3 bytes, 4 expected/);
    await expect(store.put('evidence/long', streamOf('abcde'), 4)).rejects.toThrow(/longer than 4/);
    await expect(store.put('evidence/cut', failing(), 10)).rejects.toThrow(/hung up/);
    for (const k of ['evidence/short', 'evidence/long', 'evidence/cut']) expect(await store.get(k)).toBeNull();
    expect(leftovers()).toEqual([]);
  });

  it('keeps the old bytes readable while a replacement fails halfway', async () => {
    await store.put('evidence/keep', streamOf('first'), 5);
    await expect(store.put('evidence/keep', failing(), 10)).rejects.toThrow();
    expect(await text('evidence/keep')).toEqual({ size: 5, text: 'first' });
  });

  it('lists keys under a prefix in pages of 1,000 with a cursor', async () => {
    for (let i = 0; i < 1005; i++) await store.put(`page/${String(i).padStart(4, '0')}`, streamOf('x'), 1);
    const first = await store.list('page/');
    expect(first.objects).toHaveLength(1000);
    expect(first.cursor).toBe('page/0999');
    const second = await store.list('page/', first.cursor);
    expect(second.objects.map((o) => o.key)).toEqual(['page/1000', 'page/1001', 'page/1002', 'page/1003', 'page/1004']);
    expect(second.cursor).toBeUndefined();
    expect(second.objects[0]!.uploaded).toBeInstanceOf(Date);
  });

  it('assembles multipart parts in part order and deletes objects', async () => {
    const id = await store.createMultipart('evidence/big');
    const two = await store.uploadPart('evidence/big', id, 2, streamOf('world'), 5);
    const one = await store.uploadPart('evidence/big', id, 1, streamOf('hello '), 6);
    await store.completeMultipart(
      'evidence/big',
      id,
      [two, one].map((p, i) => ({ partNumber: 2 - i, etag: p.etag })),
    );
    expect(await text('evidence/big')).toEqual({ size: 11, text: 'hello world' });
    await store.delete(['evidence/big', 'evidence/never-there']);
    expect(await store.get('evidence/big')).toBeNull();
  });

  it('refuses an upload id or etag that would reach outside its folder', async () => {
    await expect(store.uploadPart('k', '../../objects', 1, streamOf('x'), 1)).rejects.toThrow(
      /unknown multipart upload/,
    );
    const id = await store.createMultipart('evidence/odd');
    await expect(store.completeMultipart('evidence/odd', id, [{ partNumber: 1, etag: '../../x' }])).rejects.toThrow(
      /unknown part/,
    );
  });

  it('clears temporary files a crash left behind when it gets ready', async () => {
    writeFileSync(path.join(dir, 'tmp', 'crashed.part'), 'partial');
    await store.ready();
    expect(leftovers()).toEqual([]);
  });
});

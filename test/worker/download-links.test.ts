// Download links inside workerd with a real D1 (issue 17): a file the pane cannot save itself (Excel for Mac) is
// handed over and comes back through a 10-minute link in the system browser, byte for byte, under its Chinese name;
// the database holds neither the link's token nor the file in the clear; bad names and sizes are refused naming the
// field. The 令牌发放单 is a server page behind such a link: its codes appear there and nowhere in D1.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DOWNLOAD_LINK_MAX_BYTES,
  type EnrollmentSheetLink,
  type DownloadLink,
} from '../../core/downloads/download-link.ts';
import { call, errorOf, makeToken, type TestToken } from './helpers.ts';

let unit: TestToken;
let sup: TestToken;
const NOW = '2024-05-02T02:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

function link(
  data: Uint8Array,
  fileName: string | undefined,
  o: { token?: string; now?: string } = {},
): Promise<Response> {
  return call('/download-links', {
    method: 'POST',
    token: o.token ?? unit.token,
    now: o.now ?? NOW,
    rawBody: data,
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(fileName === undefined ? {} : { 'X-File-Name': encodeURIComponent(fileName) }),
    },
  });
}

describe('download links', () => {
  beforeAll(async () => {
    unit = await makeToken('unit', 'v-dinglai');
    sup = await makeToken('supervisor');
  });

  it('gives the file back through the link for 10 minutes, byte for byte, under its Chinese name', async () => {
    const bytes = new TextEncoder().encode('\uFEFF措施,单位\n1-1,丁来村\n');
    const res = await link(bytes, '整改进展汇总-2026年12月上半月.csv');
    expect(res.status).toBe(201);
    const { url, expiresAt } = (await res.json()) as DownloadLink;
    expect(expiresAt).toBe(later(10 * 60_000));
    expect(url).not.toContain(unit.token);
    const path = new URL(url).pathname.replace('/api/v1', '');
    const got = await call(path, { now: later(9 * 60_000) });
    expect(got.status).toBe(200);
    expect(got.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(got.headers.get('Content-Disposition')).toBe(
      `attachment; filename="download.csv"; filename*=UTF-8''${encodeURIComponent('整改进展汇总-2026年12月上半月.csv')}`,
    );
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const expired = await call(path, { now: later(10 * 60_000 + 1) });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('下载链接已失效');
  });

  it('serves a 通报 .docx under the Word type', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 docx');
    const res = await link(bytes, '整改工作推进情况通报-2023年12月上半月.docx');
    expect(res.status).toBe(201);
    const path = new URL(((await res.json()) as DownloadLink).url).pathname.replace('/api/v1', '');
    const got = await call(path, { now: later(60_000) });
    expect(got.headers.get('Content-Type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
  });

  it('stores neither the token nor the file in the clear', async () => {
    const marker = 'PLAINTEXT-MARKER-丁来村';
    const res = await link(new TextEncoder().encode(marker), '标记.csv');
    const token = tokenOf(((await res.json()) as DownloadLink).url);
    const { results } = await env.DB.prepare('SELECT token_hash, hex(body) AS body FROM download_links').all<{
      token_hash: string;
      body: string;
    }>();
    const dump = JSON.stringify(results);
    expect(dump).not.toContain(token);
    const markerHex = [...new TextEncoder().encode('PLAINTEXT-MARKER')]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
    expect(dump).not.toContain(markerHex);
  });

  it('refuses a missing or unsafe file name and an empty or too large body, naming the field', async () => {
    const missing = await link(new Uint8Array([1]), undefined);
    expect(missing.status).toBe(422);
    expect((await errorOf(missing)).issues?.[0]?.path).toBe('X-File-Name');
    const unsafe = await link(new Uint8Array([1]), '../汇总.xlsx');
    expect((await errorOf(unsafe)).issues?.[0]?.path).toBe('X-File-Name');
    const exe = await link(new Uint8Array([1]), '汇总表.exe');
    expect((await errorOf(exe)).issues?.[0]?.path).toBe('X-File-Name');
    const empty = await link(new Uint8Array(0), '汇总表.xlsx');
    expect((await errorOf(empty)).issues?.[0]?.path).toBe('body');
    const big = await link(new Uint8Array(DOWNLOAD_LINK_MAX_BYTES + 1), '汇总表.xlsx');
    expect(big.status).toBe(413);
  });

  it('makes links only for a signed-in caller', async () => {
    const res = await call('/download-links', {
      method: 'POST',
      rawBody: new Uint8Array([1]),
      headers: { 'X-File-Name': 'a.csv' },
    });
    expect(res.status).toBe(401);
  });

  it('issues codes onto a 令牌发放单 page behind a link, the codes nowhere in the database', async () => {
    const res = await call('/enrollment/sheet', {
      token: sup.token,
      body: { unitIds: ['v-minliang', 'v-yongan'] },
      now: NOW,
    });
    expect(res.status).toBe(201);
    const sheet = (await res.json()) as EnrollmentSheetLink;
    expect(sheet.count).toBe(2);
    expect(JSON.stringify(sheet)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const page = await call(new URL(sheet.url).pathname.replace('/api/v1', ''), { now: later(60_000) });
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('Content-Disposition')).toMatch(/^inline;/);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('令牌发放单');
    expect(html).toContain('民良村');
    expect(html).toContain('永安村');
    const codes = [...html.matchAll(/<td class="code">([0-9A-Z]{4}-[0-9A-Z]{4})<\/td>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(2);
    // Each code works once, as one from /enrollment/codes does.
    const enrolled = await call('/enroll', { body: { code: codes[0] }, now: later(120_000) });
    expect(enrolled.status).toBe(201);
    const { results } = await env.DB.prepare('SELECT * FROM enrollment_codes').all();
    const { results: links } = await env.DB.prepare('SELECT hex(body) AS body FROM download_links').all();
    for (const code of codes) {
      expect(JSON.stringify(results)).not.toContain(code.replace('-', ''));
      expect(JSON.stringify(links)).not.toContain(
        [...new TextEncoder().encode(code)]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join('')
          .toUpperCase(),
      );
    }
  });

  it('lets only the office issue a 令牌发放单', async () => {
    const res = await call('/enrollment/sheet', { token: unit.token, body: { unitIds: ['v-minliang'] }, now: NOW });
    expect(res.status).toBe(403);
  });
});

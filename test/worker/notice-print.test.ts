// The printable 督办单 inside workerd: the office or the unit it is addressed to gets a 10-minute link to an A4 page
// (no script, nothing loaded, every value escaped); another unit can neither print nor read it.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, makeToken, ORIGIN, type TestToken } from './helpers.ts';
import { SELF } from 'cloudflare:test';

const A = 'v-yingge';
const B = 'v-menglai';
const NOW = '2023-11-30T02:00:00Z';
let a: TestToken;
let b: TestToken;
let sup: TestToken;
let noticeId: string;

const printLink = (id: string, token: string) => call(`/notices/${id}/print-link`, { token, now: NOW, method: 'POST' });

/** Opens a link at `now` the way the system browser does: no bearer token. */
const open = (url: string, now: string) =>
  SELF.fetch(url.replace(/^https?:\/\/[^/]+/, ORIGIN), { headers: { 'X-Rectify-Now': now } });

describe('printable 督办单', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
    const res = await call('/notices', {
      token: sup.token,
      now: NOW,
      body: {
        measureId: '3-1',
        unitId: A,
        requirement: '12月10日前完成<script>alert(1)</script>项目验收',
        dueDate: '2023-12-10',
      },
    });
    expect(res.status).toBe(201);
    noticeId = ((await res.json()) as { id: string }).id;
  });

  it('gives the unit it is addressed to a link to an A4 page with number, measure, requirement, due date and signature lines', async () => {
    const res = await printLink(noticeId, a.token);
    expect(res.status).toBe(201);
    const { url, expiresAt } = (await res.json()) as { url: string; expiresAt: string };
    expect(url).not.toContain(a.token);
    expect(Date.parse(expiresAt) - Date.parse(NOW)).toBe(10 * 60_000);
    const page = await open(url, NOW);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toMatch(/督办〔2023〕第 \d+ 号/);
    expect(html).toContain('英格村');
    expect(html).toContain('3-1 加快项目建设进度');
    expect(html).toContain('2023年12月10日前');
    expect(html).toContain('主要负责人（签字）');
    expect(html).toContain('督办单位（盖章）');
    expect(html).toContain('size: A4 portrait');
    // The requirement is shown, escaped: nothing in the page runs.
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<script');
  });

  it('prints the answer once the unit has answered', async () => {
    const answered = await call(`/notices/${noticeId}/answer`, {
      token: a.token,
      now: NOW,
      body: { text: '已完成验收，验收报告已上传。' },
    });
    expect(answered.status).toBe(200);
    const { url } = (await (await printLink(noticeId, sup.token)).json()) as { url: string };
    const html = await (await open(url, NOW)).text();
    expect(html).toContain('已完成验收，验收报告已上传。');
    expect(html).toContain('已回复');
  });

  it("refuses another unit's print link as if the notice did not exist", async () => {
    const res = await printLink(noticeId, b.token);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('id');
    expect((await printLink('dn_nope', sup.token)).status).toBe(404);
  });

  it("never lists another unit's notices to a unit, even when it names that unit", async () => {
    const res = await call(`/notices?unit=${A}`, { token: b.token, now: NOW });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notices: { unitId: string }[]; byUnit: Record<string, unknown> };
    expect(body.notices.some((n) => n.unitId === A)).toBe(false);
    expect(body.byUnit[A]).toBeUndefined();
  });

  it('answers 410 once the link is older than 10 minutes', async () => {
    const { url } = (await (await printLink(noticeId, a.token)).json()) as { url: string };
    const later = new Date(Date.parse(NOW) + 10 * 60_000 + 1000).toISOString();
    expect((await open(url, later)).status).toBe(410);
  });

  it('refuses an admin token, which has no business printing a notice', async () => {
    const admin = await makeToken('admin');
    expect((await printLink(noticeId, admin.token)).status).toBe(403);
  });
});

// 报送单 print links inside workerd: a unit gets a 10-minute link to its own report that works without its bearer
// token and shows the submitted revision (escaped) with the 填报人 and 联系电话 it was filed with; other units cannot get
// one; an expired link says so.
import { SELF, createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../worker/index.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { aroundDeadline, call, errorOf, makeToken, ORIGIN, submissionFor, submit, type TestToken } from './helpers.ts';

const A = 'v-dinglai';
const B = 'o-water';
const PERIOD = '2023-11-H2';
const NOW = aroundDeadline(PERIOD, -3_600_000);
let a: TestToken;
let b: TestToken;
let sup: TestToken;
let reportId: string;

const open = (url: string, now: string) =>
  SELF.fetch(url.replace(/^https?:\/\/[^/]+/, ORIGIN), { headers: { 'X-Rectify-Now': now } });

describe('print links', () => {
  beforeAll(async () => {
    a = await makeToken('unit', A);
    b = await makeToken('unit', B);
    sup = await makeToken('supervisor');
    const body = submissionFor(A, PERIOD, '岩温');
    body.rows[0]!.progress = '<script>alert(1)</script>入户走访12户';
    body.rows[0]!.target = 20;
    body.rows[0]!.fundsPaid = 12.5;
    const res = await submit(a.token, body, { now: NOW });
    reportId = ((await res.json()) as { reportId: string }).reportId;
  });

  it('gives the unit a link that opens its submitted report without a bearer token, escaped and without script', async () => {
    const res = await call(`/reports/${reportId}/print-link`, { method: 'POST', token: a.token, now: NOW });
    expect(res.status).toBe(201);
    const { url, expiresAt } = (await res.json()) as { url: string; expiresAt: string };
    expect(url).not.toContain(a.token);
    expect(new Date(expiresAt).getTime() - new Date(NOW).getTime()).toBe(10 * 60_000);
    const page = await open(url, NOW);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toContain('text/html');
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('丁来村');
    expect(html).toContain('2311B-丁来-01');
    expect(html).toContain('11月29日24时前');
    expect(html).toContain('主要负责人（签字）：岩温');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;入户走访12户');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<td class="n">12.5</td>');
  });

  it('stops working after 10 minutes', async () => {
    const { url } = (await (
      await call(`/reports/${reportId}/print-link`, { method: 'POST', token: sup.token, now: NOW })
    ).json()) as { url: string };
    expect((await open(url, new Date(new Date(NOW).getTime() + 9 * 60_000).toISOString())).status).toBe(200);
    const late = await open(url, new Date(new Date(NOW).getTime() + 10 * 60_000).toISOString());
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('打印链接已失效');
  });

  it('gives another unit no link to the report and treats a made-up token as expired', async () => {
    expect((await call(`/reports/${reportId}/print-link`, { method: 'POST', token: b.token, now: NOW })).status).toBe(
      404,
    );
    expect((await open(`${ORIGIN}/api/v1/print/not-a-token`, NOW)).status).toBe(410);
  });

  it('prints the 填报人 and 联系电话 the submission carries, and the API returns them with the report', async () => {
    const body = { ...submissionFor(A, '2023-11-H1', '岩温'), preparer: '玉香', preparerPhone: '0691-1234567' };
    const res = await submit(a.token, body, { now: NOW });
    expect(res.status).toBe(201);
    const { reportId: id } = (await res.json()) as { reportId: string };
    const detail = (await (await call(`/reports/${id}`, { token: a.token, now: NOW })).json()) as {
      preparer: string | null;
      preparerPhone: string | null;
    };
    expect(detail).toMatchObject({ preparer: '玉香', preparerPhone: '0691-1234567' });
    const { url } = (await (
      await call(`/reports/${id}/print-link`, { method: 'POST', token: a.token, now: NOW })
    ).json()) as { url: string };
    const html = await (await open(url, NOW)).text();
    expect(html).toContain('<b>填报人：</b>玉香');
    expect(html).toContain('<b>联系电话：</b>0691-1234567');
    // The first report left them out: its 报送单 falls back to the unit's registered contact (none here), blank.
    const first = (await (await call(`/reports/${reportId}`, { token: a.token, now: NOW })).json()) as {
      preparer: string | null;
    };
    expect(first.preparer).toBeNull();
  });

  it('refuses a 联系电话 with letters, naming the field, and stores nothing', async () => {
    const res = await submit(a.token, { ...submissionFor(A, '2023-10-H2'), preparerPhone: 'call me' }, { now: NOW });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.issues!.map((i) => i.path)).toContain('preparerPhone');
    const list = (await (await call('/reports?period=2023-10-H2', { token: a.token, now: NOW })).json()) as {
      reports: unknown[];
    };
    expect(list.reports).toHaveLength(0);
  });
});

describe('print links kept in bounds', () => {
  const expiries = async (id: string) =>
    (
      await env.DB.prepare('SELECT expires_at AS e FROM print_links WHERE report_id = ? ORDER BY e')
        .bind(id)
        .all<{ e: string }>()
    ).results.map((r) => r.e);

  it(
    'answers 429 to the 21st link with one token within a minute, while another token still gets one',
    { timeout: 60_000 },
    async () => {
      // The local limiter counts in fixed 60 s windows: start the burst early in one.
      const left = 60_000 - (Date.now() % 60_000);
      if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50));
      const busy = await makeToken('supervisor');
      for (let i = 0; i < 20; i++)
        expect(
          (await call(`/reports/${reportId}/print-link`, { method: 'POST', token: busy.token, now: NOW })).status,
        ).toBe(201);
      const limited = await call(`/reports/${reportId}/print-link`, { method: 'POST', token: busy.token, now: NOW });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('Retry-After')).toBe('60');
      expect((await errorOf(limited)).issues?.map((i) => i.path)).toEqual(['Authorization']);
      expect((await call(`/reports/${reportId}/print-link`, { method: 'POST', token: a.token, now: NOW })).status).toBe(
        201,
      );
    },
  );

  it('has the hourly job delete expired links and keep the ones still valid', async () => {
    const unit = await makeToken('unit', B);
    const filed = await submit(unit.token, submissionFor(B, PERIOD), { now: NOW });
    const id = ((await filed.json()) as { reportId: string }).reportId;
    const at = (minutes: number) => new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString();
    for (const minutes of [0, 25])
      expect(
        (await call(`/reports/${id}/print-link`, { method: 'POST', token: unit.token, now: at(minutes) })).status,
      ).toBe(201);
    expect(await expiries(id)).toEqual([at(10), at(35)]);

    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ scheduledTime: new Date(at(30)), cron: '0 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await expiries(id)).toEqual([at(35)]);
  });
});

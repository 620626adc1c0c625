// GET /manifest.xml: the add-in manifest for the Worker's own origin (https), refused with a Chinese reason on http.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';

describe('GET /manifest.xml', () => {
  it('serves the manifest with every URL on the requesting https origin', async () => {
    const res = await app.request('https://rectify.mengl.example.cn/manifest.xml', {}, env);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="manifest.xml"; filename*=UTF-8''manifest.xml`,
    );
    const xml = await res.text();
    expect(xml).toContain('<SourceLocation DefaultValue="https://rectify.mengl.example.cn/');
    expect(xml).toContain('<AppDomain>https://rectify.mengl.example.cn</AppDomain>');
    expect(xml).not.toContain('127.0.0.1');
  });

  it('refuses a plain-http public origin, saying Excel needs https', async () => {
    const res = await app.request('http://rectify.mengl.example.cn/manifest.xml', {}, env);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('https');
  });
});

// GET /manifest.xml: the add-in manifest for this very origin, so 上传我的加载项 needs one download and no build step.
// Office loads add-ins over https only; a plain-http origin other than a loopback one gets a Chinese explanation.
import type { Context } from 'hono';
import devManifest from '../../manifest.xml';
import { contentDisposition } from '../lib/content-disposition.ts';
import { productionManifest } from '../lib/production-manifest.ts';

export function manifestResponse(c: Context): Response {
  const origin = new URL(c.req.url).origin;
  let xml: string;
  try {
    xml = productionManifest(devManifest, origin);
  } catch {
    return c.text(
      `Excel 只通过 https 加载加载项：请用 https 地址（自定义域名）打开本服务后再下载 manifest.xml。当前地址：${origin}`,
      400,
    );
  }
  return c.body(xml, 200, {
    'Content-Type': 'application/xml; charset=utf-8',
    'Content-Disposition': contentDisposition('attachment', 'manifest.xml'),
    'Cache-Control': 'no-store',
  });
}

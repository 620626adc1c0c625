// Download links (issue 17). POST /download-links takes a file the pane made (the body; its name in X-File-Name,
// percent-encoded UTF-8) and answers a link valid for 10 minutes; GET /download/:token serves it once opened in the
// system browser — Excel for Mac's webview cannot save a file itself. Any signed-in role may make a link: it only
// hands the caller's own bytes back to the caller's browser.
import { Hono } from 'hono';
import { DOWNLOAD_LINK_MAX_BYTES, DownloadLinkRequest, downloadTypeOf } from '../../core/downloads/download-link.ts';
import { getDownloadLink } from '../db/download-links.ts';
import { AppError, zodIssues } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { openWithToken, sha256Hex } from '../lib/crypto.ts';
import { expiredLinkPage, LINK_PAGE_HEADERS } from '../lib/link-page.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { createDownloadLink } from '../lib/download-link.ts';

const expiredPage = () =>
  expiredLinkPage('下载链接已失效', '链接只在生成后 10 分钟内有效。请回到 Excel 任务窗格重新操作。');

function decodedName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

export const downloadRoutes = new Hono<AppEnv>()
  .post('/download-links', requireRole('unit', 'supervisor', 'admin'), async (c) => {
    const declared = Number(c.req.header('Content-Length') ?? NaN);
    if (declared > DOWNLOAD_LINK_MAX_BYTES) {
      throw new AppError(
        413,
        'file_too_large',
        {
          zh: `文件超过 ${Math.floor(DOWNLOAD_LINK_MAX_BYTES / 1000)} KB，无法生成下载链接`,
          en: 'file too large for a download link',
        },
        [{ path: 'body', code: 'too_big', message: `at most ${DOWNLOAD_LINK_MAX_BYTES} bytes` }],
      );
    }
    const data = new Uint8Array(await c.req.arrayBuffer());
    const parsed = DownloadLinkRequest.safeParse({
      fileName: decodedName(c.req.header('X-File-Name')),
      size: data.byteLength,
    });
    if (!parsed.success) {
      const issues = zodIssues(parsed.error.issues).map((i) => ({
        ...i,
        path: i.path === 'fileName' ? 'X-File-Name' : i.path === 'size' ? 'body' : i.path,
      }));
      throw new AppError(
        data.byteLength > DOWNLOAD_LINK_MAX_BYTES ? 413 : 422,
        'invalid_download',
        { zh: '下载文件的名称或内容有误', en: 'invalid download' },
        issues,
      );
    }
    const { fileName } = parsed.data;
    const link = await createDownloadLink(
      c.env.DB,
      { fileName, contentType: downloadTypeOf(fileName), disposition: 'attachment', data },
      { by: c.var.auth.tokenId, now: c.var.now, requestUrl: c.req.url },
    );
    return c.json(link, 201);
  })
  .get('/download/:token', async (c) => {
    const token = c.req.param('token');
    const row = await getDownloadLink(c.env.DB, await sha256Hex(token), c.var.now.toISOString());
    if (!row) return expiredPage();
    const body = await openWithToken(token, row.iv, row.body);
    const headers: Record<string, string> = {
      'Content-Type': row.contentType,
      'Content-Disposition': contentDisposition(row.disposition, row.fileName),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    };
    // A page shown (the 令牌发放单) runs nothing and loads nothing.
    if (row.disposition === 'inline') headers['Content-Security-Policy'] = LINK_PAGE_HEADERS['Content-Security-Policy'];
    return new Response(body, { headers });
  });

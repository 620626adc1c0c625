// The pages a short-lived link opens in the system browser (报送单, 令牌发放单, a delivered file): no script, no
// outside resources, the link's token never leaked through a Referer; and the one 410 page once a link is gone.
export const LINK_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
} as const;

/** 410 with a title and one sentence saying what to do instead (both fixed texts, no user data). */
export function expiredLinkPage(title: string, text: string): Response {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;padding:2em">
<h1 style="font-size:18px">${title}</h1><p>${text}</p></body></html>`;
  return new Response(html, { status: 410, headers: LINK_PAGE_HEADERS });
}

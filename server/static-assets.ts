// The task pane's static files (dist/addin) as the Worker's ASSETS binding serves them: `/` is index.html, `/x.html`
// is also `/x`, `/index.html` redirects (307) to `/`, headers from dist/addin/_headers, anything else 404. Only files
// inside the folder: a path that climbs out of it is not found.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

/** `_headers` rules: a path pattern (`/*` or an exact path) followed by indented `Name: value` lines. */
export function parseHeadersFile(text: string): { pattern: string; headers: [string, string][] }[] {
  const rules: { pattern: string; headers: [string, string][] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const at = line.indexOf(':');
      if (at > 0 && rules.length)
        rules[rules.length - 1]!.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

const matches = (pattern: string, p: string) =>
  pattern.endsWith('*') ? p.startsWith(pattern.slice(0, -1)) : pattern === p;

export function staticAssets(dir: string): { fetch(req: Request): Promise<Response> } {
  const root = path.resolve(dir);
  const headersFile = path.join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];

  const fileFor = (pathname: string): string | null => {
    const candidates = pathname.endsWith('/') ? [`${pathname}index.html`] : [pathname, `${pathname}.html`];
    for (const c of candidates) {
      const full = path.resolve(root, `.${c}`);
      if (!full.startsWith(root + path.sep) || path.basename(full) === '_headers') continue;
      if (existsSync(full) && statSync(full).isFile()) return full;
    }
    return null;
  };

  return {
    async fetch(req) {
      const url = new URL(req.url);
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return new Response('Not Found', { status: 404 });
      }
      if (pathname.endsWith('/index.html')) {
        return new Response(null, { status: 307, headers: { Location: pathname.slice(0, -'index.html'.length) } });
      }
      const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(pathname) : null;
      if (!file) return new Response('Not Found', { status: 404 });
      const headers = new Headers({ 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      for (const rule of rules)
        if (matches(rule.pattern, pathname)) for (const [k, v] of rule.headers) headers.set(k, v);
      return new Response(req.method === 'HEAD' ? null : readFileSync(file), { headers });
    },
  };
}

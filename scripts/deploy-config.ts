// Pure decisions of `npm run deploy` (scripts/deploy.ts), tested without a Cloudflare account: where the Worker will
// answer once deployed, and whether that is only a *.workers.dev address — unreachable from mainland China, where
// workers.dev has been DNS-poisoned since 2022, i.e. from every township and village PC this tool is for.

export interface WranglerRoute {
  pattern: string;
  custom_domain?: boolean;
  zone_name?: string;
}

export interface DeployConfig {
  name: string;
  routes?: (string | WranglerRoute)[];
  route?: string | WranglerRoute;
  workers_dev?: boolean;
  d1_databases?: { database_id?: string }[];
}

/** wrangler.jsonc → object: // and /* *\/ comments and trailing commas removed (strings left alone). */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  throw new Error('unterminated string in wrangler.jsonc');
}

/** The https origins the Worker will serve on its own domains (custom domains and zone routes), workers.dev excluded. */
export function customOrigins(config: DeployConfig): string[] {
  const routes = [...(config.routes ?? []), ...(config.route ? [config.route] : [])];
  return [
    ...new Set(
      routes
        .map((r) => (typeof r === 'string' ? r : r.pattern))
        .map((p) =>
          p
            .replace(/^https?:\/\//, '')
            .split('/')[0]!
            .replace(/^\*\.?/, ''),
        ),
    ),
  ]
    .filter((host) => host && !host.endsWith('.workers.dev'))
    .map((host) => `https://${host}`);
}

export function isWorkersDevOnly(config: DeployConfig): boolean {
  return customOrigins(config).length === 0;
}

/** True while wrangler.jsonc still holds the placeholder database id (d1 create not run yet). */
export function needsDatabaseId(config: DeployConfig): boolean {
  const id = config.d1_databases?.[0]?.database_id ?? '';
  return !id || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id);
}

export const WORKERS_DEV_WARNING = [
  '!!! 警告：只部署在 *.workers.dev 上。该域名自 2022 年起在中国大陆被 DNS 污染，乡、村的电脑无法访问。',
  '!!! WARNING: deployed on *.workers.dev only. That domain is DNS-poisoned in mainland China since 2022: the',
  '!!! township and village PCs cannot reach it. Add a custom domain to wrangler.jsonc, e.g.',
  '!!!   "routes": [{ "pattern": "zhenggai.example.gov.cn", "custom_domain": true }]',
  '!!! (the zone must be on Cloudflare), then run npm run deploy again.',
].join('\n');

/** The addresses to hand out after a deploy. */
export function deployedUrls(config: DeployConfig): { page: string; manifest: string }[] {
  return customOrigins(config).map((o) => ({ page: `${o}/`, manifest: `${o}/manifest.xml` }));
}

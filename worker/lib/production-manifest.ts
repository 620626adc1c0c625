// The production manifest: the dev manifest.xml with every dev URL rebased onto the given origin. Used by
// `npm run manifest` (scripts/write-manifest.ts) and by GET /manifest.xml (the Worker's own origin). Desktop Excel
// refuses plain HTTP except for local development, so only https (or a loopback host) is accepted.
export const DEV_ORIGIN = 'http://127.0.0.1:8787';

/** The dev manifest with every dev URL rebased onto `baseUrl`; throws on a URL Office would refuse. */
export function productionManifest(devXml: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`--url is not a URL: ${baseUrl}`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`--url must use https (Office loads add-ins over HTTPS only): ${baseUrl}`);
  }
  if (url.search || url.hash) throw new Error(`--url must not carry a query or fragment: ${baseUrl}`);
  // XML-escape the base so an odd path cannot break the document.
  const base = (url.origin + url.pathname.replace(/\/+$/, ''))
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
  return devXml
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${url.origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(base);
}

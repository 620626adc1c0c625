// Server downloads under their Chinese names (RFC 6266 with RFC 5987's filename*), read back the way a browser reads
// them: filename* holds only RFC 5987 attr-chars and %XX escapes and decodes to the name; filename is plain ASCII.
import { beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../worker/lib/content-disposition.ts';
import { DEMO_PLAN_ID } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, makeToken, type TestToken } from './helpers.ts';

/** The two names of a Content-Disposition value, checked for the syntax RFC 6266 / RFC 5987 allow. */
function names(header: string | null): { kind: string; ascii: string; utf8: string } {
  const m = /^(attachment|inline); filename="([\x20-\x21\x23-\x5b\x5d-\x7e]*)"; filename\*=UTF-8''([^;\s]*)$/.exec(
    header ?? '',
  );
  expect(m, `Content-Disposition: ${header}`).not.toBeNull();
  const [, kind, ascii, encoded] = m!;
  // attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~", or pct-encoded
  expect(encoded).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/);
  return { kind: kind!, ascii: ascii!, utf8: decodeURIComponent(encoded!) };
}

describe('contentDisposition', () => {
  it('percent-encodes the characters RFC 5987 forbids that encodeURIComponent leaves, and keeps the fallback ASCII', () => {
    const got = names(contentDisposition('attachment', `销号台账(2023)'第*批".xlsx`));
    expect(got).toEqual({ kind: 'attachment', ascii: 'download.xlsx', utf8: `销号台账(2023)'第*批".xlsx` });
    expect(names(contentDisposition('inline', 'manifest.xml')).ascii).toBe('manifest.xml');
    expect(names(contentDisposition('attachment', '现场照片.jpg', 'evidence "1".jpg')).ascii).toBe('evidence _1_.jpg');
  });
});

describe('GET /export.csv', () => {
  const PERIOD = '2023-12-H2';
  let sup: TestToken;
  beforeAll(async () => {
    sup = await makeToken('supervisor');
  });

  it('names the file 整改进展汇总-〈期次〉.csv in filename*, with plan and period in the ASCII filename', async () => {
    const res = await call(`/export.csv?period=${PERIOD}`, { token: sup.token, now: aroundDeadline(PERIOD, 60_000) });
    expect(res.status).toBe(200);
    expect(names(res.headers.get('Content-Disposition'))).toEqual({
      kind: 'attachment',
      ascii: `rectify-${DEMO_PLAN_ID}-${PERIOD}.csv`,
      utf8: '整改进展汇总-2023年12月下半月.csv',
    });
  });
});

// Real D1 in workerd answers test/server/d1-cases.ts as expected: the same cases run against the Node server's
// SQLite adapter in test/server/d1-sqlite.test.ts.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { D1_CASES } from '../server/d1-cases.ts';

describe('D1 (workerd) on the cases the SQLite adapter must match', () => {
  D1_CASES.forEach((c, i) => {
    it(c.name, async () => {
      expect(await c.run(env.DB, `conf_${i}`)).toEqual(c.expected);
    });
  });
});

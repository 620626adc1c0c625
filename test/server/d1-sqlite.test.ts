// server/d1-sqlite.ts answers every case of test/server/d1-cases.ts exactly as real D1 does in workerd
// (test/worker/d1-conformance.test.ts), on a database opened the way the server opens its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteD1 } from '../../server/d1-sqlite.ts';
import { openDatabase } from '../../server/database.ts';
import { D1_CASES } from './d1-cases.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-d1-'));
const sqlite = openDatabase(path.join(dir, 'cases.sqlite'));
afterAll(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite adapter on the cases real D1 answers', () => {
  D1_CASES.forEach((c, i) => {
    it(c.name, async () => {
      expect(await c.run(sqliteD1(sqlite), `conf_${i}`)).toEqual(c.expected);
    });
  });
});

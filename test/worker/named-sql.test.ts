// prepareNamed (worker/db/named-sql.ts) against the real local D1: names bind by name, in any order, repeatedly.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { prepareNamed } from '../../worker/db/named-sql.ts';

describe('prepareNamed', () => {
  it('binds each :name from the object, whatever the order of the keys, and a name used twice once', async () => {
    const row = await prepareNamed(env.DB, 'SELECT :b AS b, :a AS a, :a || :b AS ab', { a: 'x', b: 'y' }).first();
    expect(row).toEqual({ b: 'y', a: 'x', ab: 'xy' });
  });

  it('binds null and numbers as they are', async () => {
    expect(await prepareNamed(env.DB, 'SELECT :n + 1 AS n, :z IS NULL AS z', { n: 41, z: null }).first()).toEqual({
      n: 42,
      z: 1,
    });
  });

  it('throws naming a parameter the SQL uses but the object lacks', () => {
    expect(() => prepareNamed(env.DB, 'SELECT :missing', {})).toThrow(':missing');
  });
});

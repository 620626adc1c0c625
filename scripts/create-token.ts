// Creates one bearer token straight in D1 — how the first admin token of a deployment is made (later tokens come
// from POST /api/v1/admin/tokens). Only the SHA-256 hash is stored; the plain token is printed once.
//   npm run token -- --role admin --label "乡村振兴办管理员" [--unit v-minliang] [--remote] [--persist-to DIR]
import { parseArgs } from 'node:util';
import { Role } from '../core/schemas/api.ts';
import { newDevToken, sqlString, tokenInsertSql, wrangler } from './seed-dev.ts';

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      unit: { type: 'string' },
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
    },
  });
  const role = Role.safeParse(values.role);
  if (!role.success) throw new Error('--role must be unit, supervisor or admin');
  if (!values.label?.trim()) throw new Error('--label is required (who holds the token)');
  if ((role.data === 'unit') !== Boolean(values.unit))
    throw new Error('--unit is required for, and only for, --role unit');
  const target = values.remote
    ? ['--remote']
    : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
  if (values.unit) {
    // Units are data in D1 (seeded by migrations, added through /admin/units): ask the database the token goes to.
    const out = await wrangler([
      'd1',
      'execute',
      'DB',
      ...target,
      '--command',
      `SELECT COUNT(*) AS n FROM units WHERE id = ${sqlString(values.unit)}`,
      '--json',
    ]);
    const n = (JSON.parse(out) as { results: { n: number }[] }[])[0]!.results[0]!.n;
    if (n === 0) throw new Error(`unknown unit id ${values.unit}`);
  }
  const token = newDevToken(values.unit);
  await wrangler([
    'd1',
    'execute',
    'DB',
    ...target,
    '--command',
    tokenInsertSql(token, role.data, values.label.trim(), values.unit ?? null),
    '--yes',
  ]);
  console.log(`token (shown once, store it safely): ${token}`);
}

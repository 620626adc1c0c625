// Creates one bearer token straight in D1 — how the first admin token of a deployment is made (later tokens come
// from POST /api/v1/admin/tokens). Only the SHA-256 hash is stored; the plain token is printed once.
//   npm run token -- --role admin --label "乡村振兴办管理员" [--unit v-minliang] [--remote] [--persist-to DIR]
import { parseArgs } from 'node:util';
import { Role, unitById } from '../core/index.ts';
import { newDevToken, tokenInsertSql, wrangler } from './seed-dev.ts';

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
  if ((role.data === 'unit') !== Boolean(values.unit)) throw new Error('--unit is required for, and only for, --role unit');
  if (values.unit && !unitById(values.unit)) throw new Error(`unknown unit id ${values.unit}`);
  const token = newDevToken(values.unit);
  const target = values.remote ? ['--remote'] : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
  await wrangler(['d1', 'execute', 'DB', ...target, '--command', tokenInsertSql(token, role.data, values.label.trim(), values.unit ?? null), '--yes']);
  console.log(`token (shown once, store it safely): ${token}`);
}

// Writes worker/migrations/0003_plans.sql's seed section from data/demo-plan-2023.json, so the migration that moves
// the product to plans-as-data seeds exactly the data file (test/worker/migration-0003.test.ts checks they agree).
// Run: node --import tsx scripts/write-demo-migration.ts > /tmp/seed.sql
import demo from '../data/demo-plan-2023.json' with { type: 'json' };
import { resolvePlan } from '../core/plan/resolve-plan.ts';
import { PlanInput } from '../core/schemas/plan.ts';
import { Unit } from '../core/schemas/unit.ts';

const q = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
const units = demo.units.map((u) => Unit.parse(u));
const r = resolvePlan(PlanInput.parse(demo.plan), { id: demo.planId, units, now: new Date('2023-08-03T00:00:00Z') });
if (!r.ok) throw new Error(JSON.stringify(r.issues));
const { problems, measures } = r.plan;
const lines = units.map(
  (u) =>
    `UPDATE units SET aliases = ${q(JSON.stringify(u.aliases))}, contact_name = ${q(u.contactName)}, contact_phone = ${q(u.contactPhone)} WHERE id = ${q(u.id)};`,
);
lines.push(
  `INSERT INTO plans (id, title, doc_number, schedule, first_period, status, body, created_at, updated_at) VALUES (${q(r.plan.id)}, ${q(r.plan.title)}, ${q(r.plan.docNumber ?? null)}, ${q(JSON.stringify(r.plan.schedule))}, ${q(r.plan.firstPeriod)}, 'active', ${q(JSON.stringify({ problems, measures }))}, '2023-08-03T00:00:00.000Z', '2023-08-03T00:00:00.000Z');`,
);
console.log(lines.join('\n'));

// Units (填报单位) as stored in D1: the 22 seeded ones (migrations 0002/0003) and any the office adds.
import type { Unit, UnitCreate, UnitPatch } from '../../core/schemas/unit.ts';

interface UnitRow {
  id: string;
  name: string;
  kind: Unit['kind'];
  aliases: string;
  contact_name: string | null;
  contact_phone: string | null;
  active: number;
}

const SELECT = 'SELECT id, name, kind, aliases, contact_name, contact_phone, active FROM units';

function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    aliases: JSON.parse(r.aliases) as string[],
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    active: r.active === 1,
  };
}

/** listUnits as a statement to batch with others. */
export function unitsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`${SELECT} ORDER BY sort, id`);
}

export function toUnits(results: unknown[]): Unit[] {
  return (results as UnitRow[]).map(toUnit);
}

/** Every unit, active or not, in the township's order. */
export async function listUnits(db: D1Database): Promise<Unit[]> {
  const { results } = await db.prepare(`${SELECT} ORDER BY sort, id`).all<UnitRow>();
  return results.map(toUnit);
}

export async function getUnit(db: D1Database, id: string): Promise<Unit | null> {
  const r = await db.prepare(`${SELECT} WHERE id = ?`).bind(id).first<UnitRow>();
  return r ? toUnit(r) : null;
}

/** False when the id is taken (ids are never reused, so a deactivated unit keeps its id too). */
export async function insertUnit(db: D1Database, u: UnitCreate): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO units (id, name, kind, sort, aliases, contact_name, contact_phone, active)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM units), ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(u.id, u.name, u.kind, JSON.stringify(u.aliases), u.contactName, u.contactPhone)
    .run();
  return r.meta.changes > 0;
}

export async function updateUnit(db: D1Database, id: string, p: UnitPatch): Promise<Unit | null> {
  const sets: string[] = [];
  const params: (string | number | null)[] = [];
  if (p.name !== undefined) (sets.push('name = ?'), params.push(p.name));
  if (p.aliases !== undefined) (sets.push('aliases = ?'), params.push(JSON.stringify(p.aliases)));
  if (p.contactName !== undefined) (sets.push('contact_name = ?'), params.push(p.contactName));
  if (p.contactPhone !== undefined) (sets.push('contact_phone = ?'), params.push(p.contactPhone));
  if (p.active !== undefined) (sets.push('active = ?'), params.push(p.active ? 1 : 0));
  await db
    .prepare(`UPDATE units SET ${sets.join(', ')} WHERE id = ?`)
    .bind(...params, id)
    .run();
  return getUnit(db, id);
}

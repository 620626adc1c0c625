// Units (填报单位) as stored in D1; seeded by migration 0002 from core's registry.
import type { UnitKind } from '../../core/index.ts';

export interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind;
}

export async function listUnits(db: D1Database): Promise<UnitRow[]> {
  const { results } = await db.prepare('SELECT id, name, kind FROM units ORDER BY sort, id').all<UnitRow>();
  return results;
}

export async function getUnit(db: D1Database, id: string): Promise<UnitRow | null> {
  return db.prepare('SELECT id, name, kind FROM units WHERE id = ?').bind(id).first<UnitRow>();
}

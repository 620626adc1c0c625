// A generation per (plan, unit), bumped in the same batch as every write the unit's 预警 depend on — a report stored,
// 退回 / 撤销退回, a 销号 transition — so its stored schedules (db/pair-warnings.ts) stop being current at once and
// are recomputed on the next read. Plan edits need no bump: the rows carry the plan version they were computed for.

/** In the same batch as a write the unit's 预警 depend on: its rows stop being current (recomputed on the next read). */
export function bumpWarningSource(db: D1Database, planId: string, unitId: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO warning_sources (plan_id, unit_id, gen) VALUES (?1, ?2, 1)
       ON CONFLICT (plan_id, unit_id) DO UPDATE SET gen = gen + 1`,
    )
    .bind(planId, unitId);
}

/** bumpWarningSource for the unit and plan of a stored report (nothing when there is no such report). */
export function bumpWarningSourceOfReport(db: D1Database, reportId: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO warning_sources (plan_id, unit_id, gen) SELECT plan_id, unit_id, 1 FROM reports WHERE id = ?1
       ON CONFLICT (plan_id, unit_id) DO UPDATE SET gen = gen + 1`,
    )
    .bind(reportId);
}

// Plans (整改方案) as stored: one row per plan with problems and measures as a JSON body, and a log of changes.
import type { Plan, PlanStatus, Schedule } from '../../core/schemas/plan.ts';

interface PlanRow {
  id: string;
  version: number;
  title: string;
  doc_number: string | null;
  schedule: string;
  first_period: string;
  status: PlanStatus;
  body: string;
}

function toPlan(r: PlanRow): Plan {
  const body = JSON.parse(r.body) as Pick<Plan, 'problems' | 'measures' | 'warningThresholds'>;
  return {
    id: r.id,
    title: r.title,
    ...(r.doc_number ? { docNumber: r.doc_number } : {}),
    schedule: JSON.parse(r.schedule) as Schedule,
    firstPeriod: r.first_period,
    status: r.status,
    problems: body.problems,
    measures: body.measures,
    version: r.version,
    ...(body.warningThresholds ? { warningThresholds: body.warningThresholds } : {}),
  };
}

const SELECT = 'SELECT id, title, doc_number, schedule, first_period, status, body, version FROM plans';

export async function getPlan(db: D1Database, id: string): Promise<Plan | null> {
  const r = await db.prepare(`${SELECT} WHERE id = ?`).bind(id).first<PlanRow>();
  return r ? toPlan(r) : null;
}

export async function listPlans(db: D1Database, status?: PlanStatus): Promise<Plan[]> {
  const { results } = status
    ? await db.prepare(`${SELECT} WHERE status = ? ORDER BY created_at, id`).bind(status).all<PlanRow>()
    : await db.prepare(`${SELECT} ORDER BY created_at, id`).all<PlanRow>();
  return results.map(toPlan);
}

/** The plans a request can mean: the one it names, or else the active ones (lib/plan-choice.ts pickPlan picks). */
export async function candidatePlans(db: D1Database, named: string | undefined): Promise<Plan[]> {
  if (named === undefined || named === '') return listPlans(db, 'active');
  const plan = await getPlan(db, named);
  return plan ? [plan] : [];
}

/** Every plan with its version (which a submission's insert checks is still current), as a statement to batch. */
export function planVersionsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`${SELECT} ORDER BY created_at, id`);
}

export function toPlanVersions(results: unknown[]): { plan: Plan; version: number }[] {
  return (results as PlanRow[]).map((r) => ({ plan: toPlan(r), version: r.version }));
}

export type PlanChangeKind = 'published' | 'replaced' | 'edited' | 'closed';

export interface PlanChange {
  at: string;
  tokenId: string | null;
  kind: PlanChangeKind;
  changes: unknown;
}

function changeStatement(db: D1Database, planId: string, c: PlanChange): D1PreparedStatement {
  return db
    .prepare('INSERT INTO plan_changes (plan_id, at, token_id, kind, changes) VALUES (?, ?, ?, ?, ?)')
    .bind(planId, c.at, c.tokenId, c.kind, JSON.stringify(c.changes));
}

/** The change row, written only when the statement just before it in the batch changed a row (SQLite changes()). */
function changeIfWrittenStatement(db: D1Database, planId: string, c: PlanChange): D1PreparedStatement {
  return db
    .prepare('INSERT INTO plan_changes (plan_id, at, token_id, kind, changes) SELECT ?, ?, ?, ?, ? WHERE changes() > 0')
    .bind(planId, c.at, c.tokenId, c.kind, JSON.stringify(c.changes));
}

/** Stores a newly published plan (version 1) and records it, in one batch. */
export async function insertPlan(db: D1Database, plan: Plan, change: PlanChange): Promise<Plan> {
  const body = JSON.stringify({
    problems: plan.problems,
    measures: plan.measures,
    warningThresholds: plan.warningThresholds,
  });
  await db.batch([
    db
      .prepare(
        `INSERT INTO plans (id, title, doc_number, schedule, first_period, status, body, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1)`,
      )
      .bind(
        plan.id,
        plan.title,
        plan.docNumber ?? null,
        JSON.stringify(plan.schedule),
        plan.firstPeriod,
        plan.status,
        body,
        change.at,
      ),
    changeStatement(db, plan.id, change),
  ]);
  return { ...plan, version: 1 };
}

/**
 * Overwrites a stored plan's content (never its status) if it is still at `version`, recording the change in the
 * same batch; the new version, or null when another write got there first (nothing written, nothing recorded).
 */
export async function updatePlan(
  db: D1Database,
  plan: Plan,
  version: number,
  change: PlanChange,
): Promise<number | null> {
  const body = JSON.stringify({
    problems: plan.problems,
    measures: plan.measures,
    warningThresholds: plan.warningThresholds,
  });
  const [upd] = await db.batch([
    db
      .prepare(
        `UPDATE plans SET title = ?, doc_number = ?, schedule = ?, first_period = ?, body = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?`,
      )
      .bind(
        plan.title,
        plan.docNumber ?? null,
        JSON.stringify(plan.schedule),
        plan.firstPeriod,
        body,
        change.at,
        plan.id,
        version,
      ),
    changeIfWrittenStatement(db, plan.id, change),
  ]);
  return upd!.meta.changes > 0 ? version + 1 : null;
}

/** Closes an active plan still at `version`, recording it in the same batch; false when nothing was closed. */
export async function closePlan(db: D1Database, id: string, version: number, change: PlanChange): Promise<boolean> {
  const [upd] = await db.batch([
    db
      .prepare(
        `UPDATE plans SET status = 'closed', updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'active'`,
      )
      .bind(change.at, id, version),
    changeIfWrittenStatement(db, id, change),
  ]);
  return upd!.meta.changes > 0;
}

export async function listPlanChanges(db: D1Database, planId: string): Promise<PlanChange[]> {
  const { results } = await db
    .prepare('SELECT at, token_id AS tokenId, kind, changes FROM plan_changes WHERE plan_id = ? ORDER BY id')
    .bind(planId)
    .all<{ at: string; tokenId: string | null; kind: PlanChangeKind; changes: string }>();
  return results.map((r) => ({ ...r, changes: JSON.parse(r.changes) as unknown }));
}

/** Measure ids of the plan that some stored report row names: these cannot be removed from the plan. */
export async function reportedMeasureIds(db: D1Database, planId: string): Promise<Set<string>> {
  const { results } = await db
    .prepare(
      'SELECT DISTINCT rr.measure_id AS id FROM reports r JOIN report_rows rr ON rr.report_id = r.id WHERE r.plan_id = ?',
    )
    .bind(planId)
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** The earliest period some report of the plan is filed for, or null while the plan has no report. */
export async function firstReportedPeriod(db: D1Database, planId: string): Promise<string | null> {
  const r = await db
    .prepare('SELECT MIN(period) AS period FROM reports WHERE plan_id = ?')
    .bind(planId)
    .first<{ period: string | null }>();
  return r?.period ?? null;
}

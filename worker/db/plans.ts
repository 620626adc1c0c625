// Plans (整改方案) as stored: one row per plan with problems and measures as a JSON body, and a log of changes.
import type { Plan, PlanStatus, Schedule } from '../../core/index.ts';

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
  const body = JSON.parse(r.body) as Pick<Plan, 'problems' | 'measures'>;
  return {
    id: r.id,
    title: r.title,
    ...(r.doc_number ? { docNumber: r.doc_number } : {}),
    schedule: JSON.parse(r.schedule) as Schedule,
    firstPeriod: r.first_period,
    status: r.status,
    problems: body.problems,
    measures: body.measures,
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

/** Inserts a new plan or overwrites a stored one, and records the change, in one batch. */
export async function savePlan(db: D1Database, plan: Plan, change: PlanChange): Promise<void> {
  const body = JSON.stringify({ problems: plan.problems, measures: plan.measures });
  await db.batch([
    db
      .prepare(
        `INSERT INTO plans (id, title, doc_number, schedule, first_period, status, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (id) DO UPDATE SET title = ?2, doc_number = ?3, schedule = ?4, first_period = ?5, status = ?6,
           body = ?7, updated_at = ?8, version = version + 1`,
      )
      .bind(plan.id, plan.title, plan.docNumber ?? null, JSON.stringify(plan.schedule), plan.firstPeriod, plan.status, body, change.at),
    changeStatement(db, plan.id, change),
  ]);
}

export async function closePlan(db: D1Database, id: string, change: PlanChange): Promise<boolean> {
  const [upd] = await db.batch([
    db.prepare(`UPDATE plans SET status = 'closed', updated_at = ?, version = version + 1 WHERE id = ? AND status = 'active'`).bind(change.at, id),
    changeStatement(db, id, change),
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
    .prepare('SELECT DISTINCT rr.measure_id AS id FROM reports r JOIN report_rows rr ON rr.report_id = r.id WHERE r.plan_id = ?')
    .bind(planId)
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** The earliest period some report of the plan is filed for, or null while the plan has no report. */
export async function firstReportedPeriod(db: D1Database, planId: string): Promise<string | null> {
  const r = await db.prepare('SELECT MIN(period) AS period FROM reports WHERE plan_id = ?').bind(planId).first<{ period: string | null }>();
  return r?.period ?? null;
}

// 督办单 in D1. The number is taken inside the INSERT (max + 1 within the plan), and the pair must not be closed at
// that moment; an answer is written only while the notice is unanswered and only by its unit.
export interface NoticeRow {
  id: string;
  planId: string;
  number: number;
  measureId: string;
  unitId: string;
  requirement: string;
  dueDate: string;
  issuedAt: string;
  issuedBy: string;
  answerText: string | null;
  answerEvidenceIds: string | null;
  answeredAt: string | null;
}

const COLUMNS = `id, plan_id AS planId, number, measure_id AS measureId, unit_id AS unitId, requirement, due_date AS dueDate,
  issued_at AS issuedAt, issued_by_label AS issuedBy, answer_text AS answerText, answer_evidence_ids AS answerEvidenceIds,
  answered_at AS answeredAt`;

export interface NewNotice {
  id: string;
  planId: string;
  measureId: string;
  unitId: string;
  requirement: string;
  dueDate: string;
  at: string;
  tokenId: string;
  byLabel: string;
}

/** Inserts the notice with the plan's next number; 'pair_closed' when the pair is 已销号. */
export async function insertNotice(db: D1Database, n: NewNotice): Promise<NoticeRow | 'pair_closed'> {
  const result = await db
    .prepare(
      `INSERT INTO supervision_notices (id, plan_id, number, measure_id, unit_id, requirement, due_date, issued_at, issued_by, issued_by_label)
       SELECT ?1, ?2, COALESCE((SELECT MAX(number) FROM supervision_notices WHERE plan_id = ?2), 0) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9
       WHERE NOT EXISTS (SELECT 1 FROM closures WHERE plan_id = ?2 AND measure_id = ?3 AND unit_id = ?4 AND state = 'closed')`,
    )
    .bind(n.id, n.planId, n.measureId, n.unitId, n.requirement, n.dueDate, n.at, n.tokenId, n.byLabel)
    .run();
  if (result.meta.changes === 0) return 'pair_closed';
  return (await getNotice(db, n.id))!;
}

export async function getNotice(db: D1Database, id: string): Promise<NoticeRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM supervision_notices WHERE id = ?1`).bind(id).first<NoticeRow>();
}

export async function listNotices(db: D1Database, planId: string, unitId?: string): Promise<NoticeRow[]> {
  const sql = `SELECT ${COLUMNS} FROM supervision_notices WHERE plan_id = ?1 ${unitId ? 'AND unit_id = ?2' : ''} ORDER BY number`;
  const stmt = unitId ? db.prepare(sql).bind(planId, unitId) : db.prepare(sql).bind(planId);
  return (await stmt.all<NoticeRow>()).results;
}

/** Records the unit's 回复 once; 'not_open' when it was answered already (or is not this unit's). */
export async function answerNotice(
  db: D1Database,
  a: { id: string; unitId: string; text: string; evidenceIds: readonly string[]; at: string; tokenId: string },
): Promise<'answered' | 'not_open'> {
  const update = db
    .prepare(
      `UPDATE supervision_notices SET answer_text = ?3, answer_evidence_ids = ?4, answered_at = ?5, answered_by = ?6
       WHERE id = ?1 AND unit_id = ?2 AND answered_at IS NULL`,
    )
    .bind(a.id, a.unitId, a.text, JSON.stringify(a.evidenceIds), a.at, a.tokenId);
  const files = a.evidenceIds.map((e) =>
    db
      .prepare(
        `INSERT INTO closure_evidence (evidence_id, notice_id) SELECT ?1, ?2
         WHERE EXISTS (SELECT 1 FROM supervision_notices WHERE id = ?2 AND answered_at = ?3 AND answered_by = ?4)`,
      )
      .bind(e, a.id, a.at, a.tokenId),
  );
  const [first] = await db.batch([update, ...files]);
  return first!.meta.changes === 1 ? 'answered' : 'not_open';
}

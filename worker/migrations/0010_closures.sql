-- Issue 20: 销号 (closure) of each (measure, unit) pair, its recorded transitions, and 督办单 (supervision notices).
-- Nothing here is ever deleted: a pair's history is its events; `closures` is the current state they lead to.

-- The current state of a pair that has ever moved (a pair without a row is 整改中). `version` is the number of
-- events so far: a transition writes event number version + 1, so two concurrent verdicts on one application
-- cannot both be recorded (the second breaks closure_events' UNIQUE key and its whole batch is refused).
CREATE TABLE closures (
  plan_id TEXT NOT NULL REFERENCES plans (id),
  measure_id TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'applied', 'closed')),
  part TEXT CHECK (part IN ('whole', 'dated')),
  extended_deadline TEXT,
  rejection_pending INTEGER NOT NULL DEFAULT 0 CHECK (rejection_pending IN (0, 1)),
  applied_at TEXT,
  closed_at TEXT,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, measure_id, unit_id)
) WITHOUT ROWID;

CREATE TABLE closure_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL REFERENCES plans (id),
  measure_id TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('applied', 'closed', 'rejected', 'reopened')),
  part TEXT CHECK (part IN ('whole', 'dated')),
  -- 整改情况 (applied), 核查意见 (closed), the reason (rejected, reopened).
  text TEXT NOT NULL,
  verified_on TEXT,
  extended_deadline TEXT,
  evidence_ids TEXT NOT NULL DEFAULT '[]',
  token_id TEXT NOT NULL REFERENCES tokens (id),
  by_label TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (plan_id, measure_id, unit_id, seq)
);

-- Files a closure application or a 督办单 answer rests on: never deleted by housekeeping.
CREATE TABLE closure_evidence (
  evidence_id TEXT NOT NULL,
  event_id INTEGER REFERENCES closure_events (id),
  notice_id TEXT REFERENCES supervision_notices (id),
  CHECK ((event_id IS NULL) <> (notice_id IS NULL))
);
CREATE INDEX closure_evidence_file ON closure_evidence (evidence_id);

-- 督办单: one per issue ("一事一单"), numbered per plan (督办〔2023〕第 N 号 is rendered from `number`).
CREATE TABLE supervision_notices (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id),
  number INTEGER NOT NULL,
  measure_id TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  requirement TEXT NOT NULL,
  due_date TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL REFERENCES tokens (id),
  issued_by_label TEXT NOT NULL,
  answer_text TEXT,
  answer_evidence_ids TEXT,
  answered_at TEXT,
  answered_by TEXT REFERENCES tokens (id),
  UNIQUE (plan_id, number)
);
CREATE INDEX supervision_notices_unit ON supervision_notices (plan_id, unit_id);

-- Rectify storage. Reports are append-only: every submission is a new revision; report_heads is a derived
-- pointer (one row per unit × period) kept in the same batch so /summary and /matrix read by index, not by scanning
-- history.

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('village', 'office')),
  sort INTEGER NOT NULL DEFAULT 0
);

-- Only SHA-256 hashes of bearer tokens are stored; the plain token is shown once at creation.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('unit', 'supervisor', 'admin')),
  unit_id TEXT REFERENCES units (id),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((role = 'unit') = (unit_id IS NOT NULL))
);

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  period TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  signer TEXT NOT NULL,
  received_at TEXT NOT NULL,
  -- This revision's own arrival vs the deadline (kept for audit) …
  timeliness TEXT NOT NULL CHECK (timeliness IN ('on_time', 'late')),
  -- … and the report's timeliness as of this revision: revision 1's, which resubmitting cannot change.
  effective_timeliness TEXT NOT NULL CHECK (effective_timeliness IN ('on_time', 'late')),
  idempotency_key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  token_id TEXT NOT NULL REFERENCES tokens (id),
  row_count INTEGER NOT NULL,
  -- {"<measureId>": "<status>"} of this revision's rows: the summary aggregates these per period without
  -- reading report_rows (a unit reports a measure at most once; core's duplicate_measure rule rejects repeats).
  measure_statuses TEXT NOT NULL,
  warning_count INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',
  returned_reason TEXT,
  returned_at TEXT,
  returned_by TEXT REFERENCES tokens (id),
  UNIQUE (unit_id, period, revision),
  UNIQUE (unit_id, idempotency_key)
);
CREATE INDEX reports_period_unit ON reports (period, unit_id, revision);

CREATE TABLE report_rows (
  report_id TEXT NOT NULL REFERENCES reports (id),
  idx INTEGER NOT NULL,
  measure_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'phased', 'ongoing', 'not_started')),
  progress TEXT NOT NULL,
  target REAL,
  actual REAL,
  rate REAL,
  funds_planned REAL,
  funds_paid REAL,
  evidence TEXT,
  note TEXT,
  PRIMARY KEY (report_id, idx)
) WITHOUT ROWID;

-- Current revision of each unit's report for a period. timeliness/first_received_at come from revision 1 and are
-- never updated (a unit cannot repair lateness by resubmitting); returned mirrors the current revision's state.
CREATE TABLE report_heads (
  period TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  report_id TEXT NOT NULL REFERENCES reports (id),
  revision INTEGER NOT NULL,
  first_received_at TEXT NOT NULL,
  timeliness TEXT NOT NULL CHECK (timeliness IN ('on_time', 'late')),
  returned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (period, unit_id)
) WITHOUT ROWID;
CREATE INDEX report_heads_unit ON report_heads (unit_id, period);

-- Units with no report when a deadline passed, recorded by the scheduled job.
CREATE TABLE missing_flags (
  period TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  flagged_at TEXT NOT NULL,
  PRIMARY KEY (period, unit_id)
) WITHOUT ROWID;

-- One row per (period, kind): the claim that makes each webhook message go out at most once.
CREATE TABLE reminder_deliveries (
  period TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'missing')),
  created_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
  unit_count INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  response_status INTEGER,
  detail TEXT,
  PRIMARY KEY (period, kind)
) WITHOUT ROWID;

-- 连接码 (enrollment codes): short one-time codes a unit exchanges once for its token (POST /api/v1/enroll). Only the
-- SHA-256 of the normalised code is stored. A code is live while used_at, revoked_at are NULL and expires_at is in
-- the future; token_id is the token it was exchanged for.
CREATE TABLE enrollment_codes (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  unit_id TEXT NOT NULL REFERENCES units (id),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES tokens (id),
  expires_at TEXT NOT NULL,
  used_at TEXT,
  token_id TEXT REFERENCES tokens (id),
  revoked_at TEXT
);
CREATE INDEX enrollment_codes_unit ON enrollment_codes (unit_id, created_at);

-- Reminders go to several group robots (REMINDER_WEBHOOKS, e.g. one group for villages, one for offices): each
-- delivery is claimed per channel (the webhook's name; 'default' for the single REMINDER_WEBHOOK_URL and for every
-- delivery recorded before). Rebuilt because the primary key changes.
CREATE TABLE reminder_deliveries_new (
  plan_id TEXT NOT NULL REFERENCES plans (id),
  period TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'missing')),
  channel TEXT NOT NULL DEFAULT 'default',
  created_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
  unit_count INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  response_status INTEGER,
  detail TEXT,
  PRIMARY KEY (plan_id, period, kind, channel)
) WITHOUT ROWID;
INSERT INTO reminder_deliveries_new (plan_id, period, kind, channel, created_at, status, unit_count, attempts, response_status, detail)
  SELECT plan_id, period, kind, 'default', created_at, status, unit_count, attempts, response_status, detail FROM reminder_deliveries;
DROP TABLE reminder_deliveries;
ALTER TABLE reminder_deliveries_new RENAME TO reminder_deliveries;

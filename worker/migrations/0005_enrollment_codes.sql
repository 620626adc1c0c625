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

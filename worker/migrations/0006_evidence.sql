-- Issue 19: 佐证材料 (evidence files). Bytes live in R2 (binding EVIDENCE) under `evidence/<id>`; this is their
-- metadata, the multipart uploads in progress, which report rows refer to which file, and a log of reads/deletes.

CREATE TABLE evidence_files (
  id TEXT PRIMARY KEY,                 -- ev_ + 26 base32 characters; also the storage key's last part
  plan_id TEXT NOT NULL REFERENCES plans (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  period TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  item TEXT,                           -- 子项, when the row names one
  name TEXT NOT NULL,                  -- cleaned file name (a label only; the type comes from the bytes)
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  type TEXT NOT NULL,                  -- sniffed: jpeg/png/webp/heic/pdf/ofd/docx/xlsx/ole
  uploaded_at TEXT NOT NULL,
  token_hash TEXT NOT NULL,            -- SHA-256 of the uploading token (never the token)
  UNIQUE (unit_id, plan_id, sha256)    -- the same bytes are stored once per unit and plan
);
CREATE INDEX evidence_files_plan ON evidence_files (plan_id, period, measure_id);
CREATE INDEX evidence_files_uploaded ON evidence_files (uploaded_at);

-- Multipart uploads (files over 5 MiB). A part's row is written after R2 stored it: the rows are what is resumable.
CREATE TABLE evidence_uploads (
  id TEXT PRIMARY KEY,                 -- up_ + random; what the client holds
  store_upload_id TEXT NOT NULL,       -- the storage's own multipart upload id
  file_id TEXT NOT NULL,               -- the evidence id the file gets once complete (its storage key)
  plan_id TEXT NOT NULL REFERENCES plans (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  period TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  item TEXT,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  part_count INTEGER NOT NULL,
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX evidence_uploads_unit ON evidence_uploads (unit_id, plan_id);
CREATE INDEX evidence_uploads_expires ON evidence_uploads (expires_at);

CREATE TABLE evidence_upload_parts (
  upload_id TEXT NOT NULL REFERENCES evidence_uploads (id) ON DELETE CASCADE,
  part_number INTEGER NOT NULL,
  etag TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;

-- Which accepted revision's rows refer to which file. A file named here is never deleted by housekeeping.
CREATE TABLE report_evidence (
  report_id TEXT NOT NULL REFERENCES reports (id),
  row_index INTEGER NOT NULL,
  evidence_id TEXT NOT NULL REFERENCES evidence_files (id),
  PRIMARY KEY (report_id, row_index, evidence_id)
) WITHOUT ROWID;
CREATE INDEX report_evidence_file ON report_evidence (evidence_id);

-- Short-lived read links, like print_links: the token's SHA-256, the file, who asked, until when.
CREATE TABLE evidence_links (
  token_hash TEXT PRIMARY KEY,
  evidence_id TEXT NOT NULL REFERENCES evidence_files (id) ON DELETE CASCADE,
  token_id TEXT NOT NULL,              -- the bearer token that asked for the link (who read it)
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every read and delete of a file. Not a foreign key: the log outlives the file.
CREATE TABLE evidence_access (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  evidence_id TEXT NOT NULL,
  action TEXT NOT NULL,                -- read / delete
  actor TEXT NOT NULL,                 -- token id, or "housekeeping"
  at TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX evidence_access_file ON evidence_access (evidence_id, id);

-- Short-lived download links (issue 17): a file the pane cannot save itself (Excel for Mac's webview ignores
-- downloads) or the 令牌发放单, kept for 10 minutes so the system browser can fetch it. The body is sealed with
-- AES-GCM under a key derived from the link's random token, and the token is stored only as its SHA-256: the
-- database alone cannot read a file, nor a 连接码 on a sheet. Expired rows are deleted whenever a link is made.
CREATE TABLE download_links (
  token_hash TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  -- 'attachment' saves the file; 'inline' shows a page (the 令牌发放单) to print.
  disposition TEXT NOT NULL CHECK (disposition IN ('attachment', 'inline')),
  iv BLOB NOT NULL,
  body BLOB NOT NULL,
  created_by TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX download_links_expiry ON download_links (expires_at);

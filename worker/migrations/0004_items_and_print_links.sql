-- Issue 10: items (子项) under one measure, and print links for the 报送单.
-- Several rows per measure (子项, issue 10): each row may name its item, and each report keeps the per-measure sums
-- of its figures next to measure_statuses (one status per measure: the least advanced of its rows), so the summary
-- still reads one row per unit and never report_rows.
ALTER TABLE report_rows ADD COLUMN item TEXT;
ALTER TABLE reports ADD COLUMN measure_figures TEXT NOT NULL DEFAULT '{}';

-- Short-lived print links (报送单): a random token (stored as its SHA-256) opens one report's printable page for 10
-- minutes without the unit's long-lived bearer token, so the page can open in the system browser.
CREATE TABLE print_links (
  token_hash TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

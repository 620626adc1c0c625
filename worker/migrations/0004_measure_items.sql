-- Several rows per measure (子项, issue 10): each row may name its item, and each report keeps the per-measure sums
-- of its figures next to measure_statuses (one status per measure: the least advanced of its rows), so the summary
-- still reads one row per unit and never report_rows.
ALTER TABLE report_rows ADD COLUMN item TEXT;
ALTER TABLE reports ADD COLUMN measure_figures TEXT NOT NULL DEFAULT '{}';

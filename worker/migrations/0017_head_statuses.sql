-- Issue 20 (scale of /warnings and the 销号台账): each report_heads pointer carries a copy of its report's
-- measure_statuses and measure_figures, written in the same statement that moves the pointer. The 预警 of every pair
-- reads the last few periods' heads only — one contiguous range of this WITHOUT ROWID table, clustered by
-- (plan_id, period) — instead of looking each report up among the whole history's rows.
ALTER TABLE report_heads ADD COLUMN measure_statuses TEXT NOT NULL DEFAULT '{}';
ALTER TABLE report_heads ADD COLUMN measure_figures TEXT NOT NULL DEFAULT '{}';
UPDATE report_heads SET
  measure_statuses = (SELECT r.measure_statuses FROM reports r WHERE r.id = report_heads.report_id),
  measure_figures = (SELECT r.measure_figures FROM reports r WHERE r.id = report_heads.report_id);

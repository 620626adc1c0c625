-- Issue 18: 计量单位 travels with each row. 目标值 and 完成值 are counted in it, and the summary adds figures only
-- within one unit of measure (reports.measure_figures keeps one sum per unit of measure when a measure has several).
ALTER TABLE report_rows ADD COLUMN unit_of_measure TEXT;

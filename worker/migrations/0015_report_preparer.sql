-- 填报人 and 联系电话 of a report (optional, from the pane's settings): printed on its 报送单.
ALTER TABLE reports ADD COLUMN preparer TEXT;
ALTER TABLE reports ADD COLUMN preparer_phone TEXT;

-- reports kept two timeliness columns: `timeliness` (this revision's own arrival, never read) and
-- `effective_timeliness` (the first revision's: what the API, the receipt and the summaries call timeliness).
-- One column stays, under the API's name.
ALTER TABLE reports DROP COLUMN timeliness;
ALTER TABLE reports RENAME COLUMN effective_timeliness TO timeliness;

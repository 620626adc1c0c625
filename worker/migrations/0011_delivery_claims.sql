-- When a reminder delivery was last claimed for sending. A claim still 'sending' long after the webhook timeout means
-- the Worker stopped mid-delivery (a restart, a crash): the next hourly run claims the same record again.
ALTER TABLE reminder_deliveries ADD COLUMN claimed_at TEXT;
UPDATE reminder_deliveries SET claimed_at = created_at;

-- When the event's effect was applied (the applying transaction's own clock, not its start), for lag figures.
ALTER TABLE inbox_processed_event ALTER COLUMN processed_at SET DEFAULT clock_timestamp();
